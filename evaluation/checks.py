"""Plausibility checks on an entered figure: each one found needs the PIC's explanation, and the verifier sees it.

A check is a code (stored on the entry) with a message to show; the rules read the schedule's declared kind and
range and the indicator's recent published history.
"""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from common.numbers import quantity

from .models import DataSchedule, ValueKind

PERCENTAGE_OVER_100 = "percentage_over_100"
NEGATIVE_COUNT = "negative_count"
BIG_CHANGE = "big_change"
OUT_OF_RANGE = "out_of_range"


def change_factor() -> Decimal:
    return Decimal(str(settings.KINERJA_EVALUATION_CHANGE_FACTOR))


def find(*, schedule: DataSchedule, value: Decimal, history: list[Decimal]) -> list[str]:
    """The codes of the checks `value` fails; `history` holds the recent published values, newest first."""
    found = []
    if schedule.value_kind == ValueKind.PERCENTAGE and value > 100:
        found.append(PERCENTAGE_OVER_100)
    if schedule.value_kind == ValueKind.COUNT and value < 0:
        found.append(NEGATIVE_COUNT)
    if (schedule.min_value is not None and value < schedule.min_value) or (
        schedule.max_value is not None and value > schedule.max_value
    ):
        found.append(OUT_OF_RANGE)
    if history:
        average = sum(history) / len(history)
        factor = change_factor()
        if average > 0 and (value > average * factor or value * factor < average):
            found.append(BIG_CHANGE)
    return found


def describe(code: str, *, schedule: DataSchedule) -> str:
    messages = {
        PERCENTAGE_OVER_100: _("A percentage above 100."),
        NEGATIVE_COUNT: _("A negative count."),
        OUT_OF_RANGE: _("Outside the declared range %(low)s – %(high)s.")
        % {"low": _none(schedule.min_value), "high": _none(schedule.max_value)},
        BIG_CHANGE: _("Changed more than %(factor)s times against the recent average.") % {"factor": change_factor()},
    }
    return messages.get(code, code)


def _none(value) -> str:
    return "—" if value is None else quantity(value)
