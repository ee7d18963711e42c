"""Recurring background jobs without a separate scheduler: a job queued for a later time re-queues its next run when
it runs (`manage.py db_worker` picks it up), and queuing is skipped while a run is already waiting, so `make run` or
a deploy may call the `--schedule` commands any number of times."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext_lazy
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


class RecurringJobCommand(BaseCommand):
    """A management command whose job also runs by itself: without options it does the job now; `--schedule` queues
    its recurring run for the task worker instead (which re-queues the next one), unless one is already waiting.

    Subclasses say how to queue (`schedule`, returning `queue_unless_waiting`'s answer), what to say about it
    (`queued`, `cannot_defer`) and what the job is (`run`)."""

    schedule_help = gettext_lazy("Queue the daily job for the task worker (it re-queues itself) unless one is waiting.")
    queued = ""
    cannot_defer = ""

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)  # argparse needs a real string; the lazy text follows the active language
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true", help=str(self.schedule_help))

    def handle(self, *args, schedule=False, **options):
        if schedule:
            self.stdout.write(str(self.queued if self.schedule() else self.cannot_defer))
            return
        self.run(**options)

    def schedule(self) -> bool:
        raise NotImplementedError

    def run(self, **options) -> None:
        raise NotImplementedError
