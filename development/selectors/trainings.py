"""Training events: the list, one training with its participants, and who may be invited or download what."""

from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404

from agencies.models import Employee
from agencies.roles import roles_for

from .. import permissions
from ..models import ParticipantStatus, Participation, Training

__all__ = [
    "employees_by_nip",
    "get_certificate_owner",
    "get_participation_for_manager",
    "get_training_for_user",
    "list_trainings",
    "own_participation",
    "registered_for_sheet",
    "training_feedback",
    "training_participants",
    "training_summary",
]

TAKEN = (ParticipantStatus.REGISTERED, ParticipantStatus.COMPLETED)


def list_trainings(*, user, year: int | None = None) -> QuerySet:
    trainings = Training.objects.filter(permissions.visible_trainings_q(user))
    if year:
        trainings = trainings.filter(starts_on__year=year)
    return trainings.select_related("agency").annotate(
        taken=Count("participants", filter=Q(participants__status__in=TAKEN)),
        completed=Count("participants", filter=Q(participants__status=ParticipantStatus.COMPLETED)),
    )


def get_training_for_user(*, user, training_id: int) -> Training:
    training = (
        Training.objects.filter(permissions.visible_trainings_q(user), pk=training_id)
        .select_related("agency", "cancelled_by")
        .first()
    )
    if training is None:
        raise Http404
    return training


def training_participants(*, training: Training) -> list[Participation]:
    present_days = Count("attendance", filter=Q(attendance__present=True))
    return list(
        training.participants.select_related("employee__unit", "employee__agency")
        .annotate(days_present=present_days)
        .order_by("employee__agency__short_name", "employee__name")
    )


def training_summary(*, training: Training) -> dict:
    """Counts by status, seats left, how many completed it (their JP count), mean rating: one grouped query."""
    rows = list(
        training.participants.order_by()
        .values_list("status")
        .annotate(n=Count("pk"), rated=Count("rating"), mean=Avg("rating"))
    )
    counts = {status: n for status, n, _rated, _mean in rows}
    rated = sum(row[2] for row in rows)
    total = sum((row[3] or 0) * row[2] for row in rows)
    taken = sum(counts.get(status, 0) for status in TAKEN)
    return {
        "counts": counts,
        "taken": taken,
        "completed": counts.get(ParticipantStatus.COMPLETED, 0),
        "seats_left": max(training.capacity - taken, 0),
        "rating": round(total / rated, 1) if rated else None,
        "ratings": rated,
    }


def training_feedback(*, training: Training) -> QuerySet:
    """Comments without names: participants give feedback to the organiser anonymously."""
    return training.participants.exclude(comment="").order_by("-feedback_at").values("rating", "comment", "feedback_at")


def registered_for_sheet(*, training: Training) -> QuerySet:
    return (
        training.participants.exclude(status__in=(ParticipantStatus.DECLINED, ParticipantStatus.NOT_COMPLETED))
        .select_related("employee__unit", "employee__agency")
        .order_by("employee__name")
    )


def get_participation_for_manager(*, user, training: Training, participation_id: int) -> Participation:
    participation = training.participants.filter(pk=participation_id).select_related("employee", "training").first()
    if participation is None:
        raise Http404
    permissions.check_manage_training(user, training)
    return participation


def own_participation(*, user, training: Training) -> Participation | None:
    me = roles_for(user).employee
    if me is None:
        return None
    return training.participants.filter(employee=me).select_related("training").first()


def employees_by_nip(*, user, nips: list[str]) -> tuple[list[Employee], list[str]]:
    """Active employees the user oversees with these NIPs, and the NIPs not found among them."""
    found = list(Employee.objects.filter(permissions.ledger_employees_q(user), nip__in=nips, is_active=True))
    known = {person.nip for person in found}
    return found, [nip for nip in nips if nip not in known]


def get_certificate_owner(*, user, participation_id: int) -> Participation:
    participation = Participation.objects.filter(pk=participation_id).select_related("employee").first()
    if (
        participation is None
        or not participation.certificate
        or not permissions.can_download_certificate(user, participation.employee)
    ):
        raise Http404
    return participation
