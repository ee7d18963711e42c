"""Reads of master data, with their joins done here."""

import datetime
from dataclasses import dataclass

from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .access import agencies_affiliated_with, is_affiliated_with_agency
from .achievement import Achievement, achievement_for
from .models import Agency, Indicator, IndicatorRealisation, IndicatorTarget, Period, PeriodKind, PeriodStatus
from .period_years import YearProposal, propose_year


def agencies_for_user(*, user) -> QuerySet:
    """The agencies whose IKU `user` may read: the one they work in and those they coordinate."""
    return agencies_affiliated_with(user).order_by("name")


def covers_every_agency(agencies: QuerySet) -> bool:
    """Whether a scope of agencies (a queryset of Agency, as `agencies_overseen_by` gives it) is all of them, so
    that a query over a province's agencies can go without a list of their 400 ids. Pass the scope, not a page
    of it: a slice is no filter, so it would count as every agency."""
    return not agencies.query.has_filters()


def list_periods() -> QuerySet:
    """Newest year first; within a year the annual period, then the shorter ones in order."""
    return Period.objects.order_by("-year", "kind", "starts_on")


# From October on, the period list reminds the coordinator to prepare the next year's periods.
NEXT_YEAR_NUDGE_MONTH = 10


def year_to_prepare(*, today: datetime.date) -> int:
    """The first year without an annual period after the latest one (this year when there is none at all)."""
    latest = Period.objects.filter(kind=PeriodKind.ANNUAL).aggregate(year=Max("year"))["year"]
    return today.year if latest is None else latest + 1


def should_prepare_year(*, year: int, today: datetime.date) -> bool:
    """Whether that year is near enough to remind: it has begun, or it begins within the last quarter."""
    return year <= today.year or (year == today.year + 1 and today.month >= NEXT_YEAR_NUDGE_MONTH)


def year_to_remind(*, today: datetime.date) -> int | None:
    """The coming year to prepare, when it is near enough to remind of it (else None)."""
    year = year_to_prepare(today=today)
    return year if should_prepare_year(year=year, today=today) else None


def year_proposal(*, year: int) -> YearProposal:
    return propose_year(year)


# Where a period's dates say it should be by now: the status it lags behind, moved forward only by a coordinator
# (planning → running once it starts, → evaluating once it ends; closing has checks of its own).
def status_by_dates(period: Period, *, today: datetime.date) -> str | None:
    """The status `period` has reached by its dates when it still shows an earlier one, else None."""
    if period.status == PeriodStatus.PLANNING and period.starts_on <= today <= period.ends_on:
        return PeriodStatus.RUNNING
    if period.status in (PeriodStatus.PLANNING, PeriodStatus.RUNNING) and period.ends_on < today:
        return PeriodStatus.EVALUATING
    return None


NEXT_STATUS_ACTIONS = {
    PeriodStatus.RUNNING: _("It has started: mark it running"),
    PeriodStatus.EVALUATING: _("It has ended: start evaluating"),
}


def periods_with_next_status(*, today: datetime.date) -> list[Period]:
    """Every period (list_periods' order), each with `next_status` (what status_by_dates suggests, or None) and
    `next_action`, the button that moves it there."""
    periods = list(list_periods())
    for period in periods:
        period.next_status = status_by_dates(period, today=today)
        period.next_action = NEXT_STATUS_ACTIONS.get(period.next_status)
    return periods


NEW_PERIOD_FIELDS = ("name", "year", "kind", "starts_on", "ends_on", "plan_due", "evaluation_due")


def new_period_initial(*, today: datetime.date) -> dict:
    """What the new-period form starts with: the next period the coming year is missing (usually its annual one)."""
    missing = propose_year(year_to_prepare(today=today)).missing
    return {name: getattr(missing[0], name) for name in NEW_PERIOD_FIELDS} if missing else {}


def get_period(*, period_id: int) -> Period:
    try:
        return Period.objects.get(pk=period_id)
    except Period.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class IndicatorRow:
    """One IKU as the list shows it: this year's target and the latest realisation with its achievement."""

    indicator: Indicator
    target: IndicatorTarget | None
    latest: IndicatorRealisation | None
    achievement: Achievement


@dataclass(frozen=True)
class AgencyIndicators:
    agency: Agency
    rows: list[IndicatorRow]


def list_indicators_by_agency(*, user, year: int, agency_id: int | None = None) -> list[AgencyIndicators]:
    """The active IKU of every agency `user` may see (optionally one agency), grouped by agency.

    Four queries whatever the number of agencies and indicators: agencies, indicators, targets, latest realisations.
    """
    agencies = agencies_for_user(user=user)
    if agency_id is not None:
        agencies = agencies.filter(pk=agency_id)
    agencies = list(agencies)
    latest = IndicatorRealisation.objects.filter(indicator=OuterRef("pk")).order_by(
        "-period__starts_on", "-period__ends_on"
    )
    indicators = list(
        Indicator.objects.filter(agency__in=agencies, is_active=True)
        .annotate(latest_id=Subquery(latest.values("pk")[:1]))
        .prefetch_related("targets")
        .order_by("code")
    )
    realisations = IndicatorRealisation.objects.select_related("period").in_bulk(
        [indicator.latest_id for indicator in indicators if indicator.latest_id]
    )
    rows_by_agency: dict[int, list[IndicatorRow]] = {agency.pk: [] for agency in agencies}
    for indicator in indicators:
        targets = {target.year: target for target in indicator.targets.all()}
        realisation = realisations.get(indicator.latest_id)
        achievement = achievement_for(
            indicator,
            realisation=realisation.value if realisation else None,
            target=targets.get(realisation.period.year) if realisation else None,
        )
        rows_by_agency[indicator.agency_id].append(IndicatorRow(indicator, targets.get(year), realisation, achievement))
    return [AgencyIndicators(agency, rows_by_agency[agency.pk]) for agency in agencies]


def get_indicator_for_user(*, user, indicator_id: int) -> Indicator:
    """The IKU if `user` may see its agency; otherwise 404, so that existence does not leak."""
    indicator = Indicator.objects.select_related("agency").filter(pk=indicator_id).first()
    if indicator is None or not is_affiliated_with_agency(user, indicator.agency_id):
        raise Http404
    return indicator


def get_realisation_for_user(*, user, realisation_id: int) -> IndicatorRealisation:
    realisation = IndicatorRealisation.objects.select_related("indicator__agency", "period").filter(pk=realisation_id)
    realisation = realisation.first()
    if realisation is None or not is_affiliated_with_agency(user, realisation.indicator.agency_id):
        raise Http404
    return realisation


@dataclass(frozen=True)
class RealisationRow:
    realisation: IndicatorRealisation
    target: IndicatorTarget | None
    achievement: Achievement


@dataclass(frozen=True)
class IndicatorHistory:
    targets: list[IndicatorTarget]
    rows: list[RealisationRow]  # the earliest-ending period first

    @property
    def trend(self) -> list:
        """Realisation values in period order for the sparkline; shorter periods when there are enough of them,
        since an annual figure plotted among quarterly ones reads as a jump."""
        periodic = [row.realisation.value for row in self.rows if row.realisation.period.kind != PeriodKind.ANNUAL]
        return periodic if len(periodic) >= 2 else [row.realisation.value for row in self.rows]


def indicator_history(*, indicator: Indicator) -> IndicatorHistory:
    """Targets by year and realisations by period, each with its achievement against its year's target."""
    targets = list(indicator.targets.order_by("year"))
    by_year = {target.year: target for target in targets}
    # By the day a period ends, the shorter first on the same day: a year's figure comes after its last quarter
    # instead of between its first and second.
    realisations = indicator.realisations.select_related("period", "entered_by", "verified_by").order_by(
        "period__ends_on", "-period__starts_on"
    )
    rows = [
        RealisationRow(
            realisation,
            by_year.get(realisation.period.year),
            achievement_for(indicator, realisation=realisation.value, target=by_year.get(realisation.period.year)),
        )
        for realisation in realisations
    ]
    return IndicatorHistory(targets, rows)
