"""Writes: the organisation predikat of an agency for a period, and the override of the distribution guideline."""

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, Period

from .models import AgencyPredikat, DistributionOverride


@transaction.atomic
def set_organisation_predikat(*, agency: Agency, period: Period, predikat: str, note: str = "", by) -> AgencyPredikat:
    """Record (or change) the agency's organisation predikat for the period, with who set it and when."""
    current = AgencyPredikat.objects.select_for_update().filter(agency=agency, period=period).first()
    if current is None:
        current = AgencyPredikat(agency=agency, period=period, predikat=predikat, note=note, set_by=by)
        current.full_clean()
        current.save()
        return current
    current.predikat, current.note, current.set_by, current.set_at = predikat, note, by, timezone.now()
    current.full_clean()
    current.save(update_fields=["predikat", "note", "set_by", "set_at"])
    return current


@transaction.atomic
def record_distribution_override(
    *, agency: Agency, period: Period, justification: str, findings: str, by
) -> DistributionOverride:
    """Accept closing the agency's evaluations over the guideline, with a written justification; a second
    submission replaces the text and keeps one record per agency and period."""
    current = DistributionOverride.objects.select_for_update().filter(agency=agency, period=period).first()
    if current is None:
        current = DistributionOverride(
            agency=agency, period=period, justification=justification.strip(), findings=findings, created_by=by
        )
        current.full_clean()
        current.save()
        return current
    current.justification, current.findings = justification.strip(), findings
    current.created_by, current.created_at = by, timezone.now()
    current.full_clean()
    current.save(update_fields=["justification", "findings", "created_by", "created_at"])
    return current
