"""Scheduled complaint jobs (the command and the hourly task): escalation of overdue steps, automatic closing,
purging reporters' contacts after the retention period (UU 27/2022). Each is idempotent."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agencies.notifications import send_email_on_commit
from common import held_uploads

from ..exceptions import StepAlreadyHandled
from ..flows import ComplaintFlow
from ..models import (
    Complaint,
    Event,
    EventKind,
    Status,
)
from ..selectors import overdue_q
from ._common import _complete, _event
from .public import refresh_public_snapshots


def close_silent_complaints(*, now: datetime.datetime | None = None) -> int:
    """Close complaints whose reporter has not responded within the set number of days after the answer. Safe to
    run again: a closed complaint is no longer answered-and-waiting."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.KINERJA_COMPLAINT_AUTO_CLOSE_DAYS)
    closed = 0
    for complaint in Complaint.objects.filter(status=Status.ANSWERED, answered_at__lte=limit).order_by("pk"):

        def check(_by, fresh):
            if fresh.status != Status.ANSWERED:
                raise StepAlreadyHandled()

        def apply(fresh: Complaint) -> None:
            fresh.status, fresh.closed_at = Status.CLOSED, now
            fresh.save(update_fields=["status", "closed_at"])
            _event(fresh, EventKind.AUTO_CLOSED, at=now)

        try:
            with transaction.atomic():
                _complete(complaint=complaint, node=ComplaintFlow.confirm, by=None, check=check, apply=apply)
            closed += 1
        except StepAlreadyHandled:
            continue
    return closed


@transaction.atomic
def escalate_overdue(*, now: datetime.datetime | None = None) -> int:
    """Flag overdue steps once to the agency head (and the desk for verification): a verification or an answer past
    its deadline. Idempotent: an escalated complaint is not escalated again for the same step."""
    now = now or timezone.now()
    overdue = (
        Complaint.objects.filter(escalated_at__isnull=True).filter(overdue_q(now)).select_related("agency__head__user")
    )
    count = 0
    for complaint in overdue:
        complaint.escalated_at = now
        complaint.save(update_fields=["escalated_at"])
        _event(complaint, EventKind.ESCALATED, public=False)
        head = complaint.agency.head
        with translation.override(settings.LANGUAGE_CODE):
            send_email_on_commit(
                to=[head.user.email] if head else [],
                subject=_("Complaint %(code)s is overdue") % {"code": complaint.code},
                body=_("Complaint %(code)s (%(title)s) is past its deadline (%(status)s).")
                % {"code": complaint.code, "title": complaint.title, "status": complaint.get_status_display()},
            )
        count += 1
    return count


@transaction.atomic
def purge_contacts(*, now: datetime.datetime | None = None) -> int:
    """Delete reporters' names and contacts a retention period after closing (UU 27/2022 on personal data)."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.KINERJA_COMPLAINT_CONTACT_RETENTION_DAYS)
    due = Complaint.objects.filter(closed_at__lte=limit, contact_purged_at__isnull=True)
    ids = list(due.values_list("pk", flat=True))
    Complaint.objects.filter(pk__in=ids).update(
        reporter_name="", reporter_email="", reporter_phone="", contact_purged_at=now
    )
    Event.objects.bulk_create(
        [Event(complaint_id=pk, kind=EventKind.CONTACT_PURGED, is_public=False, created_at=now) for pk in ids]
    )
    return len(ids)


def housekeeping(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """The scheduled jobs in one run (the command and the hourly task): escalate, close silent, purge contacts, then
    refresh the public page's figures (IKU and IKM changes reach it this way)."""
    return {
        "escalated": escalate_overdue(now=now),
        "closed": close_silent_complaints(now=now),
        "purged": purge_contacts(now=now),
        "public_periods": refresh_public_snapshots(),
        "held_files_discarded": held_uploads.discard_stale(now=now),
    }
