"""Working days: weekdays that are neither an Indonesian public holiday nor a joint leave day (cuti bersama).

National days come from the maintained `holidays` package (public and government categories); the Pemda's own
exceptions are `CalendarDay` rows edited in the admin. Deadlines counted in working days (complaint verification
within 3, an answer within 5, a review waiting more than 3) all use this module, so they agree everywhere.

A `WorkingCalendar` reads the Pemda's exceptions for a span of years in one query; build one per request or task and
reuse it for every row instead of calling the module functions in a loop.
"""

import datetime
from functools import lru_cache

import holidays
from django.utils import timezone

from .models import CalendarDay, CalendarDayKind

SATURDAY = 5
# A generous bound for one count: a deadline or a gap longer than this is a data error, not a calendar question.
MAX_SPAN_DAYS = 3660


@lru_cache(maxsize=64)
def _national_days_off(year: int) -> frozenset[datetime.date]:
    national = holidays.country_holidays("ID", years=year, categories=("public", "government"))
    return frozenset(national.keys())


class WorkingCalendar:
    def __init__(self, *, years: range | list[int]):
        years = sorted(set(years))
        self.years = years
        exceptions = CalendarDay.objects.filter(date__year__gte=years[0], date__year__lte=years[-1])
        self._extra_off = set()
        self._extra_working = set()
        for day, kind in exceptions.values_list("date", "kind"):
            (self._extra_working if kind == CalendarDayKind.WORKING_DAY else self._extra_off).add(day)

    @classmethod
    def around(cls, *days: datetime.date, spread: int = 1) -> "WorkingCalendar":
        """A calendar covering these days' years and `spread` years after (deadlines run into the next year)."""
        years = {day.year for day in days}
        return cls(years=range(min(years), max(years) + spread + 1))

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self._extra_working:
            return True
        if day.weekday() >= SATURDAY or day in self._extra_off:
            return False
        return day not in _national_days_off(day.year)

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The date `days` working days after `start` (start itself not counted); 0 gives the next working day
        from `start` inclusive, i.e. `start` when it is a working day."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        if days == 0:
            for _ in range(MAX_SPAN_DAYS):
                if self.is_working_day(day):
                    return day
                day += datetime.timedelta(days=1)
            raise ValueError("no working day found")
        counted = 0
        for _ in range(MAX_SPAN_DAYS):
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
                if counted == days:
                    return day
        raise ValueError("the span is longer than the calendar allows")

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        if end <= start:
            return 0
        if (end - start).days > MAX_SPAN_DAYS:
            raise ValueError("the span is longer than the calendar allows")
        count = 0
        day = start
        while day < end:
            day += datetime.timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def deadline_after(self, moment: datetime.datetime, days: int) -> datetime.datetime:
        """The end (23:59:59.999999, local time) of the `days`-th working day after `moment`'s local date."""
        local = timezone.localtime(moment)
        due_day = self.add_working_days(local.date(), days)
        end_of_day = datetime.datetime.combine(due_day, datetime.time.max)
        return timezone.make_aware(end_of_day, local.tzinfo)


def is_working_day(day: datetime.date) -> bool:
    return WorkingCalendar.around(day, spread=0).is_working_day(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    return WorkingCalendar.around(start).add_working_days(start, days)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    return WorkingCalendar.around(start, end, spread=0).working_days_between(start, end)


def deadline_after(moment: datetime.datetime, days: int) -> datetime.datetime:
    return WorkingCalendar.around(timezone.localdate(moment)).deadline_after(moment, days)
