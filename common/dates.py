"""Dates written out in the reader's language ("31 Januari 2027", "31 January 2027"), for text built in Python:
notices, e-mails, error messages and agenda items. Templates use `|date:"j F Y"` for the same. And month arithmetic
for windows of whole months (quarters, halves)."""

import datetime

from django.utils import formats, timezone

LONG_DATE = "j F Y"


def month_start(day: datetime.date, months: int = 0) -> datetime.date:
    """The first day of the month `months` after `day`'s month (before it when negative)."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def long_date(value: datetime.date | datetime.datetime | str | None) -> str:
    """A day in full in the active language; a moment is first taken to the local day; an ISO text (as notices
    store dates in JSON) is read first."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return formats.date_format(value, LONG_DATE)


def month_span(starts_on: datetime.date | str, ends_on: datetime.date | str) -> str:
    """The months a stretch of time covers, in the active language: "Maret 2026" for one month, "1 Jan – 31 Mar
    2026" for longer (a quarter, a half-year, a year); ISO texts are read first."""
    if isinstance(starts_on, str):
        starts_on = datetime.date.fromisoformat(starts_on)
    if isinstance(ends_on, str):
        ends_on = datetime.date.fromisoformat(ends_on)
    if (starts_on.year, starts_on.month) == (ends_on.year, ends_on.month):
        return formats.date_format(starts_on, "YEAR_MONTH_FORMAT")
    return f"{formats.date_format(starts_on, 'j M')} – {formats.date_format(ends_on, 'j M Y')}"
