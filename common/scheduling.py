"""Recurring background jobs without a separate scheduler: a job queued for a later time re-queues its next run when
it runs (`manage.py db_worker` picks it up), and queuing is skipped while a run is already waiting, so `make run` or
a deploy may call the `--schedule` commands any number of times."""

import datetime

from django.utils import timezone
from django_tasks import default_task_backend


def can_schedule() -> bool:
    """False with a backend that cannot defer work (the immediate backend of tests and `KINERJA_TASKS_BACKEND=
    immediate`): a recurring job there would run again at once, forever."""
    return default_task_backend.supports_defer


def next_daily_run(at: datetime.time, now: datetime.datetime | None = None) -> datetime.datetime:
    """The next time of day `at` (local time) after `now`."""
    now = timezone.localtime(now)
    run = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return run if run > now else run + datetime.timedelta(days=1)


def next_hourly_run(minute: int, now: datetime.datetime | None = None) -> datetime.datetime:
    """The next `minute` past the hour after `now`."""
    now = timezone.localtime(now)
    run = now.replace(minute=minute, second=0, microsecond=0)
    return run if run > now else run + datetime.timedelta(hours=1)


def queue_unless_waiting(task, *, run_after: datetime.datetime) -> bool:
    """Queue `task` (no arguments) for `run_after` unless a run of it is already waiting. Returns False when the
    backend cannot defer work, True otherwise (queued now or already waiting)."""
    if not can_schedule():
        return False
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=task.module_path)
    if not waiting.exists():
        task.using(run_after=run_after).enqueue()
    return True
