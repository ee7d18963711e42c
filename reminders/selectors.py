"""Reads of reminders given."""

from django.db.models import F, Max, Q

from .models import Reminder, ReminderKind


def last_reminded(*, period, employee_ids) -> dict[int, object]:
    """{employee id: when they themselves were last reminded about their plan of `period`, or a coordinator reminded
    the supervisor holding it}, for these employees (one query). The daily reminders to a reviewer or rater do not
    count: the person was not reminded."""
    own_or_coordinator_s = Q(recipient=F("employee__user")) | Q(kind=ReminderKind.MANUAL)
    rows = (
        Reminder.objects.filter(own_or_coordinator_s, period=period, employee_id__in=list(employee_ids))
        .values("employee_id")
        .annotate(last=Max("created_at"))
        .order_by()
    )
    return {row["employee_id"]: row["last"] for row in rows}
