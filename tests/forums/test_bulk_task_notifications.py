"""Opening a period in bulk bypasses Task.save(); its owners are still told about their new drafting task."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums.models import Notification, NotificationKind
from workflow import opening, services
from workflow.models import Plan

NOTIFICATIONS = "forums:notification_list"


def test_everyone_whose_plan_is_opened_in_bulk_is_told_once_with_a_link_to_the_task(
    employee, colleague, agency, period, coordinator, client_for
):
    opening.open_period(period=period, agency_ids=[agency.pk], by=coordinator)
    plans = Plan.objects.filter(period=period).select_related("employee__user")

    notices = Notification.objects.filter(kind=NotificationKind.TASK)
    assert sorted(notices.values_list("user_id", flat=True)) == sorted(plan.employee.user_id for plan in plans)
    mine = notices.get(user=employee.user)
    plan = plans.get(employee=employee)
    task_id = mine.data["task_id"]
    assert mine.url == reverse("workflow:task_detail", args=[plan.pk, task_id])
    assert client_for(employee).get(mine.url).status_code == 200

    opening.open_period(period=period, agency_ids=[agency.pk], by=coordinator)
    assert Notification.objects.filter(kind=NotificationKind.TASK).count() == plans.count()


def test_a_bulk_opened_task_shows_in_the_notification_list(employee, agency, period, coordinator, client_for):
    opening.open_period(period=period, agency_ids=[agency.pk], by=coordinator)

    page = client_for(employee).get(reverse(NOTIFICATIONS)).content.decode()

    assert "Draft the plan" in page


def test_the_check_for_a_task_already_notified_finds_it_by_index_not_by_reading_every_notification(employee, period):
    """A single start notifies from the task's save, which viewflow repeats, so it checks first; the bulk opening
    notifies once per insert and needs no check."""
    with CaptureQueriesContext(connection) as captured:
        services.start_plan(employee=employee, period=period)
    check = next(
        sql
        for sql in (query["sql"] for query in captured.captured_queries)
        if "task_id" in sql and 'FROM "forums_notification"' in sql
    )

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # a test's few rows would be read whole anyway
            cursor.execute("EXPLAIN " + check)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + check)
        plan = " ".join(str(cell) for row in cursor.fetchall() for cell in row)
    assert "forums_notification_task" in plan
