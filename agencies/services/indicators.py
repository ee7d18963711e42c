"""IKU: indicators, yearly targets, realisations per period and their four-eyes verification."""

from decimal import Decimal
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit import services as audit

from .. import arriving_figures, indicator_sources
from ..models import Agency, Indicator, IndicatorRealisation, IndicatorTarget, Period, PeriodStatus


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
def set_indicator_source(*, indicator: Indicator, source: str, params: dict | None = None) -> Indicator:
    """Let a source compute the IKU's realisation (`source` empty: a person enters it). Parameters are checked by
    the source's own validator, so a saved IKU always carries parameters its source understands."""
    params = indicator_sources.get_source(source).clean_params(params or {}) if source else {}
    indicator.source, indicator.source_params = source, params
    indicator.full_clean()
    indicator.save(update_fields=["source", "source_params"])
    return indicator


@transaction.atomic
def record_realisation(
    *,
    indicator: Indicator,
    period: Period,
    value: Decimal,
    evidence_note: str = "",
    by,
    reason: str = "",
    request=None,
) -> IndicatorRealisation:
    """Record what the IKU achieved in `period`. Recording again replaces the figure and clears its verification.
    Audited, from the IKU pages and the admin alike.

    Replacing a figure computed by a source with another value needs a `reason`; the change is written to the audit
    log with the computed value, and the realisation keeps the computed figure's provenance under "replaced".
    """
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
        provenance = {}
        if realisation.is_computed:
            reason = reason.strip()
            if not reason:
                raise ValidationError(
                    {"reason": _("This figure was computed from its source; say why you change it by hand.")},
                    code="reason_required",
                )
            provenance = {
                "replaced": {
                    "value": str(realisation.value),
                    "source": realisation.source,
                    "sample_size": realisation.sample_size,
                    "computed_at": realisation.computed_at.isoformat() if realisation.computed_at else None,
                    "details": realisation.provenance,
                },
                "reason": reason,
            }
            audit.record_event(
                kind=audit.AuditKind.FIGURE_OVERRIDDEN,
                actor=by,
                request=request,
                target=realisation,
                computed_value=realisation.value,
                new_value=value,
                reason=reason,
            )
        _replace(
            realisation,
            value=value,
            evidence_note=evidence_note,
            by=by,
            source="",
            sample_size=None,
            computed_at=None,
            provenance=provenance,
            verified_elsewhere=False,  # a figure typed here is verified here
        )
    _audit_recorded(realisation, actor=by, request=request, previous=previous)
    return realisation


def _audit_recorded(realisation: IndicatorRealisation, *, actor, request, previous) -> None:
    audit.record_event(
        kind=audit.AuditKind.IKU_RECORDED,
        actor=actor,
        request=request,
        target=realisation,
        indicator=realisation.indicator_id,
        period=realisation.period_id,
        old=previous,
        new=realisation.value,
    )


def _replace(realisation: IndicatorRealisation, *, value, evidence_note, by, **origin) -> IndicatorRealisation:
    realisation.value, realisation.evidence_note = value, evidence_note
    realisation.entered_by, realisation.entered_at = by, timezone.now()
    realisation.verified_by, realisation.verified_at = None, None
    for name, field_value in origin.items():
        setattr(realisation, name, field_value)
    realisation.full_clean()
    realisation.save(
        update_fields=["value", "evidence_note", "entered_by", "entered_at", "verified_by", "verified_at", *origin]
    )
    return realisation


class ComputeOutcome(StrEnum):
    RECORDED = "recorded"
    UNCHANGED = "unchanged"
    NOTHING_TO_MEASURE = "nothing"
    KEPT_MANUAL = "kept_manual"


@transaction.atomic
def record_computed_realisation(
    *, indicator: Indicator, period: Period, by=None, replace_manual: bool = True
) -> tuple[ComputeOutcome, IndicatorRealisation | None]:
    """Compute the IKU's realisation for `period` from its source and record it, unverified, with its provenance.

    Idempotent: when the source gives the same value on the same sample, the recorded figure (and its verification)
    stays as it is. A figure a person entered is replaced only when `replace_manual` (the on-demand button); the
    scheduled run at a period's end keeps it. Raises ValidationError when the IKU has no usable source.
    """
    if not indicator.source:
        raise ValidationError(_("This IKU is entered by a person; it has no source to compute from."), code="manual")
    source = indicator_sources.get_source(indicator.source)
    result = source.compute(indicator=indicator, period=period, params=indicator.source_params or {})
    existing = IndicatorRealisation.objects.select_for_update().filter(indicator=indicator, period=period).first()
    if result is None:
        return ComputeOutcome.NOTHING_TO_MEASURE, existing
    value = Decimal(result.value).quantize(Decimal("0.0001"))
    if existing is not None and not existing.is_computed and not replace_manual:
        return ComputeOutcome.KEPT_MANUAL, existing
    if (
        existing is not None
        and existing.source == source.key
        and existing.value == value
        and existing.sample_size == result.sample_size
    ):
        return ComputeOutcome.UNCHANGED, existing
    with translation.override(settings.LANGUAGE_CODE):  # stored text: in the Pemda's language, not the clicker's
        if result.detail:
            note = _("Computed from “%(source)s” (%(detail)s) on %(sample)s responses.")
        else:
            note = _("Computed from “%(source)s” on %(sample)s responses.")
        note %= {"source": source.label, "detail": result.detail, "sample": result.sample_size}
    origin = {
        "source": source.key,
        "sample_size": result.sample_size,
        "computed_at": timezone.now(),
        "provenance": {**result.provenance, "source": source.key},
    }
    if existing is None:
        realisation = IndicatorRealisation(
            indicator=indicator, period=period, value=value, evidence_note=note, entered_by=by, **origin
        )
        realisation.full_clean()
        realisation.save()
    else:
        realisation = _replace(existing, value=value, evidence_note=note, by=by, **origin)
    arriving_figures.announce(
        arriving_figures.ArrivingFigure(
            realisation=realisation, origin=arriving_figures.FigureOrigin.COMPUTED, recorded_by=None, provenance=note
        )
    )
    return ComputeOutcome.RECORDED, realisation


def compute_period_sources(*, period: Period, by=None) -> dict[str, int]:
    """Compute every active sourced IKU for `period` (the scheduled run: a person's figure is kept). Each IKU in its
    own transaction, so one broken source does not stop the others; returns how many ended in each outcome."""
    counts = {outcome.value: 0 for outcome in ComputeOutcome} | {"failed": 0}
    indicators = Indicator.objects.filter(is_active=True).exclude(source="").select_related("agency").order_by("pk")
    for indicator in indicators:
        try:
            outcome, _realisation = record_computed_realisation(
                indicator=indicator, period=period, by=by, replace_manual=False
            )
        except ValidationError:
            counts["failed"] += 1
        else:
            counts[outcome.value] += 1
    return counts


def periods_due_for_sources() -> list[Period]:
    """The periods the scheduled computation covers: ended and not closed, so a period's computed figures appear
    the day after it ends and are refreshed until it closes."""
    return list(Period.objects.filter(ends_on__lt=timezone.localdate()).exclude(status=PeriodStatus.CLOSED))


def compute_due_sources() -> dict[str, dict[str, int]]:
    """The scheduled run (command and daily task): every due period's sourced IKU; outcome counts per period name."""
    return {period.name: compute_period_sources(period=period) for period in periods_due_for_sources()}


@transaction.atomic
def verify_realisation(*, realisation: IndicatorRealisation, by, request=None) -> IndicatorRealisation:
    """Confirm a realisation (four-eyes: not by the person who entered it). Verifying twice changes nothing."""
    realisation = IndicatorRealisation.objects.select_for_update().get(pk=realisation.pk)
    if realisation.verified_by_id is not None:
        return realisation
    if realisation.verified_elsewhere:
        raise ValidationError(
            _("This figure is verified in the agency's data calendar, with its four-eyes flow."), code="elsewhere"
        )
    if realisation.entered_by_id == by.pk:
        raise ValidationError(_("The person who entered a realisation cannot verify it."), code="same_person")
    realisation.verified_by, realisation.verified_at = by, timezone.now()
    realisation.save(update_fields=["verified_by", "verified_at"])
    audit.record_event(
        kind=audit.AuditKind.IKU_VERIFIED, actor=by, request=request, target=realisation, value=realisation.value
    )
    return realisation


@transaction.atomic
def publish_realisation(*, realisation: IndicatorRealisation, by, value: Decimal, entered_by=None, reason: str = ""):
    """Publish a figure whose verification an app above took over (`arriving_figures`), once it verified it there
    with its own four-eyes rule. A value corrected there by hand (the PIC's figure replacing the source's) becomes a
    person's figure, as `record_realisation` makes it, so the scheduled computation keeps it."""
    realisation = IndicatorRealisation.objects.select_for_update().get(pk=realisation.pk)
    if not realisation.verified_elsewhere:
        return realisation  # typed on the IKU page since: that figure is the IKU page's to verify
    if value != realisation.value:
        replaced = {
            "value": str(realisation.value),
            "source": realisation.source,
            "sample_size": realisation.sample_size,
            "computed_at": realisation.computed_at.isoformat() if realisation.computed_at else None,
            "details": realisation.provenance,
        }
        realisation.value, realisation.entered_by, realisation.entered_at = value, entered_by, timezone.now()
        realisation.source, realisation.sample_size, realisation.computed_at = "", None, None
        realisation.provenance = {"replaced": replaced, "reason": reason}
    realisation.verified_by, realisation.verified_at = by, timezone.now()
    realisation.full_clean()
    realisation.save()
    audit.record_event(
        kind=audit.AuditKind.IKU_VERIFIED, actor=by, request=None, target=realisation, value=realisation.value
    )
    return realisation


@transaction.atomic
def publish_verified_figure(
    *, indicator: Indicator, period: Period, value: Decimal, entered_by, by, evidence_note: str = ""
) -> IndicatorRealisation | None:
    """A figure an app above had entered and verified with its own four-eyes flow (the agency evaluation team's
    data calendar) becomes the IKU's realisation of `period`, verified by `by`, and stays that app's to verify
    (`verified_elsewhere`). A figure already verified on the IKU page is that page's and is kept: returns None.
    An unverified one typed there is replaced (audited with its old value)."""
    realisation = IndicatorRealisation.objects.select_for_update().filter(indicator=indicator, period=period).first()
    if realisation is not None and not realisation.verified_elsewhere and realisation.verified_by_id is not None:
        return None
    previous = realisation.value if realisation is not None else None
    if realisation is None:
        realisation = IndicatorRealisation(indicator=indicator, period=period)
    realisation.value, realisation.evidence_note = value, evidence_note
    realisation.entered_by, realisation.entered_at = entered_by, timezone.now()
    realisation.source, realisation.sample_size, realisation.computed_at, realisation.provenance = "", None, None, {}
    realisation.verified_elsewhere = True
    realisation.verified_by, realisation.verified_at = by, timezone.now()
    realisation.full_clean()
    realisation.save()
    _audit_recorded(realisation, actor=entered_by, request=None, previous=previous)
    audit.record_event(
        kind=audit.AuditKind.IKU_VERIFIED, actor=by, request=None, target=realisation, value=realisation.value
    )
    return realisation


@transaction.atomic
def withdraw_realisation(*, realisation: IndicatorRealisation) -> IndicatorRealisation:
    """Take a published figure back to unverified while the app that verifies it corrects it."""
    realisation = IndicatorRealisation.objects.select_for_update().get(pk=realisation.pk)
    realisation.verified_by, realisation.verified_at = None, None
    realisation.save(update_fields=["verified_by", "verified_at"])
    return realisation
