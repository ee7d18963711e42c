"""Complaint jobs for the task worker: the hourly housekeeping (escalation, automatic closing, contact purge),
re-queuing its next run each time (`manage.py complaint_housekeeping --schedule` queues the first)."""

from django_tasks import task

from common import scheduling

from . import services

HOURLY_AT_MINUTE = 5  # a few minutes past the hour, away from the daily jobs on the hour


@task()
def complaint_housekeeping() -> dict[str, int]:
    """This hour's housekeeping, then the next run queued (a worker that is already running picks it up)."""
    done = services.housekeeping()
    schedule_housekeeping()
    return done


def schedule_housekeeping() -> bool:
    """Queue the next hourly run unless one is waiting; False when the task backend cannot defer work."""
    return scheduling.queue_unless_waiting(
        complaint_housekeeping, run_after=scheduling.next_hourly_run(HOURLY_AT_MINUTE)
    )
