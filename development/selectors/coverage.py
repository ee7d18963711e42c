"""Socialisation of the performance system: coverage per agency next to plan (SKP) progress."""

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from agencies.access import agencies_affiliated_with
from agencies.models import Employee, Period, PeriodKind
from workflow.models import APPROVED_STAGES, Plan

from ..models import ParticipantStatus, Participation, TrainingKind, TrainingStatus

__all__ = ["sosialisasi_coverage"]


def sosialisasi_coverage(*, user, year: int) -> list[dict]:
    """Per agency in scope: how many people took part in a sosialisasi this year (a cancelled one reached nobody),
    next to plan (SKP) progress."""
    socialised = Participation.objects.filter(
        employee=OuterRef("pk"),
        training__kind=TrainingKind.SOSIALISASI,
        training__starts_on__year=year,
        status__in=(ParticipantStatus.REGISTERED, ParticipantStatus.COMPLETED),
    ).exclude(training__status=TrainingStatus.CANCELLED)
    annual = Period.objects.filter(year=year, kind=PeriodKind.ANNUAL).order_by("-starts_on").values("pk")[:1]
    people = (
        Employee.objects.filter(is_active=True, agency_id__in=agencies_affiliated_with(user).values("pk"))
        .annotate(socialised=Exists(socialised))
        .values("agency_id", "agency__short_name", "agency__name")
        .annotate(people=Count("pk"), reached=Count("pk", filter=Q(socialised=True)))
        .order_by("agency__name")
    )
    plans = dict(
        Plan.objects.filter(period_id__in=Subquery(annual), stage__in=APPROVED_STAGES)
        .values("employee__agency_id")
        .annotate(n=Count("pk"))
        .values_list("employee__agency_id", "n")
    )
    rows = []
    for row in people:
        agreed = plans.get(row["agency_id"], 0)
        rows.append(
            row
            | {
                "coverage": round(100 * row["reached"] / row["people"]) if row["people"] else 0,
                "agreed": agreed,
                "progress": round(100 * agreed / row["people"]) if row["people"] else 0,
            }
        )
    return rows
