"""Periods and IKU for the demo: the current year, last year, their quarters, targets and realisations."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from agencies.models import Indicator, IndicatorRealisation, IndicatorTarget, Period, PeriodKind, PeriodStatus

ROMAN = ("I", "II", "III", "IV")
ENTRY_DELAY = datetime.timedelta(days=5)
VERIFICATION_DELAY = datetime.timedelta(days=12)


@dataclass(frozen=True)
class DemoPeriods:
    """The periods realisations go into: last year's annual period and both years' quarters (1–4)."""

    previous_annual: Period
    current_annual: Period
    quarters: dict  # ("previous"|"current", quarter) -> Period

    def completed_quarters(self, *, today: datetime.date):
        """(("previous"|"current", quarter), period) for every quarter that has ended, oldest first."""
        for key in sorted(self.quarters, key=lambda k: self.quarters[k].starts_on):
            if self.quarters[key].ends_on < today:
                yield key, self.quarters[key]


def _status(*, starts_on, ends_on, evaluation_due, today) -> str:
    if today > evaluation_due:
        return PeriodStatus.CLOSED
    if today > ends_on:
        return PeriodStatus.EVALUATING
    if today >= starts_on:
        return PeriodStatus.RUNNING
    return PeriodStatus.PLANNING


def _ensure_period(context, *, kind, name, starts_on, ends_on, plan_due, evaluation_due) -> Period:
    period = Period.objects.filter(kind=kind, starts_on=starts_on).first()
    if period is not None:
        return period
    status = _status(starts_on=starts_on, ends_on=ends_on, evaluation_due=evaluation_due, today=context.today)
    period = Period(
        kind=kind,
        name=name,
        year=starts_on.year,
        starts_on=starts_on,
        ends_on=ends_on,
        plan_due=plan_due,
        evaluation_due=evaluation_due,
        status=status,
    )
    period.full_clean()
    period.save()
    context.created["periods"] += 1
    return period


def _quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    starts_on = datetime.date(year, 3 * quarter - 2, 1)
    next_start = datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
    return starts_on, next_start - datetime.timedelta(days=1)


def seed_periods(context) -> DemoPeriods:
    """Annual periods for last year and this year (plan due 31 January, evaluation due 10 January next year),
    plus the quarters of both years; the status follows today's date."""
    annual, quarters = {}, {}
    for label, year in (("previous", context.today.year - 1), ("current", context.today.year)):
        annual[label] = _ensure_period(
            context,
            kind=PeriodKind.ANNUAL,
            name=f"Tahunan {year}",
            starts_on=datetime.date(year, 1, 1),
            ends_on=datetime.date(year, 12, 31),
            plan_due=datetime.date(year, 1, 31),
            evaluation_due=datetime.date(year + 1, 1, 10),
        )
        for quarter in range(1, 5):
            starts_on, ends_on = _quarter_bounds(year, quarter)
            quarters[(label, quarter)] = _ensure_period(
                context,
                kind=PeriodKind.QUARTERLY,
                name=f"Triwulan {ROMAN[quarter - 1]} {year}",
                starts_on=starts_on,
                ends_on=ends_on,
                plan_due=starts_on + datetime.timedelta(days=14),
                evaluation_due=ends_on + datetime.timedelta(days=10),
            )
    return DemoPeriods(previous_annual=annual["previous"], current_annual=annual["current"], quarters=quarters)


def _decimal(value) -> Decimal:
    return Decimal(str(value))


def ensure_indicator(
    context, *, agency, code: str, fields: dict, targets: dict, realisations: list, entered_by=None, verified_by=None
) -> Indicator:
    """Create the IKU with its yearly targets ({year: value or (low, high)}) and realisations
    ([(period, value, evidence note)]) where missing; existing rows are left exactly as they are."""
    indicator = Indicator.objects.filter(agency=agency, code=code).first()
    if indicator is None:
        indicator = Indicator(agency=agency, code=code, **fields)
        indicator.full_clean()
        indicator.save()
        context.created["indicators"] += 1
    existing_years = set(indicator.targets.values_list("year", flat=True))
    new_targets = []
    for year, target in targets.items():
        if year in existing_years:
            continue
        low, high = target if isinstance(target, tuple) else (target, None)
        new_targets.append(
            IndicatorTarget(
                indicator=indicator,
                year=year,
                value=_decimal(low),
                upper_value=None if high is None else _decimal(high),
            )
        )
    IndicatorTarget.objects.bulk_create(new_targets)
    context.created["IKU targets"] += len(new_targets)

    existing_periods = set(indicator.realisations.values_list("period_id", flat=True))
    now = timezone.now()
    new_realisations = []
    for period, value, note in realisations:
        if period.pk in existing_periods:
            continue
        verified_at = timezone.make_aware(
            datetime.datetime.combine(period.ends_on + VERIFICATION_DELAY, datetime.time(10))
        )
        verified = verified_by is not None and verified_at <= now
        new_realisations.append(
            IndicatorRealisation(
                indicator=indicator,
                period=period,
                value=_decimal(value),
                evidence_note=note,
                entered_by=entered_by,
                verified_by=verified_by if verified else None,
                verified_at=verified_at if verified else None,
            )
        )
    IndicatorRealisation.objects.bulk_create(new_realisations)
    # entered_at is auto_now_add, so the insert stamped it with today; date it back to when the figure came in.
    for realisation in new_realisations:
        entered_at = datetime.datetime.combine(realisation.period.ends_on + ENTRY_DELAY, datetime.time(9))
        realisation.entered_at = min(now, timezone.make_aware(entered_at))
    IndicatorRealisation.objects.bulk_update(new_realisations, ["entered_at"])
    context.created["IKU realisations"] += len(new_realisations)
    return indicator


def realisation_rows(periods: DemoPeriods, *, today, previous, previous_annual, current, notes, default_note):
    """Rows for ensure_indicator: last year's quarters and annual value, and this year's completed quarters."""
    series = {"previous": previous, "current": current}
    rows = []
    for (label, quarter), period in periods.completed_quarters(today=today):
        note = notes.get((label, quarter)) or default_note.format(period=period.name)
        rows.append((period, series[label][quarter - 1], note))
    rows.append((periods.previous_annual, previous_annual, default_note.format(period=periods.previous_annual.name)))
    return rows
