"""Who is told when an employee's supervisor or agency changes: a registry, because the rules that follow (the
open plan moves to the new supervisor; a move to another agency closes the plan and opens a new one) live in
workflow/, above agencies/, which must not be imported from here. Such an app registers a handler in its
AppConfig.ready(); every path that changes a supervisor or an agency calls `announce` with the before and after:
`services.update_employee` and `services.set_supervisor` (the admin, the site), and the people import (a file in
the admin, `manage.py import_people` or the API's employee batch), which announces once per person after its last
pass, so a repeat import that changes nothing announces nothing.

A handler is a callable `handler(change: EmployeeChange) -> None`, run inside the change's transaction (an error
rolls the change back).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Employee


@dataclass(frozen=True)
class EmployeeChange:
    employee: "Employee"
    supervisor_before: int | None
    supervisor_after: int | None
    agency_before: int | None
    agency_after: int | None
    by: object = None  # the user who made the change, when known (None: an import or a job)

    @property
    def supervisor_changed(self) -> bool:
        return self.supervisor_before != self.supervisor_after

    @property
    def agency_changed(self) -> bool:
        return self.agency_before != self.agency_after


EmployeeChangeHandler = Callable[[EmployeeChange], None]

_handlers: list[EmployeeChangeHandler] = []


def register_employee_change_handler(handler: EmployeeChangeHandler) -> None:
    """Add a handler (idempotent, so a re-run ready() adds nothing twice)."""
    if handler not in _handlers:
        _handlers.append(handler)


def announce(*, employee, supervisor_before, agency_before, by=None) -> None:
    """Tell every handler when `employee`'s supervisor or agency differs from the values given (else nothing)."""
    change = EmployeeChange(
        employee=employee,
        supervisor_before=supervisor_before,
        supervisor_after=employee.supervisor_id,
        agency_before=agency_before,
        agency_after=employee.agency_id,
        by=by,
    )
    if not (change.supervisor_changed or change.agency_changed):
        return
    for handler in _handlers:
        handler(change)
