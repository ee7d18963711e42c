"""Dates written out in the reader's language ("31 Januari 2027", "31 January 2027"), for text built in Python:
notices, e-mails, error messages and agenda items. Templates use `|date:"j F Y"` for the same."""

import datetime

from django.utils import formats, timezone

LONG_DATE = "j F Y"


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
