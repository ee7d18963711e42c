"""Writes of the compliance board: a coordinator's bulk reminder, audited, and handed to the task worker."""

from functools import partial

from django.db import transaction

from agencies.models import Agency, Period
from audit import services as audit
from reminders import tasks as reminder_tasks


@transaction.atomic
def request_reminders(*, period: Period, agency: Agency, employee_ids: list[int], by, request=None) -> int:
    """Queue a reminder to each of these employees of `agency` (the worker records each at most once a day, so a
    second click sends nothing new). Returns how many people were asked for."""
    employee_ids = sorted(set(employee_ids))
    if not employee_ids:
        return 0
    audit.record_event(
        kind=audit.AuditKind.REMINDED,
        actor=by,
        request=request,
        target=f"{agency.short_name} · {period.name}",
        people=len(employee_ids),
        employee_ids=",".join(map(str, employee_ids)),
    )
    transaction.on_commit(
        partial(reminder_tasks.remind_people.enqueue, period_id=period.pk, employee_ids=employee_ids, by_id=by.pk)
    )
    return len(employee_ids)
