"""Data-calendar jobs for the task worker: the daily reminders, re-queuing their next run each time
(`manage.py send_data_reminders --schedule` queues the first)."""

import datetime

from django_tasks import task

from common import scheduling

from .services.reminders import send_data_reminders

DAILY_AT = datetime.time(7, 5)  # local time: before the working day, just after the plan reminders


@task()
def send_data_reminders_daily() -> int:
    """Today's data-calendar reminders, then the same job again tomorrow (a running worker picks it up)."""
    sent = send_data_reminders()
    schedule_data_reminders()
    return sent


def next_daily_run() -> datetime.datetime:
    return scheduling.next_daily_run(DAILY_AT)


def schedule_data_reminders() -> bool:
    """Queue the next daily run unless one is waiting; False when the task backend cannot defer work."""
    return scheduling.queue_unless_waiting(send_data_reminders_daily, run_after=next_daily_run())
