"""What the complaint services share: secrets, tracking codes, history entries, e-mail to the reporter, and completing
a flow step under the process lock (the task re-checked inside it, so a second click or a second officer gets a
harmless StepAlreadyHandled instead of a double answer), and in-app notices to the people who must act next."""

import hashlib
import hmac
from collections.abc import Callable

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.nodes.handle import HandleActivation
from viewflow.workflow.status import STATUS

from agencies.notifications import send_email_on_commit
from forums import task_links
from forums.models import NotificationKind
from forums.services import notify, settle_notifications_leading_to

from ..exceptions import StepAlreadyHandled
from ..flows import ComplaintFlow
from ..models import (
    Complaint,
    ComplaintCounter,
    ComplaintProcess,
    Event,
    Officer,
    tracking_code,
)
from .public import forget_public_snapshots

OPEN_TASK_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(complaint: Complaint, secret: str) -> bool:
    return bool(secret) and hmac.compare_digest(complaint.secret_hash, hash_secret(secret))


def _next_code(year: int) -> str:
    ComplaintCounter.objects.get_or_create(year=year)
    ComplaintCounter.objects.filter(year=year).update(last=F("last") + 1)
    serial = ComplaintCounter.objects.select_for_update().get(year=year).last
    return tracking_code(year, serial)


def _event(complaint: Complaint, kind: str, *, by=None, note: str = "", public: bool = True, at=None) -> Event:
    actor = by if by is not None and by.is_authenticated else None
    when = {"created_at": at} if at is not None else {}  # a step dated by its rule's clock, like the complaint's own
    return Event.objects.create(complaint=complaint, kind=kind, actor=actor, note=note, is_public=public, **when)


def _email_reporter(complaint: Complaint, *, subject: str, body: str) -> None:
    if complaint.emails_reporter:
        send_email_on_commit(to=[complaint.reporter_email], subject=subject, body=body)


def _open_task(complaint: Complaint, node) -> Task | None:
    return (
        Task.objects.filter(process__complaintprocess__complaint_id=complaint.pk, flow_task=node)
        .filter(status__in=OPEN_TASK_STATUSES)
        .order_by("-pk")
        .first()
    )


def _complete(*, complaint: Complaint, node, by, check, apply: Callable[[Complaint], None]) -> Complaint:
    """Under the process lock: re-read the complaint, check the actor, apply the change, complete the task."""
    process_pk = ComplaintProcess.objects.filter(complaint_id=complaint.pk).values_list("pk", flat=True).get()
    with ComplaintFlow.lock(process_pk):
        task = _open_task(complaint, node)
        if task is None:
            raise StepAlreadyHandled()
        fresh = Complaint.objects.select_for_update(of=("self",)).get(pk=complaint.pk)
        if check is not None:
            check(by, fresh)
        apply(fresh)
        forget_public_snapshots(agency_id=fresh.agency_id)  # its figures or answers changed
        activation = node.activation_class(task)
        with task_links.taking_to_complete(task):
            if isinstance(activation, HandleActivation):
                activation.run(None)
            else:
                if task.status == STATUS.NEW:
                    activation.assign(by if by is not None and by.is_authenticated else None)
                if task.status == STATUS.ASSIGNED:
                    activation.start(None)
            activation.execute()
    return fresh


def _tell_handlers(complaint: Complaint, *, user_ids, title: str) -> None:
    """An in-app notice (beside the e-mail) for the people who now have to act on the complaint: officers when it
    reaches their agency, the employee it is handed to, the head when it is reopened. Names the complaint by its
    code and category only (no text of the reporter's is copied) and opens its page. `title` is an English msgid,
    translated when read. (A complaint's steps have no owner until someone entitled does them, so the flow's tasks
    notify nobody: these notices do.)"""
    user_ids = [user_id for user_id in user_ids if user_id is not None]
    if not user_ids:
        return
    data = {"title": title, "subject": f"{complaint.code} ({complaint.category.name})"}
    if complaint.answer_due:
        data["due"] = timezone.localdate(complaint.answer_due).isoformat()
    notify(user_ids=user_ids, kind=NotificationKind.TASK, data=data, url=_page(complaint))


def _settle_handlers_notices(complaint: Complaint) -> None:
    """The agency's step is done: the notices that asked its officers, the employee it was handed to and its head to
    act on the complaint stop counting as new (they stay in their lists)."""
    people = set(Officer.objects.filter(agency_id=complaint.agency_id).values_list("user_id", flat=True))
    if complaint.handler_id:
        people.add(complaint.handler.user_id)
    if complaint.agency.head_id:
        people.add(complaint.agency.head.user_id)
    settle_notifications_leading_to(url=_page(complaint), user_ids=people - {None})


def _page(complaint: Complaint) -> str:
    return reverse("feedback:complaint_detail", args=[complaint.pk])
