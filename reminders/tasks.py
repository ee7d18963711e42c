"""Reminder jobs for the task worker: thin wrappers around the services."""

import datetime

from django_tasks import task

from agencies.models import Period
from common import scheduling

from . import services

DAILY_AT = datetime.time(7, 0)  # local time: before the working day starts


@task()
def send_due_reminders() -> int:
    return services.send_due_reminders()


@task()
def send_daily_reminders() -> int:
    """Today's reminders, then the same job again tomorrow morning (a worker that is already running picks it up)."""
    sent = services.send_due_reminders()
    schedule_daily_reminders()
    return sent


@task()
def remind_people(*, period_id: int, employee_ids: list[int], by_id: int) -> int:
    from django.contrib.auth import get_user_model

    period = Period.objects.get(pk=period_id)
    by = get_user_model().objects.filter(pk=by_id).first()
    return services.remind_people(period=period, employee_ids=employee_ids, by=by)


def next_daily_run(now: datetime.datetime | None = None) -> datetime.datetime:
    return scheduling.next_daily_run(DAILY_AT, now)


def schedule_daily_reminders() -> bool:
    """Queue `send_daily_reminders` for the next 07:00 unless one is already waiting. False when the task backend
    cannot defer work (the immediate backend of tests and `KINERJA_TASKS_BACKEND=immediate`)."""
    return scheduling.queue_unless_waiting(send_daily_reminders, run_after=next_daily_run())
