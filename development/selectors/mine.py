"""An employee's own development page: their trainings and external trainings, and what their supervisor verifies."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from agencies.models import Employee
from agencies.roles import roles_for

from .. import permissions
from ..models import ExternalStatus, ExternalTraining

__all__ = ["externals_to_verify", "get_external_for_user", "my_externals", "my_trainings"]


def my_trainings(*, employee: Employee) -> QuerySet:
    return (
        employee.trainings.select_related("training")
        .annotate(days_present=Count("attendance", filter=Q(attendance__present=True)))
        .order_by("-training__starts_on")
    )


def my_externals(*, employee: Employee) -> QuerySet:
    return employee.external_trainings.order_by("-starts_on")


def externals_to_verify(*, user) -> QuerySet:
    me = roles_for(user).employee
    if me is None:
        return ExternalTraining.objects.none()
    return ExternalTraining.objects.filter(employee__supervisor=me, status=ExternalStatus.SUBMITTED).select_related(
        "employee"
    )


def get_external_for_user(*, user, external_id: int) -> ExternalTraining:
    external = (
        ExternalTraining.objects.filter(pk=external_id)
        .filter(employee__in=Employee.objects.filter(permissions.ledger_employees_q(user)))
        .select_related("employee")
        .first()
    )
    if external is None:
        raise Http404
    return external
