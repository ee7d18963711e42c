"""IKU achievement across agencies for a period and its trend over periods, honouring each indicator's direction.

Three queries (indicators with their agency, targets, realisations) whatever the number of agencies; the
arithmetic is `agencies.achievement`, the one place for the regulation's formulas.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from agencies.achievement import Achievement, achievement_for
from agencies.models import Indicator, IndicatorRealisation, IndicatorTarget, Period

__all__ = ["IkuRow", "TrendRow", "figures_period", "iku_achievement", "load_iku", "trend_periods", "iku_trend"]


INDICATOR_FIELDS = (
    "agency__short_name",
    "code",
    "name",
    "unit_of_measure",
    "direction",
    "lower_is_better_formula",
    "green_from",
    "amber_from",
)


@dataclass(frozen=True)
class Target:
    """The two values of an IndicatorTarget that the arithmetic needs (read without building model instances)."""

    value: Decimal
    upper_value: Decimal | None


@dataclass
class IkuRow:
    indicator: Indicator
    target: Target | None
    realisation: Decimal | None
    achievement: Achievement

    @property
    def agency_name(self) -> str:
        return self.indicator.agency.short_name


@dataclass
class TrendRow:
    agency_id: int
    name: str
    values: list[Decimal | None]  # mean capped achievement per period, oldest first


def load_iku(*, agencies: QuerySet, periods: list[Period]):
    """The agencies' active IKU with their targets and realisations in `periods`: three queries. A page showing
    both a period's achievement and the trend that ends with it loads once and passes the result to both."""
    indicators = list(
        Indicator.objects.filter(agency__in=agencies, is_active=True)
        .select_related("agency")
        .only(*INDICATOR_FIELDS)
        .order_by("agency__short_name", "code")
    )
    ids = [indicator.pk for indicator in indicators]
    years = {period.year for period in periods}
    targets = {
        (indicator_id, year): Target(value, upper)
        for indicator_id, year, value, upper in IndicatorTarget.objects.filter(
            indicator_id__in=ids, year__in=years
        ).values_list("indicator_id", "year", "value", "upper_value")
    }
    realisations = {
        (indicator_id, period_id): value
        for indicator_id, period_id, value in IndicatorRealisation.objects.filter(
            indicator_id__in=ids, period__in=periods
        ).values_list("indicator_id", "period_id", "value")
    }
    return indicators, targets, realisations


def _row(indicator, period, targets, realisations) -> IkuRow:
    target = targets.get((indicator.pk, period.year))
    realisation = realisations.get((indicator.pk, period.pk))
    achievement = achievement_for(indicator, realisation=realisation, target=target)
    return IkuRow(indicator=indicator, target=target, realisation=realisation, achievement=achievement)


def iku_achievement(*, period: Period, agencies: QuerySet, loaded=None) -> list[IkuRow]:
    """Every active IKU of the agencies with its target, realisation and achievement for `period` (`loaded`: what
    `load_iku` returned for periods including `period`)."""
    indicators, targets, realisations = loaded or load_iku(agencies=agencies, periods=[period])
    return [_row(indicator, period, targets, realisations) for indicator in indicators]


def figures_period(*, period: Period, agencies: QuerySet, periods: list[Period] | None = None) -> Period:
    """The period whose IKU figures stand for `period`: itself once it has realisations, else the latest shorter
    period inside it that has (a running year shows its latest quarter). One query, or none given `periods` read by
    `period_with_choices(figures_of=agencies)` (every period, each with `has_figures`)."""
    if periods is not None:
        within = [p for p in periods if p.starts_on >= period.starts_on and p.ends_on <= period.ends_on]
        inside = [p for p in within if p.has_figures]
        if not inside or any(p.pk == period.pk for p in inside):
            return period
        return max(inside, key=lambda p: (p.ends_on, p.starts_on))
    inside = Period.objects.filter(
        realisations__indicator__agency__in=agencies, starts_on__gte=period.starts_on, ends_on__lte=period.ends_on
    )
    latest = inside.order_by("-ends_on", "-starts_on").first()
    if latest is None or latest.pk == period.pk or period.realisations.filter(indicator__agency__in=agencies).exists():
        return period
    return latest


def trend_periods(*, period: Period, count: int = 6, periods: list[Period] | None = None) -> list[Period]:
    """The last `count` periods of the same kind up to `period`, oldest first (from `periods`, every period already
    read for the page's switcher, when given)."""
    if periods is not None:
        earlier = [p for p in periods if p.kind == period.kind and p.starts_on <= period.starts_on]
        return sorted(earlier, key=lambda p: p.starts_on)[-count:]
    periods = Period.objects.filter(kind=period.kind, starts_on__lte=period.starts_on).order_by("-starts_on")[:count]
    return list(reversed(periods))


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values) / len(values)).quantize(Decimal("0.01"))


def iku_trend(*, periods: list[Period], agencies: QuerySet, loaded=None) -> tuple[list[TrendRow], list[Decimal | None]]:
    """Per agency, the mean (capped) achievement of its IKU in each period, and the mean over all agencies' IKU.

    A period where an IKU has no realisation or target leaves that IKU out of the mean. `loaded`: what `load_iku`
    returned for these periods.
    """
    indicators, targets, realisations = loaded or load_iku(agencies=agencies, periods=periods)
    by_agency: dict[int, TrendRow] = {}
    overall: list[list[Decimal]] = [[] for _ in periods]
    per_agency: dict[int, list[list[Decimal]]] = {}
    for indicator in indicators:
        if indicator.agency_id not in by_agency:
            by_agency[indicator.agency_id] = TrendRow(indicator.agency_id, indicator.agency.short_name, [])
            per_agency[indicator.agency_id] = [[] for _ in periods]
        for index, period in enumerate(periods):
            capped = _row(indicator, period, targets, realisations).achievement.capped
            if capped is not None:
                per_agency[indicator.agency_id][index].append(capped)
                overall[index].append(capped)
    for agency_id, row in by_agency.items():
        row.values = [_mean(values) for values in per_agency[agency_id]]
    return list(by_agency.values()), [_mean(values) for values in overall]
