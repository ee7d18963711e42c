"""What a change of supervisor or agency mid-period does to the employee's running plans (PermenPANRB 6/2022).

Registered with `agencies.employee_changes` in WorkflowConfig.ready(), so it runs for every path that changes a
supervisor or an agency: the admin, `set_supervisor`, the people import and the API's employee batch.

- A new supervisor: each running plan continues with them. Open supervisor tasks (review, rating, coaching, and the
  rater's steps of periodic evaluations) move to the new supervisor, the plan's reviewer becomes the new supervisor,
  and the plan's history says so. The old supervisor keeps reading the plans they decided on
  (`permissions.visible_plans_q`: approvals, returns, ratings).
- A new agency (mutasi): each running plan is closed for the months served: its open task is cancelled, its process
  ends, its open periodic evaluations are cancelled, it is marked done with `ended_on` (the day before the move) and
  the agency served; a new plan is opened at the new agency for the same period, linked to the old one
  (`previous_plan`), so the year's evaluation sees both. A move to another agency with a new supervisor is handled by
  this rule alone: the new plan is a draft that takes the supervisor at submission.

Plans already done, or of a closed period, are records and are left alone. A repeat of the same change does
nothing (the change is announced only when a value differs).
"""

import datetime

from django.utils import timezone
from viewflow.workflow.models import Task

from agencies.employee_changes import EmployeeChange
from agencies.models import Agency, Employee, PeriodStatus

from .event_comments import facts
from .flows import PlanFlow
from .models import OPEN_STATUSES, Action, PeriodicCancelReason, Plan, Stage
from .periodic import services as periodic
from .periodic.selectors import open_rater_tasks_of_plan
from .services._engine import lock_plan, process_pk_for, record_event
from .services.plans import start_plan
from .services.transitions import REASSIGNABLE_NODES

SUPERVISOR_NODES = [getattr(PlanFlow, name) for name in REASSIGNABLE_NODES]


def on_employee_changed(change: EmployeeChange) -> None:
    if change.agency_changed:
        transfer_to_agency(change)
    elif change.supervisor_changed:
        change_supervisor(change)


def _running_plans(employee: Employee):
    return (
        Plan.objects.filter(employee=employee, ended_on__isnull=True)
        .exclude(stage=Stage.DONE)
        .exclude(period__status=PeriodStatus.CLOSED)
        .order_by("pk")
    )


def _open_tasks(plan: Plan, nodes=None):
    tasks = Task.objects.filter(process__planprocess__plan_id=plan.pk, status__in=OPEN_STATUSES)
    if nodes is not None:
        tasks = tasks.filter(flow_task__in=nodes)
    return tasks.order_by("pk")


def _name(employee_pk: int | None) -> str | None:
    if employee_pk is None:
        return None
    return Employee.objects.filter(pk=employee_pk).values_list("name", flat=True).first()


def change_supervisor(change: EmployeeChange) -> int:
    """Move every running plan of the employee to the new supervisor; returns how many plans moved."""
    new = change.employee.supervisor
    actor = change.by if getattr(change.by, "is_authenticated", False) else None
    moved = 0
    for plan in _running_plans(change.employee):
        with PlanFlow.lock(process_pk_for(plan)):
            fresh = lock_plan(plan)
            tasks = [*_open_tasks(fresh, SUPERVISOR_NODES), *open_rater_tasks_of_plan(plan_id=fresh.pk)]
            # A draft never submitted has no reviewer yet: it takes the supervisor of the day at submission.
            if fresh.supervisor_id is None and not tasks:
                continue
            fresh.supervisor = new
            fresh.save(update_fields=["supervisor"])
            comment = facts(old=_name(change.supervisor_before), new=new.full_name if new else None)
            # Recorded before the tasks change hands: the new owner's notification tells of this event.
            record_event(plan=fresh, actor=actor, action=Action.SUPERVISOR_CHANGED, comment=comment)
            for task in tasks:
                activation = task.flow_task.activation_class(task)
                if new is None:
                    if task.owner_id is not None:
                        activation.unassign()  # waits for a coordinator to assign a reviewer
                elif task.owner_id is None:
                    activation.assign(new.user)
                else:
                    activation.reassign(user=new.user)
            moved += 1
    return moved


def transfer_to_agency(change: EmployeeChange, *, today: datetime.date | None = None) -> list[Plan]:
    """Close every running plan for the months served and open one at the new agency; returns the new plans."""
    today = today or timezone.localdate()
    actor = change.by if getattr(change.by, "is_authenticated", False) else None
    agencies = Agency.objects.in_bulk([change.agency_before, change.agency_after])
    old_agency, new_agency = agencies.get(change.agency_before), agencies.get(change.agency_after)
    opened = []
    for plan in _running_plans(change.employee):
        served_to = max(plan.period.starts_on, min(plan.period.ends_on, today - datetime.timedelta(days=1)))
        with PlanFlow.lock(process_pk_for(plan)):
            fresh = lock_plan(plan)
            _end_process(fresh)
            periodic.cancel_open_reviews(plan=fresh, by=actor, reason=PeriodicCancelReason.TRANSFERRED)
            fresh.stage, fresh.finished_at = Stage.DONE, timezone.now()
            fresh.ended_on, fresh.ended_agency = served_to, old_agency
            fresh.save(update_fields=["stage", "finished_at", "ended_on", "ended_agency"])
            # Both plans' events tell the same move, each worded for its side when read (workflow/event_comments.py).
            move = facts(
                old=str(old_agency) if old_agency else None,
                new=str(new_agency) if new_agency else None,
                start=plan.period.starts_on.isoformat(),
                end=served_to.isoformat(),
            )
            record_event(plan=fresh, actor=actor, action=Action.TRANSFERRED_OUT, comment=move)
        new_plan = start_plan(employee=change.employee, period=plan.period, by=actor, previous=fresh)
        record_event(plan=new_plan, actor=actor, action=Action.TRANSFERRED_IN, comment=move)
        opened.append(new_plan)
    return opened


def _end_process(plan: Plan) -> None:
    """Cancel the plan's open task and end its process after it (the cancelled task stays in the history)."""
    for task in _open_tasks(plan):
        activation = task.flow_task.activation_class(task)
        activation.cancel()
        end = PlanFlow.end.activation_class.create(PlanFlow.end, activation, task.token)
        end.activate()
        end.complete()
