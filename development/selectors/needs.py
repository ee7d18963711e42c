"""Development needs: the lists, the planning view by competence and the people a need may be raised for."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from agencies.access import agencies_affiliated_with
from agencies.models import Employee, Unit

from .. import permissions
from ..models import DevelopmentNeed, NeedStatus

__all__ = [
    "agreed_needs_for_choice",
    "competences",
    "employees_by_id",
    "get_unit_for_need",
    "units_for_needs",
    "get_need_for_user",
    "list_needs",
    "needs_by_competence",
]


def list_needs(*, user, status: str | None = None) -> QuerySet:
    needs = DevelopmentNeed.objects.filter(permissions.visible_needs_q(user))
    if status:
        needs = needs.filter(status=status)
    return needs.select_related("employee", "unit", "agency", "indicator").order_by("status", "-raised_at")


def needs_by_competence(*, user) -> list[dict]:
    """Agreed needs of what the user oversees, counted per agency and competence (case-insensitive), for planning."""
    rows = (
        DevelopmentNeed.objects.filter(permissions.visible_needs_q(user), status=NeedStatus.AGREED)
        .values("agency__short_name", "competence")
        .annotate(
            people=Count("employee", distinct=True),
            units=Count("unit", distinct=True),
            served=Count("pk", filter=Q(trainings__isnull=False), distinct=True),
            total=Count("pk", distinct=True),
        )
        .order_by("agency__short_name", "-total", "competence")
    )
    return list(rows)


def get_need_for_user(*, user, need_id: int) -> DevelopmentNeed:
    need = (
        DevelopmentNeed.objects.filter(permissions.visible_needs_q(user), pk=need_id)
        .select_related("employee__supervisor", "agency")
        .first()
    )
    if need is None:
        raise Http404
    return need


def competences(*, user) -> list[str]:
    """Competences already named, for the form's suggestions."""
    return list(
        DevelopmentNeed.objects.filter(permissions.visible_needs_q(user))
        .order_by("competence")
        .values_list("competence", flat=True)
        .distinct()[:200]
    )


def agreed_needs_for_choice(*, user) -> QuerySet:
    return (
        DevelopmentNeed.objects.filter(permissions.visible_needs_q(user), status=NeedStatus.AGREED)
        .select_related("employee", "unit", "agency")
        .order_by("agency__short_name", "competence")
    )


def employees_by_id(*, user, employee_id: int) -> Employee:
    """An employee the user may raise a need for (themself, a direct report, people of an agency they oversee)."""
    person = Employee.objects.filter(pk=employee_id).select_related("agency").first()
    if person is None or not permissions.can_raise_need_for(user, person):
        raise Http404
    return person


def units_for_needs(*, user) -> QuerySet:
    """Units the user may raise a whole unit's need for: those of the agencies they oversee."""
    overseen = [a.pk for a in agencies_affiliated_with(user) if permissions.can_raise_unit_need(user, a.pk)]
    return Unit.objects.filter(agency_id__in=overseen).select_related("agency").order_by("agency__short_name", "name")


def get_unit_for_need(*, user, unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id).select_related("agency").first()
    if unit is None or not permissions.can_raise_unit_need(user, unit.agency_id):
        raise Http404
    return unit
