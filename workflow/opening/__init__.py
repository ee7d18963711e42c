"""Opening a period for whole agencies, split like every app: `permissions`, `selectors`, `services` (the run,
chunk by chunk), `bulk` (the rows of many started plans in one INSERT per table) and `tasks` (the worker's entry).

The names callers use are importable from here (`from workflow import opening; opening.request_period_opening`).
"""

from .bulk import tasks_assigned_in_bulk
from .permissions import can_open_periods, check_open_period_for_agencies, check_open_periods
from .selectors import agencies_with_counts, get_opening_for_user, unfinished_opening
from .services import (
    CHUNK_SIZE,
    check_period_accepts_plans,
    open_period,
    parallel_workers,
    request_period_opening,
    run_opening,
)
from .tasks import run_opening_task

__all__ = [
    "CHUNK_SIZE",
    "agencies_with_counts",
    "can_open_periods",
    "check_open_period_for_agencies",
    "check_open_periods",
    "check_period_accepts_plans",
    "get_opening_for_user",
    "open_period",
    "parallel_workers",
    "request_period_opening",
    "run_opening",
    "run_opening_task",
    "tasks_assigned_in_bulk",
    "unfinished_opening",
]
