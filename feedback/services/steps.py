"""The steps of a complaint: submission from the public form, the desk's verification, the reporter's added
information, the agency's hand-over and answer, the reporter's verdict."""

import datetime
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from agencies.notifications import send_email_on_commit
from agencies.workdays import WorkingCalendar
from common.dates import long_date

from .. import permissions
from ..exceptions import StepAlreadyHandled
from ..flows import ComplaintFlow
from ..models import (
    Attachment,
    Category,
    Complaint,
    EventKind,
    Identity,
    Officer,
    Outcome,
    Status,
)
from ..uploads import MAX_FILES, validate_attachment
from ._common import (
    _complete,
    _email_reporter,
    _event,
    _next_code,
    _settle_handlers_notices,
    _tell_handlers,
    hash_secret,
    secret_matches,
)

# What the handlers' in-app notices ask of them (msgids: translated when read, in the reader's language).
ANSWER_TITLE = gettext_noop("Answer the complaint")
HANDED_TITLE = gettext_noop("A complaint was handed to you: answer it")
REOPENED_TITLE = gettext_noop("The reporter says it is not resolved: answer again")


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
            officers = list(Officer.objects.filter(agency_id=fresh.agency_id).values_list("user_id", "user__email"))
            officer_emails = [email for _user_id, email in officers]
            _tell_handlers(fresh, user_ids=[user_id for user_id, _email in officers], title=ANSWER_TITLE)
            with translation.override(settings.LANGUAGE_CODE):
                send_email_on_commit(
                    to=officer_emails,
                    subject=_("New complaint %(code)s for your agency") % {"code": fresh.code},
                    body=_("Complaint %(code)s (%(title)s) waits for your answer by %(due)s.")
                    % {
                        "code": fresh.code,
                        "title": fresh.title,
                        "due": long_date(fresh.answer_due),
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
    if employee is not None:
        _tell_handlers(complaint, user_ids=[employee.user_id], title=HANDED_TITLE)
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
        _settle_handlers_notices(fresh)
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
        _event(fresh, EventKind.CONFIRMED, note=outcome)  # the code: shown in each reader's language
        if outcome == Outcome.NOT_RESOLVED and fresh.reopened_at is None:
            fresh.status, fresh.reopened_at = Status.REOPENED, now
            _event(fresh, EventKind.REOPENED)
            head_email = fresh.agency.head.user.email if fresh.agency.head_id else ""
            if fresh.agency.head_id:
                _tell_handlers(fresh, user_ids=[fresh.agency.head.user_id], title=REOPENED_TITLE)
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
