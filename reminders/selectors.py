"""Reads of reminders given."""

from django.db.models import F, Max

from .models import Reminder


def last_reminded(*, period, employee_ids) -> dict[int, object]:
    """{employee id: when they themselves (not their reviewer) were last reminded about their plan of `period`},
    for these employees (one query)."""
    rows = (
        Reminder.objects.filter(period=period, employee_id__in=list(employee_ids), recipient=F("employee__user"))
        .values("employee_id")
        .annotate(last=Max("created_at"))
        .order_by()
    )
    return {row["employee_id"]: row["last"] for row in rows}
