"""The `regrade` node of ObjectionFlow: an upheld objection's new ratings give the plan a new predikat through the
same matrix as the rating step, and the plan's own process follows the new predikat:

- coaching open but no longer needed: its open task is cancelled and the plan's process ends (history kept);
- coaching now needed on a finished plan without coaching: the plan's process reopens at its `coaching` node, so
  the supervisor plans, and the employee acknowledges, coaching through the existing steps and services.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from ..event_comments import facts
from ..flows import PlanFlow
from ..models import Action, CoachingPlan, Plan, PlanStep, Stage
from ..predikat import needs_coaching, predikat_for
from ..services._engine import lock_plan, open_task, process_pk_for, record_event
from .models import Objection

COACHING_NODES = (PlanStep.COACHING, PlanStep.ACKNOWLEDGE, PlanStep.CLOSE_COACHING)


def regrade_plan(*, objection: Objection) -> Plan:
    """Apply the objection's new ratings to its plan (runs inside the decision's transaction)."""
    with PlanFlow.lock(process_pk_for(objection.plan)):
        plan = lock_plan(objection.plan)
        plan.results_rating = objection.new_results_rating
        plan.behaviour_rating = objection.new_behaviour_rating
        plan.predikat = predikat_for(plan.results_rating, plan.behaviour_rating)
        plan.save(update_fields=["results_rating", "behaviour_rating", "predikat"])
        objection.new_predikat = plan.predikat
        objection.save(update_fields=["new_predikat"])
        comment = facts(old=objection.previous_predikat, new=plan.predikat)
        record_event(plan=plan, actor=objection.decided_by, action=Action.REGRADED, comment=comment)
        open_coaching = _open_coaching_task(plan)
        if open_coaching is not None and not needs_coaching(plan.predikat):
            _cancel_coaching(plan, open_coaching, objection)
        elif plan.stage == Stage.DONE and needs_coaching(plan.predikat) and not _had_coaching(plan):
            _reopen_coaching(plan, objection)
    return plan


def _open_coaching_task(plan: Plan) -> Task | None:
    for name in COACHING_NODES:
        task = open_task(plan, getattr(PlanFlow, name))
        if task is not None:
            return task
    return None


def _had_coaching(plan: Plan) -> bool:
    return CoachingPlan.objects.filter(plan=plan).exists()


def _cancel_coaching(plan: Plan, task: Task, objection: Objection) -> None:
    """Cancel the open coaching task and end the plan's process after it (the cancelled task stays in history)."""
    activation = task.flow_task.activation_class(task)
    activation.cancel()
    end = PlanFlow.end.activation_class.create(PlanFlow.end, activation, task.token)
    end.activate()
    end.complete()
    now = timezone.now()
    CoachingPlan.objects.filter(plan=plan, closed_at__isnull=True).update(
        closed_at=now, outcome=_("Cancelled: an objection was upheld and coaching is no longer required.")
    )
    plan.stage, plan.finished_at = Stage.DONE, now
    plan.save(update_fields=["stage", "finished_at"])
    record_event(plan=plan, actor=objection.decided_by, action=Action.COACHING_CANCELLED)


def _reopen_coaching(plan: Plan, objection: Objection) -> None:
    """Reopen the finished plan process at its `coaching` node, after its end task (which stays in history)."""
    end_task = (
        Task.objects.filter(process__planprocess__plan_id=plan.pk, flow_task=PlanFlow.end, status=STATUS.DONE)
        .select_related("process")
        .order_by("-pk")
        .first()
    )
    process = end_task.process
    process.status, process.finished = PROCESS.NEW, None
    process.save(update_fields=["status", "finished"])
    plan.stage, plan.finished_at = Stage.COACHING, None
    plan.save(update_fields=["stage", "finished_at"])
    # Recorded before the task exists: the supervisor's notification tells of this event.
    record_event(plan=plan, actor=objection.decided_by, action=Action.COACHING_REOPENED)
    end = PlanFlow.end.activation_class(end_task)
    PlanFlow.coaching.activation_class.create(PlanFlow.coaching, end, end_task.token)
