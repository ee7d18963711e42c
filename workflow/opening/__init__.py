"""Opening a period for whole agencies (see `services`); the names callers use, importable from here."""

from .services import (
    CHUNK_SIZE,
    agencies_with_counts,
    can_open_periods,
    check_open_period_for_agencies,
    check_open_periods,
    check_period_accepts_plans,
    get_opening_for_user,
    open_period,
    request_period_opening,
    run_opening,
    run_opening_task,
    tasks_assigned_in_bulk,
    unfinished_opening,
)

__all__ = [
    "CHUNK_SIZE",
    "agencies_with_counts",
    "can_open_periods",
    "check_open_period_for_agencies",
    "check_open_periods",
    "check_period_accepts_plans",
    "get_opening_for_user",
    "open_period",
    "request_period_opening",
    "run_opening",
    "run_opening_task",
    "tasks_assigned_in_bulk",
    "unfinished_opening",
]
