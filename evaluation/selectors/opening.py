"""Which agencies' data calendars a coordinator still has to open for a year, and when to remind them of it.

A year's calendar is opened at once (services.open_data_entries): until then the PICs have nothing to enter and no
reminder reaches them. An IKU counts as opened for the year once it has any entry of that year; opening again fills
in what a later schedule adds.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet

from agencies.models import Agency, Indicator
from agencies.selectors import NEXT_YEAR_NUDGE_MONTH

from ..models import DataEntry


@dataclass(frozen=True)
class CalendarOpening:
    agency: Agency
    iku: int  # the agency's active IKU
    scheduled: int  # of them on the calendar (frequency, PIC, due day)
    opened: int  # of those, with the year's entries opened

    @property
    def unscheduled(self) -> int:
        return self.iku - self.scheduled

    @property
    def to_open(self) -> int:
        return self.scheduled - self.opened


def _opened_in(year: int):
    return Exists(DataEntry.objects.filter(schedule__indicator=OuterRef("pk"), starts_on__year=year))


def calendar_openings(*, agencies: QuerySet, year: int) -> list[CalendarOpening]:
    """Each of `agencies`, by name, with its IKU counts for the year (the agencies and one aggregate)."""
    counts = {
        row["agency_id"]: row
        for row in Indicator.objects.filter(agency__in=agencies, is_active=True)
        .values("agency_id")
        .annotate(
            iku=Count("pk"),
            scheduled=Count("data_schedule"),
            opened=Count("data_schedule", filter=_opened_in(year)),
        )
        .order_by()
    }
    none = {"iku": 0, "scheduled": 0, "opened": 0}
    openings = []
    for agency in agencies.order_by("name"):
        row = counts.get(agency.pk, none)
        openings.append(CalendarOpening(agency, iku=row["iku"], scheduled=row["scheduled"], opened=row["opened"]))
    return openings


def calendar_year_to_remind(*, agencies: QuerySet, today: datetime.date) -> tuple[int, int] | None:
    """(year, agencies) when some of `agencies` have scheduled IKU whose calendar of the year is not opened: this
    year's, else, from October on (when the coming year's periods are prepared too), the next one's; else None."""
    years = [today.year] + ([today.year + 1] if today.month >= NEXT_YEAR_NUDGE_MONTH else [])
    scheduled = Indicator.objects.filter(agency__in=agencies, is_active=True, data_schedule__isnull=False)
    for year in years:
        waiting = scheduled.filter(~_opened_in(year)).values("agency_id").distinct().count()
        if waiting:
            return year, waiting
    return None
