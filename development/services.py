"""Writes of capacity development: needs, trainings, participation, attendance, results, external trainings."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Employee, Indicator, Unit

from . import permissions
from .models import (
    AttendanceDay,
    DevelopmentNeed,
    ExternalStatus,
    ExternalTraining,
    NeedStatus,
    ParticipantStatus,
    Participation,
    Training,
    TrainingStatus,
)
from .uploads import validate_certificate

# Needs


@transaction.atomic
def raise_need(
    *,
    by,
    competence: str,
    gap: str,
    source: str,
    employee: Employee | None = None,
    unit: Unit | None = None,
    indicator: Indicator | None = None,
    coaching=None,
    rated_plan=None,
    source_indicator: Indicator | None = None,
    source_reference: str = "",
) -> DevelopmentNeed:
    """Record a need; one the raiser may agree themself (a supervisor, the head, a coordinator) is agreed at once."""
    if employee is not None:
        permissions.check_raise_need_for(by, employee)
        agency_id = employee.agency_id
    elif unit is not None:
        if not permissions.can_raise_unit_need(by, unit.agency_id):
            raise PermissionDenied
        agency_id = unit.agency_id
    else:
        raise ValidationError({"employee": [_("Name the employee or the unit that needs the competence.")]})
    need = DevelopmentNeed(
        agency_id=agency_id,
        employee=employee,
        unit=unit,
        competence=" ".join(competence.split()),
        gap=gap.strip(),
        source=source,
        indicator=indicator,
        coaching=coaching,
        rated_plan=rated_plan,
        source_indicator=source_indicator,
        source_reference=source_reference.strip(),
        raised_by=by,
    )
    need.full_clean()
    if permissions.can_decide_need(by, need):
        need.status, need.decided_by, need.decided_at = NeedStatus.AGREED, by, timezone.now()
    need.save()
    return need


@transaction.atomic
def decide_need(*, need: DevelopmentNeed, by, agree: bool) -> DevelopmentNeed:
    """The supervisor agrees or declines a proposed need; deciding again is refused with a message."""
    need = DevelopmentNeed.objects.select_for_update(of=("self",)).select_related("employee").get(pk=need.pk)
    if not permissions.can_decide_need(by, need):
        raise PermissionDenied
    if need.status != NeedStatus.PROPOSED:
        raise ValidationError(_("This need was already decided."))
    need.status = NeedStatus.AGREED if agree else NeedStatus.DECLINED
    need.decided_by, need.decided_at = by, timezone.now()
    need.save(update_fields=["status", "decided_by", "decided_at"])
    return need


# Trainings


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
def invite(*, training: Training, by, employees) -> int:
    """Invite employees (those already on the list are left as they are); returns how many were added."""
    permissions.check_manage_training(by, training)
    if training.status == TrainingStatus.CANCELLED:
        raise ValidationError(_("The training was cancelled."))
    existing = set(training.participants.values_list("employee_id", flat=True))
    new = [Participation(training=training, employee=person) for person in employees if person.pk not in existing]
    Participation.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def invite_needs_people(*, training: Training, by) -> int:
    """Invite every person named by an agreed need the training serves."""
    people = Employee.objects.filter(
        development_needs__in=training.needs.filter(status=NeedStatus.AGREED), is_active=True
    ).distinct()
    return invite(training=training, by=by, employees=list(people))


def _lock_training(training: Training) -> Training:
    return Training.objects.select_for_update().get(pk=training.pk)


@transaction.atomic
def register(*, participation: Participation, by) -> Participation:
    """The invited employee registers, while seats are left."""
    permissions.check_own_participation(by, participation)
    training = _lock_training(participation.training)
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


@transaction.atomic
def decline(*, participation: Participation, by) -> Participation:
    permissions.check_own_participation(by, participation)
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
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


@transaction.atomic
def file_report(*, training: Training, by, report: str) -> Training:
    """The organiser's report closes the event as held."""
    permissions.check_manage_training(by, training)
    if not report.strip():
        raise ValidationError({"report": [_("Write the report.")]})
    training.report, training.reported_at, training.status = report.strip(), timezone.now(), TrainingStatus.DONE
    training.save(update_fields=["report", "reported_at", "status"])
    return training


# External trainings


@transaction.atomic
def record_external(*, employee: Employee, by, certificate: UploadedFile, **fields) -> ExternalTraining:
    """An employee records a training taken elsewhere, with its certificate, for the supervisor to verify."""
    me = permissions.roles_for(by).employee
    if me is None or me.pk != employee.pk:
        raise PermissionDenied
    try:
        name = validate_certificate(certificate)
    except ValidationError as error:
        raise ValidationError({"certificate": error.messages}) from None
    external = ExternalTraining(employee=employee, certificate=certificate, certificate_name=name, **fields)
    external.full_clean()
    external.save()
    return external


@transaction.atomic
def verify_external(*, external: ExternalTraining, by, accept: bool, note: str = "") -> ExternalTraining:
    external = ExternalTraining.objects.select_for_update(of=("self",)).select_related("employee").get(pk=external.pk)
    permissions.check_verify_external(by, external)
    if external.status != ExternalStatus.SUBMITTED:
        raise ValidationError(_("This training was already verified."))
    if not accept and not note.strip():
        raise ValidationError({"note": [_("Say why the record is rejected.")]})
    external.status = ExternalStatus.VERIFIED if accept else ExternalStatus.REJECTED
    external.verified_by, external.verified_at, external.note = by, timezone.now(), note.strip()
    external.save(update_fields=["status", "verified_by", "verified_at", "note"])
    return external
