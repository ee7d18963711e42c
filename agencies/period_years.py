"""A year's periods, proposed from the year before: at the end of a year the coordinator prepares the next one in one
step instead of typing five periods' dates and deadlines by hand.

Each period of the previous year becomes one of the new year with the same kind, settings and deadlines one year
later (a date on the last day of its month stays on the last day, so February follows leap years). With no period in
the previous year the Pemda's usual calendar is proposed: the annual period and its four quarters. A proposed period
that would overlap a period of its kind already there is marked as such and left out when the year is prepared, so
preparing twice (or after entering one period by hand) adds nothing twice.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Period, PeriodKind, PeriodStatus, ReviewFrequency
from .review_windows import ROMAN

# The usual deadlines when there is no earlier year to follow: plans agreed within the first month (annual) or the
# first two weeks (quarter), evaluations closed ten days after the period ends.
ANNUAL_PLAN_DAYS = 30
QUARTER_PLAN_DAYS = 14
EVALUATION_DAYS = 10


@dataclass(frozen=True)
class ProposedPeriod:
    period: Period  # unsaved
    existing: Period | None  # a period of the same kind already covering these dates


@dataclass(frozen=True)
class YearProposal:
    year: int
    follows_year: int | None  # the year copied, or None for the usual calendar
    periods: list[ProposedPeriod]

    @property
    def missing(self) -> list[Period]:
        return [proposed.period for proposed in self.periods if proposed.existing is None]


def shift_year(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; the last day of a month stays the last day (28 Feb 2027 → 29 Feb 2028)."""
    last = calendar.monthrange(day.year, day.month)[1]
    year = day.year + years
    new_last = calendar.monthrange(year, day.month)[1]
    return datetime.date(year, day.month, new_last if day.day == last else min(day.day, new_last))


def _renamed(name: str, old_year: int, new_year: int) -> str:
    return name.replace(str(old_year), str(new_year)) if str(old_year) in name else f"{name} {new_year}"


def _following(template: Period, year: int) -> Period:
    years = year - template.year
    return Period(
        name=_renamed(template.name, template.year, year),
        year=year,
        kind=template.kind,
        starts_on=shift_year(template.starts_on, years),
        ends_on=shift_year(template.ends_on, years),
        plan_due=shift_year(template.plan_due, years),
        evaluation_due=shift_year(template.evaluation_due, years),
        status=PeriodStatus.PLANNING,
        review_frequency=template.review_frequency,
        review_due_days=template.review_due_days,
    )


def _usual_calendar(year: int) -> list[Period]:
    # Period names are the Pemda's data, written in its language whatever the coordinator's own.
    with translation.override(settings.LANGUAGE_CODE):
        annual_name = _("Annual %(year)s") % {"year": year}
        quarter_names = [_("Quarter %(number)s %(year)s") % {"number": roman, "year": year} for roman in ROMAN]
    periods = [_usual(annual_name, PeriodKind.ANNUAL, year, first_month=1, last_month=12, plan_days=ANNUAL_PLAN_DAYS)]
    for index, name in enumerate(quarter_names):
        first_month = 3 * index + 1
        periods.append(
            _usual(name, PeriodKind.QUARTERLY, year, first_month, first_month + 2, plan_days=QUARTER_PLAN_DAYS)
        )
    return periods


def _usual(name: str, kind: str, year: int, first_month: int, last_month: int, *, plan_days: int) -> Period:
    """A period of whole months with the usual deadlines, in planning."""
    starts_on = datetime.date(year, first_month, 1)
    ends_on = datetime.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return Period(
        name=name,
        year=year,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        plan_due=starts_on + datetime.timedelta(days=plan_days),
        evaluation_due=ends_on + datetime.timedelta(days=EVALUATION_DAYS),
        status=PeriodStatus.PLANNING,
        review_frequency=ReviewFrequency.QUARTERLY,
    )


def propose_year(year: int) -> YearProposal:
    """The periods `year` should have, each with the period already covering it, if any (two queries)."""
    templates = list(Period.objects.filter(year=year - 1).order_by("kind", "starts_on"))
    periods = [_following(template, year) for template in templates] or _usual_calendar(year)
    low, high = min(p.starts_on for p in periods), max(p.ends_on for p in periods)
    around = list(Period.objects.filter(starts_on__lte=high, ends_on__gte=low))
    proposed = []
    for period in periods:
        clash = next(
            (
                other
                for other in around
                if other.kind == period.kind and other.starts_on <= period.ends_on and other.ends_on >= period.starts_on
            ),
            None,
        )
        proposed.append(ProposedPeriod(period=period, existing=clash))
    proposed.sort(key=lambda item: (item.period.kind != PeriodKind.ANNUAL, item.period.kind, item.period.starts_on))
    return YearProposal(year=year, follows_year=year - 1 if templates else None, periods=proposed)
