"""A period's deadlines as its plans meet them: by each deadline a plan should have left certain stages (approved
by the plan deadline, realised by the period's end, rated by the evaluation deadline); a stage is late once a
deadline it belongs to is over (the end of that day in the agency's time zone). One rule for the compliance board,
the reminders and the agency head's home page."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Period
from agencies.services import deadline_at

from .models import Stage

NOT_STARTED = None  # the "stage" of an employee without a plan in the period


@dataclass(frozen=True)
class Deadline:
    """One deadline of the period and the stages a plan must have left by then."""

    key: str
    label: str
    day: datetime.date
    pending: frozenset  # stages (NOT_STARTED included) that are late once the day is over


BEFORE_APPROVAL = frozenset({NOT_STARTED, Stage.DRAFT, Stage.REVIEW})
BEFORE_SELF_ASSESSMENT = BEFORE_APPROVAL | {Stage.REALISATION}
BEFORE_RATED = BEFORE_SELF_ASSESSMENT | {Stage.SELF_ASSESSMENT, Stage.RATING}
# The stages of a plan not yet rated (coaching follows the rating; done is done).
NOT_YET_RATED = tuple(stage for stage in Stage if stage in BEFORE_RATED)


def deadlines_of(period: Period) -> list[Deadline]:
    return [
        Deadline("plan", _("Plan approved"), period.plan_due, BEFORE_APPROVAL),
        Deadline("realisation", _("Realisation finished"), period.ends_on, BEFORE_SELF_ASSESSMENT),
        Deadline("evaluation", _("Rated"), period.evaluation_due, BEFORE_RATED),
    ]


def stage_deadline(period: Period, stage) -> Deadline | None:
    """The deadline by which a plan in `stage` (None: no plan yet) should have left it; None once it is rated."""
    return next((deadline for deadline in deadlines_of(period) if (stage or NOT_STARTED) in deadline.pending), None)


def passed(day: datetime.date, time_zone: str, now: datetime.datetime) -> bool:
    return deadline_at(day, Agency(time_zone=time_zone)) < now


def late_stages(*, period: Period, time_zone: str, now: datetime.datetime | None = None) -> frozenset:
    """The stages (NOT_STARTED for no plan) that are late now in an agency of `time_zone`."""
    now = now or timezone.now()
    late = frozenset()
    for deadline in deadlines_of(period):
        if passed(deadline.day, time_zone, now):
            late |= deadline.pending
    return late


def late_count(progress: dict, *, late: frozenset) -> int:
    """How many of an agency's employees are late, from its row of `selectors.plan_progress_by_agency` and the
    `late_stages` of its time zone (no query): those whose plan is in a late stage, and those without one once the
    plan deadline is over."""
    in_late_stages = sum(n for stage, n in progress["by_stage"].items() if stage in late)
    return in_late_stages + (progress["not_started"] if NOT_STARTED in late else 0)
