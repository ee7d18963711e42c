"""Email notifications for every app, sent by the task worker after the current transaction commits.

A service calls send_email_on_commit(); a rolled-back transaction sends nothing, and a slow or absent mail server
never delays a request.
"""

from collections.abc import Iterable
from functools import partial

from django.db import transaction

from .tasks import send_email


def send_email_on_commit(*, to: Iterable[str], subject: str, body: str, html_body: str = "") -> None:
    """Queue one email to each address in `to` once the surrounding transaction commits (at once outside one).

    Render subject and body in the recipients' language before the call (for instance inside
    `translation.override(settings.LANGUAGE_CODE)`): the worker sends the text as given. Blank and repeated
    addresses are dropped, and with none left nothing is queued.
    """
    recipients = sorted({address.strip() for address in to if address and address.strip()})
    if not recipients:
        return
    # A mail header is one line: a subject built from user input must not smuggle in a line break.
    message = {"to": recipients, "subject": " ".join(str(subject).split()), "body": str(body)}
    # robust: the data is already committed, so a queue failure is logged rather than turned into an error page.
    transaction.on_commit(partial(send_email.enqueue, **message, html_body=str(html_body)), robust=True)
