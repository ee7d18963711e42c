"""Plan jobs for the task worker: the daily hand-over and return of supervisor tasks for acting appointments
(Plt/Plh), re-queuing its next run each time (`manage.py sync_acting --schedule` queues the first)."""

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
