"""Writes of taking part in a training: invitations (the invited are told), registration, attendance, results and
the participant's feedback. None is taken on a cancelled training."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Employee
from common.dates import long_date

from .. import permissions
from ..models import AttendanceDay, NeedStatus, ParticipantStatus, Participation, Training
from ..uploads import validate_certificate
from .trainings import ADDED_TEXT, INVITED_TEXT, check_open, lock, tell


@transaction.atomic
def invite(*, training: Training, by, employees) -> int:
    """Invite employees (those already on the list are left as they are); returns how many were added."""
    permissions.check_manage_training(by, training)
    check_open(training)
    existing = set(training.participants.values_list("employee_id", flat=True))
    people = {person.pk: person for person in employees if person.pk not in existing}
    Participation.objects.bulk_create(
        [Participation(training=training, employee=person) for person in people.values()], ignore_conflicts=True
    )
    text = INVITED_TEXT if training.registration_open else ADDED_TEXT
    tell(training, text, user_ids=[person.user_id for person in people.values() if person.user_id])
    return len(people)


def invite_needs_people(*, training: Training, by) -> int:
    """Invite every person named by an agreed need the training serves."""
    people = Employee.objects.filter(
        development_needs__in=training.needs.filter(status=NeedStatus.AGREED), is_active=True
    ).distinct()
    return invite(training=training, by=by, employees=list(people))


@transaction.atomic
def register(*, participation: Participation, by) -> Participation:
    """The invited employee registers, while seats are left."""
    permissions.check_own_participation(by, participation)
    training = lock(participation.training)
    check_open(training)
    check_registration_open(training)
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if participation.status == ParticipantStatus.REGISTERED:
        return participation
    if participation.status not in (ParticipantStatus.INVITED, ParticipantStatus.DECLINED):
        raise ValidationError(_("Your result in this training is already recorded."))
    taken = training.participants.filter(status__in=(ParticipantStatus.REGISTERED, ParticipantStatus.COMPLETED))
    if taken.count() >= training.capacity:
        raise ValidationError(_("The training is full."))
    participation.status, participation.registered_at = ParticipantStatus.REGISTERED, timezone.now()
    participation.save(update_fields=["status", "registered_at"])
    return participation


def check_registration_open(training: Training) -> None:
    if not training.registration_open:
        when = long_date(training.starts_on)
        raise ValidationError(_("Registration closed when the training began on %(date)s.") % {"date": when})


@transaction.atomic
def decline(*, participation: Participation, by) -> Participation:
    permissions.check_own_participation(by, participation)
    check_registration_open(participation.training)
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if participation.status == ParticipantStatus.DECLINED:
        return participation
    if participation.status not in (ParticipantStatus.INVITED, ParticipantStatus.REGISTERED):
        raise ValidationError(_("Your result in this training is already recorded."))
    participation.status = ParticipantStatus.DECLINED
    participation.save(update_fields=["status"])
    return participation


@transaction.atomic
def save_attendance(*, training: Training, by, rows: list[tuple[Participation, datetime.date, bool]]) -> int:
    """Store checked attendance rows (participant, day, present), replacing what was recorded for those days.
    Attendance implies registration, so an invited participant who attended becomes registered."""
    permissions.check_manage_training(by, training)
    check_open(lock(training))
    for participation, day, present in rows:
        AttendanceDay.objects.update_or_create(participation=participation, day=day, defaults={"present": present})
    attended = {participation.pk for participation, _day, present in rows if present}
    Participation.objects.filter(pk__in=attended, status=ParticipantStatus.INVITED).update(
        status=ParticipantStatus.REGISTERED, registered_at=timezone.now()
    )
    return len(rows)


@transaction.atomic
def record_result(
    *,
    participation: Participation,
    by,
    completed: bool,
    certificate_number: str = "",
    certificate: UploadedFile | None = None,
) -> Participation:
    """Completed (with the certificate) or not; recording again replaces the result."""
    permissions.check_manage_training(by, participation.training)
    check_open(lock(participation.training))
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    fields = ["status", "completed_at", "certificate_number"]
    participation.status = ParticipantStatus.COMPLETED if completed else ParticipantStatus.NOT_COMPLETED
    participation.completed_at = timezone.now() if completed else None
    participation.certificate_number = certificate_number.strip() if completed else ""
    if completed and certificate is not None:
        participation.certificate_name = validate_certificate(certificate)
        participation.certificate = certificate
        fields += ["certificate", "certificate_name"]
    participation.save(update_fields=fields)
    return participation


@transaction.atomic
def give_feedback(*, participation: Participation, by, rating: int, comment: str = "") -> Participation:
    """A participant who took part rates the training (1–5) and comments; giving it again updates it."""
    permissions.check_own_participation(by, participation)
    finished = participation.status in (ParticipantStatus.COMPLETED, ParticipantStatus.NOT_COMPLETED)
    if not finished and not participation.attendance.filter(present=True).exists():
        raise ValidationError(_("Feedback opens once you have attended the training."))
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": [_("Choose a rating from 1 to 5.")]})
    participation.rating, participation.comment, participation.feedback_at = (
        int(rating),
        comment.strip(),
        timezone.now(),
    )
    participation.save(update_fields=["rating", "comment", "feedback_at"])
    return participation
