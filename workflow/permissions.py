"""Who may see and do what with a plan: the one matrix every view, service and selector asks.

- employee: their own plans (edit in draft, act on their own tasks);
- supervisor: their own plus their direct subordinates' plans, and plans they review (the reviewer snapshot);
- agency head: every plan of their agency, read-only beyond their direct reports;
- coordinator: every plan of the agencies in their scope, read-only, plus reassigning tasks;
- administrator (a Django superuser, or staff granted "Can view plan (SKP)" in the admin): every plan, read-only —
  support and audits need to read any SKP, but only the people assigned in the workflow act on it;
- anyone else: 404, so that a plan's existence does not leak.

A plan of a closed period is frozen for everyone: it is read (page, evidence, PDFs, exports) but nothing on it
changes any more — no edit, step, realisation, feedback, coaching session or reassignment (`accepts_changes`).
Every `can_…` below that writes asks it, so the pages hide those controls and the services refuse them.

Exports follow the same reach: a whole agency's plans go to its head, a coordinator over it and administrators.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from agencies.access import evaluates_agency
from agencies.models import PeriodStatus
from agencies.roles import has_admin_permission, roles_for

from .models import Action, Plan, PlanEvent, Stage

# What a supervisor decided on a plan: they keep reading it after the plan moved to someone else (a new supervisor,
# a transfer, an acting official's period ending), as the record of their own decision.
DECIDING_ACTIONS = (
    *(Action.APPROVED, Action.RETURNED, Action.RATED, Action.COACHING_PLANNED, Action.COACHING_CLOSED),
    *(Action.PERIODIC_RATED, Action.PERIODIC_COACHING),
)


def _decided_by(user) -> Q:
    return Q(pk__in=PlanEvent.objects.filter(actor_id=user.pk, action__in=DECIDING_ACTIONS).values("plan_id"))


class PlanClosed(PermissionDenied):
    """A change refused because the plan's period is closed (the views answer 403 with this message)."""


def accepts_changes(plan: Plan) -> bool:
    """False once the plan's period is closed: the plan is then a record, read but never changed."""
    return plan.period.status != PeriodStatus.CLOSED


def check_accepts_changes(plan: Plan) -> None:
    if not accepts_changes(plan):
        raise PlanClosed(
            _("The period %(period)s is closed: this plan can no longer be changed.") % {"period": plan.period}
        )


def can_read_every_plan(user) -> bool:
    """Administrators, and staff accounts granted "Can view plan (SKP)", read every plan (only staff accounts are
    asked for the permission: no query for anyone else)."""
    return has_admin_permission(user, "workflow.view_plan")


def visible_plans_q(user) -> Q:
    """A filter for the plans `user` may read (used by every selector that lists or fetches plans)."""
    if can_read_every_plan(user):
        return Q(pk__isnull=False)
    roles = roles_for(user)
    condition = Q(pk__in=[])
    if roles.employee is not None:
        me = roles.employee
        condition |= Q(employee=me) | Q(employee__supervisor=me) | Q(supervisor=me) | _decided_by(user)
    if roles.headed_agency is not None:
        condition |= Q(employee__agency=roles.headed_agency)
    if roles.sits_on_team:
        condition |= Q(employee__agency_id__in=roles.team_agency_ids())
    if roles.is_coordinator:
        ids = roles.coordinated_agency_ids()
        condition |= Q(pk__isnull=False) if ids is None else Q(employee__agency_id__in=ids)
    return condition


def is_owner(user, plan: Plan) -> bool:
    roles = roles_for(user)
    return roles.employee is not None and plan.employee_id == roles.employee.pk


def is_plan_supervisor(user, plan: Plan) -> bool:
    """The employee's direct supervisor or the plan's reviewer."""
    roles = roles_for(user)
    if roles.employee is None:
        return False
    return roles.employee.pk in (plan.employee.supervisor_id, plan.supervisor_id)


def _can_view_by_role(user, plan: Plan) -> bool:
    """Read through a role in the plan's chain: owner, supervisor or reviewer, agency head, coordinator."""
    roles = roles_for(user)
    if is_owner(user, plan) or is_plan_supervisor(user, plan):
        return True
    if roles.headed_agency is not None and plan.employee.agency_id == roles.headed_agency.pk:
        return True
    if plan.employee.agency_id in roles.team_agency_ids():
        return True
    if roles.is_coordinator and roles.coordinates(plan.employee.agency_id):
        return True
    # Last, as it costs a query: a former supervisor reads what they decided.
    return roles.employee is not None and Plan.objects.filter(_decided_by(user), pk=plan.pk).exists()


def can_view_plan(user, plan: Plan) -> bool:
    return can_read_every_plan(user) or _can_view_by_role(user, plan)


def reads_as_administrator(user, plan: Plan) -> bool:
    """The user reads this plan only by the administrator's reach (not as its owner, supervisor, head or
    coordinator): such reads of someone else's SKP go to the audit log."""
    return can_read_every_plan(user) and not _can_view_by_role(user, plan)


def check_view_plan(user, plan: Plan) -> None:
    if not can_view_plan(user, plan):
        raise Http404


def can_edit_plan(user, plan: Plan) -> bool:
    return is_owner(user, plan) and plan.is_editable and accepts_changes(plan)


def check_edit_plan(user, plan: Plan) -> None:
    """Only the owner edits, and only in draft of an open period; others never learn more than they may see."""
    check_view_plan(user, plan)
    check_accepts_changes(plan)
    if not is_owner(user, plan):
        raise PermissionDenied(_("Only the employee can change their own plan."))
    if not plan.is_editable:
        raise PermissionDenied(_("This plan can no longer be changed: request a revision first."))


def can_record_realisation(user, plan: Plan) -> bool:
    return is_owner(user, plan) and plan.stage == Stage.REALISATION and accepts_changes(plan)


def check_record_realisation(user, plan: Plan) -> None:
    check_view_plan(user, plan)
    check_accepts_changes(plan)
    if not can_record_realisation(user, plan):
        raise PermissionDenied(_("Realisation can be recorded only by the employee while the plan is running."))


def can_give_feedback(user, plan: Plan) -> bool:
    return (is_owner(user, plan) or is_plan_supervisor(user, plan)) and not plan.is_frozen and accepts_changes(plan)


def check_give_feedback(user, plan: Plan) -> None:
    check_view_plan(user, plan)
    check_accepts_changes(plan)
    if not can_give_feedback(user, plan):
        raise PermissionDenied(_("You cannot add feedback to this plan."))


def can_reassign(user, plan: Plan) -> bool:
    roles = roles_for(user)
    coordinates = roles.is_coordinator and roles.coordinates(plan.employee.agency_id)
    return coordinates and not plan.is_frozen and accepts_changes(plan)


def check_reassign(user, plan: Plan) -> None:
    check_view_plan(user, plan)
    check_accepts_changes(plan)
    if not can_reassign(user, plan):
        raise PermissionDenied(_("Only a coordinator of this agency can reassign tasks."))


def check_act_on_step(user, plan: Plan) -> None:
    """A workflow step (submit, review, realisation, assessment, rating, coaching) moves the plan: not once closed.
    Who may act is the task's owner, checked against the task itself."""
    check_accepts_changes(plan)


def check_record_coaching_session(user, plan: Plan) -> None:
    check_view_plan(user, plan)
    check_accepts_changes(plan)
    if plan.stage != Stage.COACHING or not is_plan_supervisor(user, plan):
        raise PermissionDenied(_("Sessions are recorded by the supervisor while coaching is open."))


def can_see_team(user) -> bool:
    roles = roles_for(user)
    return roles.is_supervisor or roles.is_head


def check_see_team(user) -> None:
    if not can_see_team(user):
        raise PermissionDenied(_("The team page is for supervisors."))


def can_set_expectations(user, plan: Plan) -> bool:
    return is_plan_supervisor(user, plan) and plan.stage in (Stage.DRAFT, Stage.REVIEW) and accepts_changes(plan)


def check_set_expectations(user, plan: Plan) -> None:
    check_view_plan(user, plan)
    check_accepts_changes(plan)
    if not can_set_expectations(user, plan):
        raise PermissionDenied(_("Only the supervisor sets the behaviour expectations, before approval."))


def can_export_agency_plans(user, agency_id: int) -> bool:
    """The agency's head and evaluation team, a coordinator whose scope covers it, and administrators."""
    return can_read_every_plan(user) or evaluates_agency(user, agency_id)


def check_export_agency_plans(user, agency_id: int) -> None:
    """Another agency's existence does not leak: 404."""
    if not can_export_agency_plans(user, agency_id):
        raise Http404


# --------------------------------------------------------------------------------------------- objections (keberatan)
# An objection is seen by the employee, the rater (pejabat penilai: the plan's reviewer, or whoever rated it), the
# rater's supervisor who decides it (atasan pejabat penilai) and a coordinator of the agency: nobody else, not even
# the agency head or an administrator by their reach over plans.


def can_file_objection(user, plan: Plan, *, has_objection: bool | None = None) -> bool:
    """The owner of a rated plan of an open period that has no objection yet (the deadline is the service's).
    `has_objection`: when the caller already knows, saving a query."""
    if has_objection is None:
        has_objection = hasattr(plan, "objection")
    return is_owner(user, plan) and bool(plan.predikat) and not has_objection and accepts_changes(plan)


def check_file_objection(user, plan: Plan) -> None:
    check_view_plan(user, plan)
    check_accepts_changes(plan)
    if not is_owner(user, plan):
        raise PermissionDenied(_("Only the employee can object to their own predikat."))
    if not plan.predikat:
        raise PermissionDenied(_("There is no predikat to object to yet."))


def can_view_objection(user, objection) -> bool:
    roles = roles_for(user)
    plan = objection.plan
    me = roles.employee.pk if roles.employee is not None else None
    if me is not None and me in (plan.employee_id, plan.supervisor_id, plan.rated_by_id, objection.decider_id):
        return True
    return roles.is_coordinator and roles.coordinates(plan.employee.agency_id)


def check_view_objection(user, objection) -> None:
    if not can_view_objection(user, objection):
        raise Http404


def is_objection_decider(user, objection) -> bool:
    roles = roles_for(user)
    return roles.employee is not None and roles.employee.pk == objection.decider_id


def can_decide_objection(user, objection) -> bool:
    return is_objection_decider(user, objection) and not objection.is_decided and accepts_changes(objection.plan)


def check_decide_objection(user, objection) -> None:
    check_view_objection(user, objection)
    check_accepts_changes(objection.plan)
    if not is_objection_decider(user, objection):
        raise PermissionDenied(_("Only the rater's supervisor decides this objection."))


# --------------------------------------------------------------------------------------------- acting officials


def can_manage_acting(user, holder=None) -> bool:
    """A coordinator appoints acting officials (Plt/Plh) for positions in the agencies they coordinate."""
    roles = roles_for(user)
    return roles.is_coordinator and (holder is None or roles.coordinates(holder.agency_id))


def check_manage_acting(user, holder=None) -> None:
    if not can_manage_acting(user, holder):
        raise PermissionDenied(_("Only a coordinator of the agency appoints acting officials."))


# --------------------------------------------------------------------------------------------- periodic evaluations
# A periodic evaluation is part of its plan: whoever reads the plan reads it (owner, supervisor or reviewer, acting
# official holding the plan, head, evaluation team, coordinator, administrator). Its steps are done by the owners of
# their tasks (the employee reports and acknowledges, the rater rates and plans coaching), never once the period is
# closed; realisation for the period is recorded by the employee while the report is open.


def can_view_periodic_review(user, review) -> bool:
    return can_view_plan(user, review.plan)


def check_view_periodic_review(user, review) -> None:
    if not can_view_periodic_review(user, review):
        raise Http404


def can_record_periodic_realisation(user, review) -> bool:
    from .periodic.models import ReviewStep

    return is_owner(user, review.plan) and review.step == ReviewStep.REPORT and accepts_changes(review.plan)


def check_record_periodic_realisation(user, review) -> None:
    check_view_periodic_review(user, review)
    check_accepts_changes(review.plan)
    if not can_record_periodic_realisation(user, review):
        raise PermissionDenied(_("The period's realisation is recorded by the employee while its report is open."))
