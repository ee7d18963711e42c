"""IKU: indicators, yearly targets, realisations per period and their four-eyes verification."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import services as audit

from ..models import Agency, Indicator, IndicatorRealisation, IndicatorTarget, Period


@transaction.atomic
def create_indicator(
    *,
    agency: Agency,
    code: str,
    name: str,
    unit_of_measure: str,
    definition: str = "",
    direction: str = "higher",
    lower_is_better_formula: str = "two_minus_ratio",
    data_source: str = "",
    green_from: Decimal = Decimal("100"),
    amber_from: Decimal = Decimal("75"),
) -> Indicator:
    indicator = Indicator(
        agency=agency,
        code=code.strip(),
        name=name.strip(),
        unit_of_measure=unit_of_measure.strip(),
        definition=definition,
        direction=direction,
        lower_is_better_formula=lower_is_better_formula,
        data_source=data_source,
        green_from=green_from,
        amber_from=amber_from,
    )
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def set_indicator_target(
    *, indicator: Indicator, year: int, value: Decimal, upper_value: Decimal | None = None
) -> IndicatorTarget:
    """Set (or replace) the IKU's target for a year; `upper_value` makes it a range target."""
    target = IndicatorTarget.objects.select_for_update().filter(indicator=indicator, year=year).first()
    if target is None:
        target = IndicatorTarget(indicator=indicator, year=year, value=value, upper_value=upper_value)
        target.full_clean()
        target.save()
        return target
    target.value, target.upper_value = value, upper_value
    target.full_clean()
    target.save(update_fields=["value", "upper_value"])
    return target


@transaction.atomic
def record_realisation(
    *, indicator: Indicator, period: Period, value: Decimal, evidence_note: str = "", by, request=None
) -> IndicatorRealisation:
    """Record what the IKU achieved in `period`. Recording again replaces the figure and clears its verification.
    Audited, from the IKU pages and the admin alike."""
    realisation = IndicatorRealisation.objects.select_for_update().filter(indicator=indicator, period=period).first()
    if realisation is None:
        previous = None
        realisation = IndicatorRealisation(
            indicator=indicator, period=period, value=value, evidence_note=evidence_note, entered_by=by
        )
        realisation.full_clean()
        realisation.save()
    else:
        previous = realisation.value
        realisation.value, realisation.evidence_note = value, evidence_note
        realisation.entered_by, realisation.entered_at = by, timezone.now()
        realisation.verified_by, realisation.verified_at = None, None
        realisation.full_clean()
        realisation.save(
            update_fields=["value", "evidence_note", "entered_by", "entered_at", "verified_by", "verified_at"]
        )
    audit.record_event(
        kind=audit.AuditKind.IKU_RECORDED,
        actor=by,
        request=request,
        target=realisation,
        indicator=indicator.pk,
        period=period.pk,
        old=previous,
        new=realisation.value,
    )
    return realisation


@transaction.atomic
def verify_realisation(*, realisation: IndicatorRealisation, by, request=None) -> IndicatorRealisation:
    """Confirm a realisation (four-eyes: not by the person who entered it). Verifying twice changes nothing."""
    realisation = IndicatorRealisation.objects.select_for_update().get(pk=realisation.pk)
    if realisation.verified_by_id is not None:
        return realisation
    if realisation.entered_by_id == by.pk:
        raise ValidationError(_("The person who entered a realisation cannot verify it."), code="same_person")
    realisation.verified_by, realisation.verified_at = by, timezone.now()
    realisation.save(update_fields=["verified_by", "verified_at"])
    audit.record_event(
        kind=audit.AuditKind.IKU_VERIFIED, actor=by, request=request, target=realisation, value=realisation.value
    )
    return realisation
