"""Every write on complaints: submission from the public form, the desk's verification, the agency's answer, the
reporter's verdict, housekeeping (escalation, automatic closing, purging contacts), officers and links.

Steps of the flow are completed under the process lock with the task's status re-checked inside it, so a second
click or a second officer gets a harmless StepAlreadyHandled instead of a double answer.
"""

import datetime
import hashlib
import hmac
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.nodes.handle import HandleActivation
from viewflow.workflow.status import STATUS

from agencies.notifications import send_email_on_commit
from agencies.workdays import WorkingCalendar
from audit import services as audit
from audit.models import AuditKind
from forums import services as forum_services
from forums.models import AgendaItem, Meeting, MeetingStatus

from .. import permissions
from ..exceptions import StepAlreadyHandled
from ..flows import ComplaintFlow
from ..models import (
    Attachment,
    Category,
    Complaint,
    ComplaintCounter,
    ComplaintProcess,
    Event,
    EventKind,
    Identity,
    Officer,
    Outcome,
    Status,
)
from ..selectors import overdue_q
from ..uploads import MAX_FILES, validate_attachment
from .categories import set_category_deadlines

OPEN_TASK_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
__all__ = ["StepAlreadyHandled", "set_category_deadlines"]  # views catch the first from here


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(complaint: Complaint, secret: str) -> bool:
    return bool(secret) and hmac.compare_digest(complaint.secret_hash, hash_secret(secret))


def _next_code(year: int) -> str:
    ComplaintCounter.objects.get_or_create(year=year)
    ComplaintCounter.objects.filter(year=year).update(last=F("last") + 1)
    serial = ComplaintCounter.objects.select_for_update().get(year=year).last
    return f"ADU-{year}-{serial:06d}"


def _event(complaint: Complaint, kind: str, *, by=None, note: str = "", public: bool = True) -> Event:
    actor = by if by is not None and by.is_authenticated else None
    return Event.objects.create(complaint=complaint, kind=kind, actor=actor, note=note, is_public=public)


def _email_reporter(complaint: Complaint, *, subject: str, body: str) -> None:
    if complaint.identity != Identity.ANONYMOUS and complaint.reporter_email:
        send_email_on_commit(to=[complaint.reporter_email], subject=subject, body=body)


@transaction.atomic
def submit_complaint(
    *,
    category: Category,
    title: str,
    description: str,
    identity: str,
    location: str = "",
    occurred_on: datetime.date | None = None,
    name: str = "",
    email: str = "",
    phone: str = "",
    files=(),
    follow_up_url: Callable[[Complaint, str], str] | None = None,
) -> tuple[Complaint, str]:
    """Record a complaint from the public form and start its flow; returns it and its follow-up secret (shown once,
    and e-mailed when an address is given). Every file is checked before anything is saved."""
    files = list(files)
    if len(files) > MAX_FILES:
        raise ValidationError({"files": _("Attach at most %(count)d files.") % {"count": MAX_FILES}})
    checked = []
    for upload in files:
        try:
            checked.append((upload, *validate_attachment(upload)))
        except ValidationError as error:
            raise ValidationError({"files": error.messages}) from error
    if not category.is_active:
        raise ValidationError({"category": _("This category no longer takes complaints.")})
    if identity == Identity.ANONYMOUS:
        # Anonymous means nobody can know who reported: nothing identifying is kept, not even for follow-up.
        name = email = phone = ""
    elif identity == Identity.NAMED and not name.strip():
        raise ValidationError({"name": _("Give your name, or choose confidential or anonymous.")})
    now = timezone.now()
    calendar = WorkingCalendar.around(timezone.localdate(now))
    secret = secrets.token_urlsafe(24)
    complaint = Complaint(
        code=_next_code(timezone.localdate(now).year),
        secret_hash=hash_secret(secret),
        category=category,
        agency_id=category.agency_id,
        title=title.strip(),
        description=description.strip(),
        location=location.strip(),
        occurred_on=occurred_on,
        identity=identity,
        reporter_name=name.strip(),
        reporter_email=email.strip(),
        reporter_phone=phone.strip(),
        submitted_at=now,
        verify_due=calendar.deadline_after(now, category.verify_days),
    )
    complaint.full_clean()
    complaint.save()
    for upload, _extension, content_type in checked:
        Attachment.objects.create(
            complaint=complaint,
            file=upload,
            original_name=upload.name[:200],
            content_type=content_type,
            size=upload.size,
        )
    ComplaintFlow.start.run(complaint=complaint)
    _event(complaint, EventKind.SUBMITTED)
    if follow_up_url is not None:
        link = follow_up_url(complaint, secret)
        with translation.override(settings.LANGUAGE_CODE):
            _email_reporter(
                complaint,
                subject=_("Your complaint %(code)s was received") % {"code": complaint.code},
                body=_(
                    "Thank you. Your complaint was received with the tracking code %(code)s.\n\n"
                    "Follow it and respond to the agency's answer here (keep this link to yourself):\n%(link)s\n"
                )
                % {"code": complaint.code, "link": link},
            )
    return complaint, secret


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
        activation = node.activation_class(task)
        if isinstance(activation, HandleActivation):
            activation.run(None)
        else:
            if task.status == STATUS.NEW:
                activation.assign(by if by is not None and by.is_authenticated else None)
            if task.status == STATUS.ASSIGNED:
                activation.start(None)
        activation.execute()
    return fresh


class Decision:
    VERIFY = "verify"
    MORE_INFO = "more_info"
    NOT_AUTHORITY = "not_authority"
    DUPLICATE = "duplicate"
    SPAM = "spam"
    CHOICES = (VERIFY, MORE_INFO, NOT_AUTHORITY, DUPLICATE, SPAM)


def verify_complaint(
    *,
    complaint: Complaint,
    by,
    decision: str,
    note: str = "",
    duplicate_of: Complaint | None = None,
    category: Category | None = None,
) -> Complaint:
    """The desk's decision. Verified complaints go to the agency of their (possibly corrected) category with an
    answer deadline; the others stop here and never reach an agency."""
    if decision not in Decision.CHOICES:
        raise ValidationError(_("Choose what to do with the complaint."))
    if decision in (Decision.MORE_INFO, Decision.NOT_AUTHORITY) and not note.strip():
        raise ValidationError({"note": _("Tell the reporter what is needed or why.")})
    if decision == Decision.DUPLICATE:
        if duplicate_of is None:
            raise ValidationError({"duplicate_of": _("Give the tracking code of the complaint it repeats.")})
        if duplicate_of.pk == complaint.pk:
            raise ValidationError({"duplicate_of": _("A complaint cannot duplicate itself.")})
        if duplicate_of.status in (Status.SPAM, Status.DUPLICATE):
            raise ValidationError({"duplicate_of": _("Merge into a complaint that is itself in process.")})

    def apply(fresh: Complaint) -> None:
        now = timezone.now()
        fresh.desk_note = note.strip()[:500]
        if decision == Decision.VERIFY:
            if category is not None and category.pk != fresh.category_id:
                if not permissions.desk_covers(by, category.agency_id):
                    raise PermissionDenied(_("You cannot send complaints to an agency outside your scope."))
                fresh.category, fresh.agency_id = category, category.agency_id
            calendar = WorkingCalendar.around(timezone.localdate(now))
            fresh.status, fresh.disposed_at = Status.WITH_AGENCY, now
            fresh.answer_due = calendar.deadline_after(now, fresh.category.answer_days)
            _event(fresh, EventKind.VERIFIED, by=by, note=fresh.desk_note)
            officer_emails = list(
                Officer.objects.filter(agency_id=fresh.agency_id).values_list("user__email", flat=True)
            )
            with translation.override(settings.LANGUAGE_CODE):
                send_email_on_commit(
                    to=officer_emails,
                    subject=_("New complaint %(code)s for your agency") % {"code": fresh.code},
                    body=_("Complaint %(code)s (%(title)s) waits for your answer by %(due)s.")
                    % {
                        "code": fresh.code,
                        "title": fresh.title,
                        "due": f"{timezone.localtime(fresh.answer_due):%Y-%m-%d}",
                    },
                )
        elif decision == Decision.MORE_INFO:
            fresh.status, fresh.info_request = Status.NEEDS_INFO, note.strip()
            _event(fresh, EventKind.INFO_REQUESTED, by=by, note=note.strip())
            with translation.override(settings.LANGUAGE_CODE):
                _email_reporter(
                    fresh,
                    subject=_("Complaint %(code)s: more information needed") % {"code": fresh.code},
                    body=_("The complaint desk asks: %(question)s\n\nAnswer through your follow-up link.")
                    % {"question": note.strip()},
                )
        elif decision == Decision.NOT_AUTHORITY:
            fresh.status, fresh.closed_at = Status.NOT_AUTHORITY, now
            _event(fresh, EventKind.NOT_AUTHORITY, by=by, note=note.strip())
        elif decision == Decision.DUPLICATE:
            fresh.status, fresh.duplicate_of, fresh.closed_at = Status.DUPLICATE, duplicate_of, now
            _event(fresh, EventKind.DUPLICATE, by=by, note=duplicate_of.code)
        else:
            fresh.status, fresh.closed_at = Status.SPAM, now
            _event(fresh, EventKind.SPAM, by=by)
        fresh.save()

    return _complete(complaint=complaint, node=ComplaintFlow.verify, by=by, check=permissions.check_verify, apply=apply)


def supply_information(*, complaint: Complaint, secret: str, text: str) -> Complaint:
    """The reporter answers the desk's question through the follow-up link; the complaint waits for verification
    again with a fresh deadline."""
    if not secret_matches(complaint, secret):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": _("Write the information the desk asked for.")})

    def check(_by, fresh):
        if fresh.status != Status.NEEDS_INFO:
            raise StepAlreadyHandled()

    def apply(fresh: Complaint) -> None:
        now = timezone.now()
        fresh.description = f"{fresh.description}\n\n— {timezone.localtime(now):%Y-%m-%d}: {text.strip()}"[:5000]
        fresh.status = Status.SUBMITTED
        fresh.verify_due = WorkingCalendar.around(timezone.localdate(now)).deadline_after(
            now, fresh.category.verify_days
        )
        fresh.save(update_fields=["description", "status", "verify_due"])
        _event(fresh, EventKind.INFO_SUPPLIED)

    return _complete(complaint=complaint, node=ComplaintFlow.supply_info, by=None, check=check, apply=apply)


@transaction.atomic
def hand_over(*, complaint: Complaint, by, unit=None, employee=None) -> Complaint:
    """An officer hands the complaint to a unit and/or an employee of the agency; they may then answer it."""
    permissions.check_hand_over(by, complaint)
    if unit is None and employee is None:
        raise ValidationError(_("Choose a unit or an employee."))
    if (unit is not None and unit.agency_id != complaint.agency_id) or (
        employee is not None and employee.agency_id != complaint.agency_id
    ):
        raise ValidationError(_("Hand complaints only to the agency's own units and employees."))
    complaint.handler_unit, complaint.handler = unit, employee
    complaint.save(update_fields=["handler_unit", "handler"])
    names = ", ".join(str(part) for part in (unit, employee) if part is not None)
    _event(complaint, EventKind.HANDED_OVER, by=by, note=names, public=False)
    return complaint


def answer_complaint(*, complaint: Complaint, by, answer: str, action_taken: str = "") -> Complaint:
    """Publish the agency's answer: the reporter is told, and the answer's timeliness is fixed for the figures."""
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer to the reporter.")})
    node = ComplaintFlow.reanswer if complaint.status == Status.REOPENED else ComplaintFlow.answer

    def apply(fresh: Complaint) -> None:
        now = timezone.now()
        first_answer = fresh.answered_at is None
        fresh.answer, fresh.action_taken = answer.strip(), action_taken.strip()
        fresh.answered_at, fresh.status = now, Status.ANSWERED
        if first_answer:
            # The figures count the first answer against the first deadline; a reopened answer does not improve them.
            calendar = WorkingCalendar.around(timezone.localdate(fresh.disposed_at))
            fresh.answer_working_days = calendar.working_days_between(
                timezone.localdate(fresh.disposed_at), timezone.localdate(now)
            )
            fresh.answered_on_time = now <= fresh.answer_due
        fresh.save()
        _event(fresh, EventKind.ANSWERED, by=by, note=fresh.action_taken)
        with translation.override(settings.LANGUAGE_CODE):
            _email_reporter(
                fresh,
                subject=_("Complaint %(code)s was answered") % {"code": fresh.code},
                body=_(
                    "The agency answered your complaint:\n\n%(answer)s\n\nTell us through your follow-up link "
                    "whether it is resolved."
                )
                % {"answer": fresh.answer},
            )

    return _complete(complaint=complaint, node=node, by=by, check=permissions.check_answer, apply=apply)


def confirm_outcome(*, complaint: Complaint, secret: str, outcome: str, comment: str = "") -> Complaint:
    """The reporter's verdict on the answer. Not resolved reopens the complaint once, to the agency head; any other
    verdict, or a second "not resolved", closes it."""
    if not secret_matches(complaint, secret):
        raise PermissionDenied
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose whether the answer resolved your complaint.")})

    def check(_by, fresh):
        if fresh.status != Status.ANSWERED:
            raise StepAlreadyHandled()

    def apply(fresh: Complaint) -> None:
        now = timezone.now()
        fresh.outcome, fresh.reporter_comment = outcome, comment.strip()[:2000]
        _event(fresh, EventKind.CONFIRMED, note=Outcome(outcome).label)
        if outcome == Outcome.NOT_RESOLVED and fresh.reopened_at is None:
            fresh.status, fresh.reopened_at = Status.REOPENED, now
            _event(fresh, EventKind.REOPENED)
            head_email = fresh.agency.head.user.email if fresh.agency.head_id else ""
            with translation.override(settings.LANGUAGE_CODE):
                send_email_on_commit(
                    to=[head_email],
                    subject=_("Complaint %(code)s was reopened") % {"code": fresh.code},
                    body=_("The reporter says complaint %(code)s is not resolved. It now waits for your answer.")
                    % {"code": fresh.code},
                )
        else:
            fresh.status, fresh.closed_at = Status.CLOSED, now
            _event(fresh, EventKind.CLOSED)
        fresh.save()

    return _complete(complaint=complaint, node=ComplaintFlow.confirm, by=None, check=check, apply=apply)


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
            _event(fresh, EventKind.AUTO_CLOSED)

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
    """The scheduled jobs in one run (the command and the hourly task): escalate, close silent, purge contacts."""
    return {
        "escalated": escalate_overdue(now=now),
        "closed": close_silent_complaints(now=now),
        "purged": purge_contacts(now=now),
    }


def record_contact_view(*, complaint: Complaint, by, request=None) -> None:
    """Every look at a confidential reporter's contact leaves an audit entry."""
    permissions.check_see_contact(by, complaint)
    if complaint.identity == Identity.CONFIDENTIAL:
        audit.record_event(kind=AuditKind.CONTACT_READ, actor=by, request=request, target=complaint.code)


@transaction.atomic
def link_complaint(*, complaint: Complaint, by, indicator=None, topic=None) -> Complaint:
    permissions.check_link(by, complaint)
    if indicator is not None and indicator.agency_id != complaint.agency_id:
        raise ValidationError({"indicator": _("Link an IKU of the complaint's own agency.")})
    complaint.indicator, complaint.topic = indicator, topic
    complaint.save(update_fields=["indicator", "topic"])
    _event(complaint, EventKind.LINKED, by=by, note=", ".join(str(x) for x in (indicator, topic) if x), public=False)
    return complaint


def next_meeting_item(*, agency_id: int) -> AgendaItem | None:
    """The agency's agenda item in the next scheduled evaluation meeting it is invited to."""
    meeting = (
        Meeting.objects.filter(status=MeetingStatus.SCHEDULED, agencies=agency_id, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )
    if meeting is None:
        return None
    return meeting.items.filter(agency_id=agency_id).first()


@transaction.atomic
def put_on_agenda(*, category: Category, by) -> AgendaItem:
    """Put "complaints about <category>" on the agency's item of its next evaluation meeting: a note with the
    figures, and the category's open complaints linked to that item."""
    if not permissions.desk_covers(by, category.agency_id):
        raise PermissionDenied(_("Only the complaint desk puts complaints on a meeting's agenda."))
    item = next_meeting_item(agency_id=category.agency_id)
    if item is None:
        raise ValidationError(_("No evaluation meeting is scheduled for this agency yet."))
    complaints = Complaint.objects.filter(category=category).exclude(status__in=(Status.SPAM, Status.DUPLICATE))
    count = complaints.count()
    complaints.update(agenda_item=item)
    forum_services.add_note(
        meeting=item.meeting,
        by=by,
        item=item,
        text=_("Complaints about %(category)s: %(count)d received.") % {"category": category.name, "count": count},
    )
    return item


@transaction.atomic
def grant_officer(*, agency, user, by) -> Officer:
    permissions.check_manage_officers(by, agency.pk)
    officer, _created = Officer.objects.get_or_create(agency=agency, user=user, defaults={"granted_by": by})
    audit.record_event(
        kind=AuditKind.ROLE_CHANGED,
        actor=by,
        target=f"{agency.code}:{user.get_username()}",
        role="complaint officer",
        change="granted",
    )
    return officer


@transaction.atomic
def withdraw_officer(*, officer: Officer, by) -> None:
    permissions.check_manage_officers(by, officer.agency_id)
    audit.record_event(
        kind=AuditKind.ROLE_CHANGED,
        actor=by,
        target=f"{officer.agency.code}:{officer.user.get_username()}",
        role="complaint officer",
        change="withdrawn",
    )
    officer.delete()
