"""Appointing an acting official and moving tasks with the appointment's dates.

`sync_acting(today=…)` is the daily job (`manage.py sync_acting`), also run on demand when an appointment is made or
ended: it hands the holder's open supervisor tasks to the acting official for every appointment in force (tasks
that arrived since are swept too) and returns what is still open to the holder once an appointment has ended.
Every move is a recorded reassignment on the plan (`Action.REASSIGNED`), and the acting official becomes the plan's
reviewer for the time, so they can open it, and rate it on behalf of the position.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from agencies.models import Employee
from agencies.roles import roles_for

from .. import permissions
from ..event_comments import facts, step_key
from ..flows import PlanFlow
from ..models import OPEN_STATUSES, Action, Plan
from ..periodic.selectors import RATER_NODES
from ..services._engine import lock_plan, record_event
from ..services.transitions import REASSIGNABLE_NODES
from .models import ActingAppointment, ActingHandover

# The plan's supervisor steps and the rater's steps of its periodic evaluations.
SUPERVISOR_NODES = [*(getattr(PlanFlow, name) for name in REASSIGNABLE_NODES), *RATER_NODES]


@transaction.atomic
def appoint_acting(
    *, by, holder: Employee, acting: Employee, kind: str, starts_on, ends_on, reason: str, today=None
) -> ActingAppointment:
    permissions.check_manage_acting(by, holder)
    if not acting.is_active or not roles_for(by).coordinates(acting.agency_id):
        raise ValidationError({"acting": _("Choose an active employee of an agency you coordinate.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the appointment.")})
    appointment = ActingAppointment(
        holder=holder, acting=acting, kind=kind, starts_on=starts_on, ends_on=ends_on, reason=reason.strip(),
        created_by=by,
    )  # fmt: skip
    appointment.full_clean()
    appointment.save()
    sync_acting(today=today or timezone.localdate())
    return appointment


@transaction.atomic
def end_acting(*, appointment: ActingAppointment, by, today=None) -> ActingAppointment:
    """End an appointment early (the holder is back): it ends yesterday and the open tasks return now."""
    permissions.check_manage_acting(by, appointment.holder)
    today = today or timezone.localdate()
    if appointment.handed_over_at is None:  # never in force: cancelled, nothing to return
        appointment.returned_at = timezone.now()
        appointment.save(update_fields=["returned_at"])
        return appointment
    if appointment.ends_on >= today:
        appointment.ends_on = max(appointment.starts_on, today - datetime.timedelta(days=1))
        appointment.save(update_fields=["ends_on"])
    sync_acting(today=today, force_end=[appointment.pk])
    appointment.refresh_from_db()
    return appointment


def sync_acting(*, today: datetime.date, force_end=()) -> dict:
    """Hand over for appointments in force, return for those ended; idempotent. Returns counts of moved tasks."""
    moved = {"handed_over": 0, "returned": 0}
    ended = ActingAppointment.objects.filter(
        Q(ends_on__lt=today) | Q(pk__in=list(force_end)), handed_over_at__isnull=False, returned_at__isnull=True
    ).select_related("holder__user", "acting__user")
    for appointment in ended:
        moved["returned"] += _return(appointment)
    in_force = (
        ActingAppointment.objects.filter(starts_on__lte=today, ends_on__gte=today, returned_at__isnull=True)
        .exclude(pk__in=list(force_end))
        .select_related("holder__user", "acting__user")
    )
    for appointment in in_force:
        moved["handed_over"] += _hand_over(appointment)
    return moved


def _open_supervisor_tasks(owner_id: int, *, plan_ids=None):
    tasks = Task.objects.filter(owner_id=owner_id, flow_task__in=SUPERVISOR_NODES, status__in=OPEN_STATUSES)
    if plan_ids is not None:
        tasks = tasks.filter(
            Q(process__planprocess__plan_id__in=plan_ids)
            | Q(process__periodicreviewprocess__review__plan_id__in=plan_ids)
        )
    joins = ("process__planprocess__plan", "process__periodicreviewprocess__review__plan")
    return tasks.select_related(*joins).order_by("pk")


def _plan_of(task: Task) -> Plan:
    """The plan a supervisor task is about: its own process's, or the plan of the periodic evaluation it belongs to."""
    if task.flow_task in RATER_NODES:
        return task.process.periodicreviewprocess.review.plan
    return task.process.planprocess.plan


@transaction.atomic
def _hand_over(appointment: ActingAppointment) -> int:
    count = 0
    for task in _open_supervisor_tasks(appointment.holder.user_id):
        plan = _plan_of(task)
        _move(task, plan, to=appointment.acting, comment=_handover_comment(appointment, task, handing=True))
        ActingHandover.objects.get_or_create(appointment=appointment, plan=plan)
        count += 1
    if appointment.handed_over_at is None:
        appointment.handed_over_at = timezone.now()
        appointment.save(update_fields=["handed_over_at"])
    return count


@transaction.atomic
def _return(appointment: ActingAppointment) -> int:
    plan_ids = list(appointment.handovers.values_list("plan_id", flat=True))
    count = 0
    for task in _open_supervisor_tasks(appointment.acting.user_id, plan_ids=plan_ids):
        plan = _plan_of(task)
        _move(task, plan, to=appointment.holder, comment=_handover_comment(appointment, task, handing=False))
        count += 1
    # Plans whose supervisor step is not open now still go back to the holder as their reviewer.
    Plan.objects.filter(pk__in=plan_ids, supervisor=appointment.acting).update(supervisor=appointment.holder)
    appointment.returned_at = timezone.now()
    appointment.save(update_fields=["returned_at"])
    return count


def _move(task: Task, plan: Plan, *, to: Employee, comment: str) -> None:
    with task.flow_task.flow_class.lock(task.process_id):
        task.refresh_from_db()
        if task.status not in OPEN_STATUSES:
            return
        fresh = lock_plan(plan)
        fresh.supervisor = to
        fresh.save(update_fields=["supervisor"])
        # Recorded before the task changes hands: the new owner's notification tells of this event.
        record_event(plan=fresh, actor=None, action=Action.REASSIGNED, comment=comment)
        task.flow_task.activation_class(task).reassign(user=to.user)


def _handover_comment(appointment: ActingAppointment, task: Task, *, handing: bool) -> str:
    return facts(
        steps=[step_key(task)],
        kind=appointment.kind,
        acting=appointment.acting.full_name,
        holder=appointment.holder.full_name,
        **{"from": appointment.starts_on.isoformat(), "to": appointment.ends_on.isoformat()},
        handing=handing,
    )
