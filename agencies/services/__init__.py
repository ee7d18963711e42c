"""Writes to master data: agencies, units, employees, periods and IKU figures.

Every function validates with full_clean() and runs in one transaction, so a refused change leaves nothing behind.
"""

from .indicators import (
    ComputeOutcome,
    compute_due_sources,
    compute_period_sources,
    create_indicator,
    periods_due_for_sources,
    publish_realisation,
    publish_verified_figure,
    record_computed_realisation,
    record_realisation,
    set_indicator_source,
    set_indicator_target,
    verify_realisation,
    withdraw_realisation,
)
from .organisation import create_agency, create_unit, deadline_at, set_agency_head, update_agency, update_unit
from .people import create_employee, set_supervisor, update_employee
from .periods import PERIOD_FIELDS, check_period_may_close, close_period, create_period, prepare_year, update_period

__all__ = [
    "PERIOD_FIELDS",
    "check_period_may_close",
    "close_period",
    "ComputeOutcome",
    "compute_due_sources",
    "compute_period_sources",
    "record_computed_realisation",
    "set_indicator_source",
    "create_agency",
    "create_employee",
    "create_indicator",
    "periods_due_for_sources",
    "publish_realisation",
    "publish_verified_figure",
    "create_period",
    "prepare_year",
    "create_unit",
    "deadline_at",
    "record_realisation",
    "set_agency_head",
    "set_indicator_target",
    "set_supervisor",
    "update_agency",
    "update_employee",
    "update_period",
    "update_unit",
    "verify_realisation",
    "withdraw_realisation",
]
