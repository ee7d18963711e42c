"""IKU figures for agendas and adoption trends: a fixed number of queries whatever the number of agencies."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from agencies.achievement import achievement_for
from agencies.models import Indicator, IndicatorRealisation, IndicatorTarget, Period


def previous_period(period: Period) -> Period | None:
    """The latest period of the same kind that ended before `period` started."""
    return Period.objects.filter(kind=period.kind, ends_on__lt=period.starts_on).order_by("-ends_on").first()


def trend(current: Decimal | None, previous: Decimal | None) -> dict:
    if current is None or previous is None:
        return {"direction": "none", "delta": None}
    delta = current - previous
    direction = "up" if delta > 0 else "down" if delta < 0 else "flat"
    return {"direction": direction, "delta": _fmt(delta)}


@dataclass
class _Figures:
    indicators: dict  # agency_id -> [Indicator]
    realisations: dict  # (indicator_id, period_id) -> IndicatorRealisation
    targets: dict  # (indicator_id, year) -> IndicatorTarget


def _load(*, agency_ids, periods=None, indicator_filter=None) -> _Figures:
    indicators = defaultdict(list)
    qs = Indicator.objects.filter(agency_id__in=agency_ids, is_active=True).order_by("agency_id", "code")
    for indicator in qs:
        indicators[indicator.agency_id].append(indicator)
    indicator_ids = [i.pk for group in indicators.values() for i in group]
    realisation_qs = IndicatorRealisation.objects.filter(indicator_id__in=indicator_ids).select_related("period")
    if periods is not None:
        realisation_qs = realisation_qs.filter(period__in=[p for p in periods if p is not None])
    realisations = {(r.indicator_id, r.period_id): r for r in realisation_qs}
    years = {r.period.year for r in realisations.values()} | {p.year for p in periods or [] if p is not None}
    targets = {
        (t.indicator_id, t.year): t
        for t in IndicatorTarget.objects.filter(indicator_id__in=indicator_ids, year__in=years)
    }
    return _Figures(indicators=indicators, realisations=realisations, targets=targets)


def _achievement(figures: _Figures, indicator, period):
    if period is None:
        return None, achievement_for(indicator, realisation=None, target=None)
    realisation = figures.realisations.get((indicator.pk, period.pk))
    target = figures.targets.get((indicator.pk, period.year))
    value = realisation.value if realisation else None
    return realisation, achievement_for(indicator, realisation=value, target=target)


def _fmt(value) -> str | None:
    """Decimal -> plain string without trailing zeros ("95", "2.9", "110.5")."""
    return None if value is None else format(value.normalize(), "f")


def agency_iku_figures(*, agency_ids, period: Period) -> dict:
    """`{agency_id: [row]}`: each IKU's realisation, target, achievement and status for `period`, with the trend
    against the previous period of the same kind. Rows are JSON-ready so agendas can keep them as a snapshot."""
    before = previous_period(period)
    figures = _load(agency_ids=agency_ids, periods=[period, before])
    result = {}
    for agency_id in agency_ids:
        rows = []
        for indicator in figures.indicators.get(agency_id, []):
            realisation, now = _achievement(figures, indicator, period)
            _, then = _achievement(figures, indicator, before)
            target = figures.targets.get((indicator.pk, period.year))
            rows.append(
                {
                    "indicator_id": indicator.pk,
                    "code": indicator.code,
                    "name": indicator.name,
                    "unit": indicator.unit_of_measure,
                    "direction": indicator.direction,
                    "target": _fmt(target.value if target else None),
                    "realisation": _fmt(realisation.value if realisation else None),
                    "achievement": _fmt(now.capped),
                    "raw_achievement": _fmt(now.raw),
                    "status": now.status,
                    "previous_achievement": _fmt(then.capped),
                    "trend": trend(now.raw, then.raw),
                }
            )
        result[agency_id] = rows
    return result


def adoption_trends(adoptions) -> dict:
    """`{adoption_id: [row]}`: for each IKU of the adopting agency, achievement in the last period that ended by
    the adoption date and in the latest period since, so readers see whether the practice helped."""
    adoptions = list(adoptions)
    if not adoptions:
        return {}
    figures = _load(agency_ids={a.agency_id for a in adoptions})
    by_indicator = defaultdict(list)
    for realisation in figures.realisations.values():
        by_indicator[realisation.indicator_id].append(realisation)
    result = {}
    for adoption in adoptions:
        rows = []
        for indicator in figures.indicators.get(adoption.agency_id, []):
            history = sorted(by_indicator.get(indicator.pk, []), key=lambda r: r.period.ends_on)
            before = [r for r in history if r.period.ends_on <= adoption.adopted_on]
            after = [r for r in history if r.period.ends_on > adoption.adopted_on]
            then = _achievement(figures, indicator, before[-1].period)[1] if before else None
            now = _achievement(figures, indicator, after[-1].period)[1] if after else None
            rows.append(
                {
                    "indicator": indicator,
                    "before_period": before[-1].period if before else None,
                    "before": then,
                    "after_period": after[-1].period if after else None,
                    "after": now,
                    "trend": trend(now.raw if now else None, then.raw if then else None),
                }
            )
        result[adoption.pk] = rows
    return result
