"""Recurring jobs for the task worker (`make run` queues them with `--schedule`): queuing twice leaves one run
waiting, and a run the worker executes does its work and queues the next one."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

HOUSEKEEPING = "feedback.tasks.complaint_housekeeping"
SOURCES = "agencies.tasks.compute_indicator_sources"
ACTING = "workflow.tasks.sync_acting_daily"
PERIODIC = "workflow.tasks.open_periodic_reviews_daily"


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def waiting(task_path):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=task_path, status=TaskResultStatus.READY)


def run_due_now(task_path):
    """What the worker does when the time comes: the waiting run becomes due, `db_worker --batch` executes it."""
    waiting(task_path).update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("command", "task_path", "gap"),
    [
        ("complaint_housekeeping", HOUSEKEEPING, datetime.timedelta(hours=1)),
        ("compute_indicator_sources", SOURCES, datetime.timedelta(days=1)),
        ("sync_acting", ACTING, datetime.timedelta(days=1)),
        ("open_periodic_reviews", PERIODIC, datetime.timedelta(days=1)),
    ],
)
def test_scheduling_twice_queues_one_future_run(database_tasks, command, task_path, gap):
    call_command(command, "--schedule", stdout=io.StringIO())
    call_command(command, "--schedule", stdout=io.StringIO())
    queued = waiting(task_path)
    assert queued.count() == 1
    assert timezone.now() < queued.get().run_after <= timezone.now() + gap


def test_the_housekeeping_run_escalates_and_queues_the_next_hour(database_tasks, agency):
    from tests.feedback.factories import ComplaintCategoryFactory, submit

    complaint, _secret = submit(ComplaintCategoryFactory(agency=agency))
    call_command("complaint_housekeeping", "--schedule", stdout=io.StringIO())
    first = waiting(HOUSEKEEPING).get()
    complaint.verify_due = timezone.now() - datetime.timedelta(days=1)  # past its verification deadline
    complaint.save(update_fields=["verify_due"])

    run_due_now(HOUSEKEEPING)

    complaint.refresh_from_db()
    assert complaint.escalated_at is not None
    first.refresh_from_db()
    assert first.status == "SUCCESSFUL"
    assert first.return_value == {
        "escalated": 1,
        "closed": 0,
        "purged": 0,
        "public_periods": 0,
        "held_files_discarded": 0,
    }
    following = waiting(HOUSEKEEPING).get()
    assert following.pk != first.pk and following.run_after > timezone.now()


def test_the_nightly_sources_run_computes_and_queues_the_next_night(database_tasks, period):
    from agencies.models import Period

    Period.objects.filter(pk=period.pk).update(
        starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2025, 12, 31)
    )  # an ended, open period: due for computing
    call_command("compute_indicator_sources", "--schedule", stdout=io.StringIO())
    first = waiting(SOURCES).get()

    run_due_now(SOURCES)

    first.refresh_from_db()
    assert first.status == "SUCCESSFUL" and period.name in first.return_value
    following = waiting(SOURCES).get()
    assert following.pk != first.pk
    assert following.run_after.astimezone(timezone.get_current_timezone()).time() == datetime.time(2, 0)


def test_without_a_deferring_backend_the_command_says_so_and_queues_nothing():
    out = io.StringIO()
    call_command("complaint_housekeeping", "--schedule", stdout=out)
    assert "cannot defer" in out.getvalue() and not waiting(HOUSEKEEPING).exists()
