"""Writes: the organisation predikat of an agency for a period, and the override of the distribution guideline."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from agencies.models import Agency, Period

from . import selectors
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


def unjustified_agencies_refusal(period: Period) -> list[str]:
    """The closing check this app registers (agencies/closing.py): a period may not close while an agency is over
    its predikat distribution guideline without a written justification (DistributionOverride)."""
    rules = selectors.rules_for_year(period.year)
    if not rules:
        return []
    counts = selectors.predikat_counts(period=period, agencies=Agency.objects.all())
    rows = selectors.predikat_distribution(period=period, overview_rows=counts, rules=rules)
    lacking = [row.name for row in rows if row.flagged and row.override is None]
    if not lacking:
        return []
    return [
        ngettext(
            "The period cannot be closed: %(agencies)s exceeds its predikat distribution guideline without a written "
            "justification. Record one on the distribution page first.",
            "The period cannot be closed: %(count)d agencies exceed their predikat distribution guideline without a "
            "written justification (%(agencies)s). Record one for each on the distribution page first.",
            len(lacking),
        )
        % {"count": len(lacking), "agencies": ", ".join(lacking)}
    ]
