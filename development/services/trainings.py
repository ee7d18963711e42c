"""Writes of training events: create, edit, cancel and the organiser's report.

Editing and cancelling are audited; the people on the list are told (forums notifications, the text translated when
read) when the dates or the place change and when the training is cancelled. A cancelled training is kept, with who
cancelled it and why, but counts no JP and no effect, and takes no more invitations, attendance or results.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit import services as audit
from common.dates import long_date
from forums.models import NotificationKind
from forums.services import notify

from .. import permissions
from ..models import ParticipantStatus, Training, TrainingStatus

# Who has a place to be told about: everyone on the list except those who declined.
TOLD = (
    ParticipantStatus.INVITED,
    ParticipantStatus.REGISTERED,
    ParticipantStatus.COMPLETED,
    ParticipantStatus.NOT_COMPLETED,
)
SCHEDULE_FIELDS = ("starts_on", "ends_on", "place", "link")
# The fields a training is edited by (the needs and target IKU are set beside them).
EDITABLE_FIELDS = (
    "kind",
    "name",
    "organiser",
    "agency",
    "starts_on",
    "ends_on",
    "place",
    "link",
    "jp",
    "capacity",
    "description",
)
CANCELLED_TEXT = gettext_noop("The training “%(title)s” on %(due)s was cancelled: %(reason)s")
INVITED_TEXT = gettext_noop("You are invited to the training “%(title)s” starting on %(due)s: register or decline.")
# Someone put on the list of a training that has already begun (its attendance entered afterwards) has nothing to
# decide any more.
ADDED_TEXT = gettext_noop("You were added to the participants of the training “%(title)s” of %(due)s.")
RESCHEDULED_TEXT = gettext_noop("The training “%(title)s” changed its dates or place; it now starts on %(due)s.")


def check_open(training: Training) -> None:
    if training.status == TrainingStatus.CANCELLED:
        raise ValidationError(_("The training was cancelled."))


def lock(training: Training) -> Training:
    return Training.objects.select_for_update(of=("self",)).get(pk=training.pk)


@transaction.atomic
def create_training(*, by, needs=(), indicators=(), **fields) -> Training:
    """A training event; the organiser must oversee its agency (or the whole Pemda for a Pemda-wide one)."""
    training = Training(created_by=by, **fields)
    if not permissions.can_manage_training(by, training):
        raise PermissionDenied
    training.full_clean()
    training.save()
    training.needs.set(needs)
    training.indicators.set(indicators)
    return training


@transaction.atomic
def update_training(*, training: Training, by, needs=None, indicators=None, request=None, **fields) -> Training:
    """Change a training's details. The organiser must oversee both its agency and the one it moves to; seats cannot
    drop below those taken, nor the dates leave out a day with recorded attendance. Audited with the changed fields;
    the people on the list are told when the dates or the place change."""
    training = lock(training)
    permissions.check_manage_training(by, training)
    check_open(training)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    before = {name: getattr(training, name) for name in fields}
    for name, value in fields.items():
        setattr(training, name, value)
    if not permissions.can_manage_training(by, training):
        raise PermissionDenied
    training.full_clean(exclude=["created_by"])  # who created it is history, not edited (empty for imported rows)
    errors = {}
    taken = training.participants.filter(status__in=(ParticipantStatus.REGISTERED, ParticipantStatus.COMPLETED))
    if taken.count() > training.capacity:
        errors["capacity"] = [_("More people than that have a seat already.")]
    outside = (
        training.participants.filter(attendance__isnull=False)
        .exclude(attendance__day__range=(training.starts_on, training.ends_on))
        .values_list("attendance__day", flat=True)
        .distinct()
        .order_by("attendance__day")
    )
    if outside.exists():
        days = ", ".join(long_date(day) for day in outside[:5])
        errors["starts_on"] = [_("Attendance is recorded on %(days)s, outside these dates.") % {"days": days}]
    if errors:
        raise ValidationError(errors)
    changed = sorted(name for name, value in before.items() if value != getattr(training, name))
    training.save()
    if needs is not None:
        training.needs.set(needs)
    if indicators is not None:
        training.indicators.set(indicators)
    audit.record_event(  # audit: a training's details changed
        kind=audit.AuditKind.TRAINING_CHANGED, actor=by, request=request, target=training, changed=",".join(changed)
    )
    if set(changed) & set(SCHEDULE_FIELDS):
        _tell_participants(training, RESCHEDULED_TEXT)
    return training


@transaction.atomic
def cancel_training(*, training: Training, by, reason: str, request=None) -> Training:
    """Cancel with a reason: kept for the record, the people on the list told, audited. Cancelling a training that is
    already cancelled changes nothing (a second click is harmless)."""
    training = lock(training)
    permissions.check_manage_training(by, training)
    if training.status == TrainingStatus.CANCELLED:
        return training
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": [_("Say why the training is cancelled.")]})
    training.status = TrainingStatus.CANCELLED
    training.cancelled_at, training.cancelled_by, training.cancellation_reason = timezone.now(), by, reason
    training.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancellation_reason"])
    audit.record_event(  # audit: a training cancelled
        kind=audit.AuditKind.TRAINING_CANCELLED, actor=by, request=request, target=training, reason=reason
    )
    _tell_participants(training, CANCELLED_TEXT, reason=reason)
    return training


def _tell_participants(training: Training, text: str, **values) -> None:
    users = training.participants.filter(
        status__in=TOLD, employee__user__isnull=False, employee__user__is_active=True
    ).values_list("employee__user_id", flat=True)
    tell(training, text, user_ids=list(users), **values)


def tell(training: Training, text: str, *, user_ids, **values) -> None:
    """A notification about `training` (its page linked); `text` is an English msgid marked with gettext_noop,
    translated when read (forums.models.reminder_message formats the `due` date in the reader's language)."""
    data = {"text": text, "title": training.name, "due": training.starts_on.isoformat(), **values}
    url = reverse("development:training_detail", args=[training.pk])
    notify(user_ids=user_ids, kind=NotificationKind.REMINDER, data=data, url=url)


@transaction.atomic
def file_report(*, training: Training, by, report: str) -> Training:
    """The organiser's report closes the event as held."""
    permissions.check_manage_training(by, training)
    training = lock(training)
    check_open(training)
    if not report.strip():
        raise ValidationError({"report": [_("Write the report.")]})
    if training.starts_on > timezone.localdate():
        raise ValidationError(
            _("The report is filed once the training has begun, from %(day)s.") % {"day": long_date(training.starts_on)}
        )
    training.report, training.reported_at, training.status = report.strip(), timezone.now(), TrainingStatus.DONE
    training.save(update_fields=["report", "reported_at", "status"])
    return training
