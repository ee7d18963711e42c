"""What the panels on lower apps' pages read: the coaching step and an evaluation meeting's agenda item."""

import datetime

from django.db.models import F, QuerySet

from agencies.models import Employee

from ..models import ParticipantStatus, Training, TrainingStatus

__all__ = ["trainings_completed_since", "trainings_for_agencies"]


def trainings_completed_since(*, employee: Employee, since: datetime.datetime) -> QuerySet:
    return (
        employee.trainings.filter(status=ParticipantStatus.COMPLETED, training__ends_on__gte=since.date())
        .exclude(training__status=TrainingStatus.CANCELLED)
        .select_related("training")
        .order_by("training__starts_on")
    )


def trainings_for_agencies(*, agency_ids, before: datetime.date) -> dict[int, list[Training]]:
    """Trainings (not cancelled) targeting each agency's IKU that started before `before`: {agency id: [trainings]}."""
    trainings = (
        Training.objects.filter(indicators__agency_id__in=agency_ids, starts_on__lt=before)
        .exclude(status=TrainingStatus.CANCELLED)
        .annotate(target_agency=F("indicators__agency_id"))
        .order_by("-starts_on")
    )
    grouped = {}
    for training in trainings:
        grouped.setdefault(training.target_agency, [])
        if training not in grouped[training.target_agency]:
            grouped[training.target_agency].append(training)
    return grouped
