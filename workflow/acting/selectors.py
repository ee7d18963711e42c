from django.shortcuts import get_object_or_404

from agencies.models import Employee
from agencies.roles import roles_for

from .models import ActingAppointment


def _in_scope(queryset, user, field: str):
    ids = roles_for(user).coordinated_agency_ids()
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


def appointments_for(*, user):
    """The appointments for positions in the coordinator's agencies, latest first."""
    appointments = ActingAppointment.objects.select_related("holder__agency", "acting__agency")
    return _in_scope(appointments, user, "holder__agency_id")


def get_appointment_for(*, user, appointment_id: int) -> ActingAppointment:
    return get_object_or_404(appointments_for(user=user), pk=appointment_id)


def people_for(*, user):
    """Active employees of the coordinator's agencies (holders and acting officials alike)."""
    people = Employee.objects.filter(is_active=True).select_related("agency").order_by("agency__short_name", "name")
    return _in_scope(people, user, "agency_id")
