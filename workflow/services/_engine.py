"""How services complete a viewflow task: under the process lock, with the task's status re-checked.

The lock (SELECT … FOR UPDATE on the process row, waiting) serialises concurrent completions on PostgreSQL; the
status re-check inside it makes a second click, or a second supervisor, a harmless `StepAlreadyHandled` on every
database, SQLite included.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .. import permissions
from ..flows import PlanFlow
from ..models import OPEN_STATUSES, Action, Plan, PlanEvent, PlanProcess


class StepAlreadyHandled(Exception):
    """The task this action belongs to is no longer open (done by someone else, or a second click)."""

    def __init__(self, message: str | None = None):
        super().__init__(message or _("This step was already handled."))


def process_pk_for(plan: Plan) -> int:
    return PlanProcess.objects.filter(plan_id=plan.pk).values_list("pk", flat=True).get()


def open_task(plan: Plan, node) -> Task | None:
    return (
        Task.objects.filter(process__planprocess__plan_id=plan.pk, flow_task=node, status__in=OPEN_STATUSES)
        .order_by("-pk")
        .first()
    )


def lock_plan(plan: Plan) -> Plan:
    """Re-read the plan under the process lock's transaction (callers already hold the lock or an atomic block)."""
    return (
        Plan.objects.select_for_update(of=("self",))
        .select_related("employee__supervisor", "period", "supervisor")
        .get(pk=plan.pk)
    )


def complete_task(*, plan: Plan, node, by, apply: Callable[[Plan], None]) -> Plan:
    """Run `apply(plan)` and complete the open `node` task of `by`, atomically, under the process lock."""
    with PlanFlow.lock(process_pk_for(plan)):
        task = open_task(plan, node)
        if task is None:
            raise StepAlreadyHandled()
        if task.owner_id != by.pk:
            raise PermissionDenied(_("This step is assigned to someone else."))
        fresh = lock_plan(plan)
        permissions.check_act_on_step(by, fresh)
        apply(fresh)
        activation = node.activation_class(task)
        if task.status == STATUS.ASSIGNED:
            activation.start(None)
        activation.execute()
    return fresh


def record_event(*, plan: Plan, actor, action: Action, comment: str = "") -> PlanEvent:
    event = PlanEvent(plan=plan, actor=actor, action=action, comment=comment)
    event.full_clean()
    event.save()
    return event
