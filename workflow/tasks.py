"""Plan jobs for the task worker, each re-queuing its next run: the daily hand-over and return of supervisor tasks
for acting appointments (Plt/Plh; `manage.py sync_acting --schedule` queues the first), and the daily opening of
periodic evaluations for the windows that started (`manage.py open_periodic_reviews --schedule`)."""

import datetime

from django.utils import timezone
from django_tasks import task

from common import scheduling

from .acting.services import sync_acting

DAILY_AT = datetime.time(0, 15)  # just after midnight: an appointment starting today is in force for the working day


@task()
def sync_acting_daily() -> dict[str, int]:
    """Today's hand-overs and returns, then the next run queued (a worker that is already running picks it up)."""
    moved = sync_acting(today=timezone.localdate())
    schedule_sync_acting()
    return moved


def schedule_sync_acting() -> bool:
    """Queue the next daily run unless one is waiting; False when the task backend cannot defer work."""
    return scheduling.queue_unless_waiting(sync_acting_daily, run_after=scheduling.next_daily_run(DAILY_AT))


PERIODIC_DAILY_AT = datetime.time(0, 30)  # after the acting hand-over: a new quarter's rater steps find the right owner


@task()
def open_periodic_reviews_daily() -> int:
    """Open the periodic evaluations of windows that started (a new quarter or month), then queue the next run."""
    from .periodic.services import open_periodic_reviews

    opened = open_periodic_reviews(today=timezone.localdate())
    schedule_open_periodic_reviews()
    return opened


def schedule_open_periodic_reviews() -> bool:
    """Queue the next daily run unless one is waiting; False when the task backend cannot defer work."""
    return scheduling.queue_unless_waiting(
        open_periodic_reviews_daily, run_after=scheduling.next_daily_run(PERIODIC_DAILY_AT)
    )
