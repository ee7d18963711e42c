"""Background tasks that every app may use; the task worker (`manage.py db_worker`) runs them.

A task takes JSON-serialisable arguments and does one piece of work: it calls a service, or, as here, talks to the
outside world. Enqueue it from a service with transaction.on_commit (see agencies.notifications).
"""

import datetime

from django.conf import settings
from django.core import mail
from django_tasks import task

from common import scheduling


@task()
def send_email(*, to: list[str], subject: str, body: str, html_body: str = "") -> int:
    """Send the message to each address separately (nobody sees the others' addresses) over one connection.

    Returns how many were sent. A failure (mail server down, refused address) fails the task, and the worker
    records it with its traceback in the task's result.
    """
    messages = []
    for address in to:
        message = mail.EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        if html_body:
            message.attach_alternative(html_body, "text/html")
        messages.append(message)
    with mail.get_connection() as connection:
        return connection.send_messages(messages) or 0


DAILY_SOURCES_AT = datetime.time(2, 0)  # local time: at night, after the day's answers and complaints are in


@task()
def compute_indicator_sources() -> dict[str, dict[str, int]]:
    """The IKU figures computed from their sources for every due period, then tomorrow night's run queued."""
    from . import services

    counts = services.compute_due_sources()
    schedule_indicator_sources()
    return counts


def schedule_indicator_sources() -> bool:
    """Queue the next nightly run unless one is waiting; False when the task backend cannot defer work."""
    return scheduling.queue_unless_waiting(
        compute_indicator_sources, run_after=scheduling.next_daily_run(DAILY_SOURCES_AT)
    )
