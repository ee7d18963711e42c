"""Who may see and do what in capacity development; every view, selector and service asks here.

- employee: their own needs, trainings, JP and external trainings; registers, gives feedback, records externals;
- supervisor: raises and agrees their direct reports' needs, verifies their external trainings;
- agency head: everything of their agency (needs by competence, the JP ledger, its trainings);
- coordinator: the agencies in their scope, and Pemda-wide trainings (organises, imports attendance, records
  results, sees effects and socialisation coverage);
- administrator: everything.
Someone else's object answers 404, so its existence does not leak.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from agencies.roles import roles_for

from .models import DevelopmentNeed, ExternalTraining, Participation, Training


def _oversees_agency(user, agency_id: int | None) -> bool:
    """Head of the agency, a coordinator over it, or an administrator; None (Pemda-wide) needs a Pemda coordinator."""
    roles = roles_for(user)
    if roles.is_administrator:
        return True
    if agency_id is None:
        return roles.is_coordinator and roles.coordinated_agency_ids() is None
    if roles.is_coordinator and roles.coordinates(agency_id):
        return True
    return roles.headed_agency is not None and roles.headed_agency.pk == agency_id


def is_direct_supervisor(user, employee) -> bool:
    me = roles_for(user).employee
    return me is not None and employee is not None and employee.supervisor_id == me.pk


# Needs


def can_raise_need_for(user, employee) -> bool:
    me = roles_for(user).employee
    if me is not None and me.pk == employee.pk:
        return True
    return is_direct_supervisor(user, employee) or _oversees_agency(user, employee.agency_id)


def check_raise_need_for(user, employee) -> None:
    if not can_raise_need_for(user, employee):
        raise Http404


def can_raise_unit_need(user, agency_id: int) -> bool:
    return _oversees_agency(user, agency_id)


def can_decide_need(user, need: DevelopmentNeed) -> bool:
    """The direct supervisor agrees a person's need; the head or a coordinator any need of the agency."""
    if need.employee_id and is_direct_supervisor(user, need.employee):
        return True
    return _oversees_agency(user, need.agency_id)


def visible_needs_q(user) -> Q:
    roles = roles_for(user)
    if roles.is_administrator:
        return Q(pk__isnull=False)
    condition = Q(pk__in=[])
    if roles.employee is not None:
        condition |= Q(employee=roles.employee) | Q(employee__supervisor=roles.employee)
    if roles.headed_agency is not None:
        condition |= Q(agency=roles.headed_agency)
    if roles.is_coordinator:
        ids = roles.coordinated_agency_ids()
        condition |= Q(pk__isnull=False) if ids is None else Q(agency_id__in=ids)
    return condition


def can_see_agency_needs(user) -> bool:
    roles = roles_for(user)
    return roles.is_supervisor or roles.is_head or roles.is_coordinator or roles.is_administrator


def check_see_agency_needs(user) -> None:
    if not can_see_agency_needs(user):
        raise PermissionDenied


# Trainings


def can_organise_trainings(user) -> bool:
    roles = roles_for(user)
    return roles.is_coordinator or roles.is_head or roles.is_administrator


def check_organise_trainings(user) -> None:
    if not can_organise_trainings(user):
        raise PermissionDenied


def can_manage_training(user, training: Training) -> bool:
    return _oversees_agency(user, training.agency_id)


def check_manage_training(user, training: Training) -> None:
    if not can_manage_training(user, training):
        raise PermissionDenied


def visible_trainings_q(user) -> Q:
    """Managers see what they oversee; employees the trainings of their agency, Pemda-wide ones and their own."""
    roles = roles_for(user)
    if roles.is_administrator:
        return Q(pk__isnull=False)
    condition = Q(pk__in=[])
    if roles.employee is not None:
        me = roles.employee
        # A subquery rather than a join, so that the condition never repeats a training (no DISTINCT needed).
        mine = Participation.objects.filter(employee=me).values("training_id")
        condition |= Q(agency__isnull=True) | Q(agency_id=me.agency_id) | Q(pk__in=mine)
    if roles.is_coordinator:
        ids = roles.coordinated_agency_ids()
        condition |= Q(pk__isnull=False) if ids is None else Q(agency_id__in=ids) | Q(agency__isnull=True)
    return condition


def can_see_participants(user, training: Training) -> bool:
    return can_manage_training(user, training)


def check_own_participation(user, participation: Participation) -> None:
    me = roles_for(user).employee
    if me is None or participation.employee_id != me.pk:
        raise Http404


def can_download_certificate(user, employee) -> bool:
    me = roles_for(user).employee
    if me is not None and me.pk == employee.pk:
        return True
    return is_direct_supervisor(user, employee) or _oversees_agency(user, employee.agency_id)


# External trainings and the JP ledger


def can_verify_external(user, external: ExternalTraining) -> bool:
    """The direct supervisor verifies; never the employee themself."""
    return is_direct_supervisor(user, external.employee)


def check_verify_external(user, external: ExternalTraining) -> None:
    if not can_verify_external(user, external):
        raise PermissionDenied


def can_see_ledger(user) -> bool:
    roles = roles_for(user)
    return roles.is_head or roles.is_coordinator or roles.is_administrator


def check_see_ledger(user) -> None:
    if not can_see_ledger(user):
        raise PermissionDenied


def ledger_employees_q(user) -> Q:
    """Employees whose JP the user may read in the ledger and the export."""
    roles = roles_for(user)
    if roles.is_administrator:
        return Q(pk__isnull=False)
    condition = Q(pk__in=[])
    if roles.employee is not None:
        condition |= Q(pk=roles.employee.pk) | Q(supervisor=roles.employee)
    if roles.headed_agency is not None:
        condition |= Q(agency=roles.headed_agency)
    if roles.is_coordinator:
        ids = roles.coordinated_agency_ids()
        condition |= Q(pk__isnull=False) if ids is None else Q(agency_id__in=ids)
    return condition


def can_see_coverage(user) -> bool:
    roles = roles_for(user)
    return roles.is_coordinator or roles.is_administrator


def check_see_coverage(user) -> None:
    if not can_see_coverage(user):
        raise PermissionDenied
