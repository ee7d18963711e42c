"""The windows of periodic evaluation within a period: its quarters (triwulan) or months, as the Pemda chose.

One function computes them for every caller (opening reviews, deadlines, the board's period selector), so a window
means the same everywhere: it starts on the period's start or a month boundary after it, ends the day before the
next one, and the last is cut at the period's end. Its evaluation is due `review_due_days` after it ends.
"""

import datetime
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from common.dates import month_start

from .models import Period, ReviewFrequency

ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class ReviewWindow:
    number: int  # 1-based within the period
    starts_on: datetime.date
    ends_on: datetime.date
    due_on: datetime.date
    frequency: str

    @property
    def label(self) -> str:
        if self.frequency == ReviewFrequency.QUARTERLY and self.number <= len(ROMAN):
            return _("Quarter %(number)s %(year)s") % {"number": ROMAN[self.number - 1], "year": self.starts_on.year}
        return formats.date_format(self.starts_on, "YEAR_MONTH_FORMAT")

    def has_started(self, today: datetime.date) -> bool:
        return self.starts_on <= today


def label_of_stored(window: dict) -> str:
    """The label, in the active language, of a window stored as JSON (a notification keeps its number, first and
    last day as ISO dates, and frequency)."""
    starts_on = datetime.date.fromisoformat(window["starts_on"])
    ends_on = datetime.date.fromisoformat(window["ends_on"])
    return ReviewWindow(window["number"], starts_on, ends_on, ends_on, window["frequency"]).label


def review_windows(period: Period) -> list[ReviewWindow]:
    """The period's windows in order (none for a period shorter than a window's first day)."""
    step = 3 if period.review_frequency == ReviewFrequency.QUARTERLY else 1
    windows, start, number = [], period.starts_on, 1
    while start <= period.ends_on:
        next_start = month_start(start, step)
        end = min(period.ends_on, next_start - datetime.timedelta(days=1))
        due = end + datetime.timedelta(days=period.review_due_days)
        windows.append(ReviewWindow(number, start, end, due, period.review_frequency))
        start, number = next_start, number + 1
    return windows


def window_of(period: Period, number: int) -> ReviewWindow | None:
    return next((window for window in review_windows(period) if window.number == number), None)
