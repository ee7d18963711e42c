"""Where a notification about a new task leads, and what it names, for flows outside the plan workflow; and which
assignments are no news to their owner.

forums tells the owner of every viewflow task (apps.py), but may not import the apps above it, whose flows (an IKU
figure to enter) it cannot read. Each such app registers, in its AppConfig.ready, a function
that reads its own task: the page where the task is done and what it is about. A task no app describes is linked
as before (forums/workflow_adapter.py)."""

import contextlib
import contextvars
import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TaskLink:
    url: str
    subject: str = ""  # what the task is about, in the data's own words (an IKU's code and name)
    starts_on: datetime.date | None = None  # the stretch of time it covers, shown in the reader's language
    ends_on: datetime.date | None = None


_describers: dict[type, Callable] = {}


def register(flow_class: type, describe: Callable) -> None:
    """`describe(task)` returns the TaskLink of a task of `flow_class`, or None to fall back to the default."""
    _describers[flow_class] = describe


def describe(task) -> TaskLink | None:
    describer = _describers.get(getattr(task.flow_task, "flow_class", None))
    return describer(task) if describer is not None else None


# The task a person is taking to complete at once (a desk officer verifying a complaint, a team member verifying a
# figure: steps anyone entitled may do). viewflow saves the assignment before the completion, and forums notifies
# every assignment; telling the doer of a task they are finishing would be a notice about nothing.
_taken_to_complete: contextvars.ContextVar[int | None] = contextvars.ContextVar("taken_to_complete", default=None)


@contextlib.contextmanager
def taking_to_complete(task):
    """Wrap the assignment, start and completion of a task its assignee completes at once (each saves the task)."""
    token = _taken_to_complete.set(task.pk)
    try:
        yield
    finally:
        _taken_to_complete.reset(token)


def is_taken_to_complete(task) -> bool:
    return task.pk is not None and _taken_to_complete.get() == task.pk
