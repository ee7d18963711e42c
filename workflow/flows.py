"""The SKP lifecycle as a viewflow graph: draft → review → realisation → self-assessment → rating → (coaching) → end.

Graph only. Kinerja serves its own task pages (workflow/views/tasks.py) over these nodes, so the nodes carry no
stock views and viewflow's frontend is not mounted. Each human node is named and titled by a `PlanStep`. Gateways
read one-line properties of the plan, which the services in workflow/services/ set before they complete a task.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from .models import PlanProcess, PlanStep, Stage

# Our own pages handle every human task; the stock task views are never routed.
NO_STOCK_VIEW = None


class PlanFlow(flow.Flow):
    """Performance plan (SKP)

    One employee's plan for one period, from the first draft to the final predikat and any coaching.
    """

    process_class = PlanProcess
    lock_impl = lock.SelectForUpdateLock(nowait=False)

    start = flow.StartHandle(this.start_process).Annotation(title=_("Plan opened")).Next(this.draft)

    draft = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(title=PlanStep.DRAFT.label, description=_("The employee writes RHK, indicators and targets."))
        .Assign(this.employee_user)
        .Next(this.review)
    )
    review = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(title=PlanStep.REVIEW.label, description=_("The supervisor approves or returns it."))
        .Assign(this.supervisor_user)
        .Next(this.is_approved)
    )
    is_approved = (
        flow.If(this.plan_is_approved).Annotation(title=_("Approved?")).Then(this.realisation).Else(this.draft)
    )
    realisation = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(
            title=PlanStep.REALISATION.label,
            description=_("The employee records realisation with evidence, or asks to revise the plan."),
        )
        .Assign(this.employee_user)
        .Next(this.is_revision_requested)
    )
    is_revision_requested = (
        flow.If(this.plan_revision_requested)
        .Annotation(title=_("Revision requested?"))
        .Then(this.draft)
        .Else(this.self_assessment)
    )
    self_assessment = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(title=PlanStep.SELF_ASSESSMENT.label, description=_("The employee assesses their own results."))
        .Assign(this.employee_user)
        .Next(this.rating)
    )
    rating = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(title=PlanStep.RATING.label, description=_("The supervisor rates results and behaviour."))
        .Assign(this.supervisor_user)
        .Next(this.needs_coaching)
    )
    needs_coaching = (
        flow.If(this.plan_needs_coaching).Annotation(title=_("Coaching needed?")).Then(this.coaching).Else(this.end)
    )
    coaching = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(title=PlanStep.COACHING.label, description=_("The supervisor records a coaching plan."))
        .Assign(this.supervisor_user)
        .Next(this.acknowledge)
    )
    acknowledge = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(title=PlanStep.ACKNOWLEDGE.label, description=_("The employee acknowledges the coaching plan."))
        .Assign(this.employee_user)
        .Next(this.close_coaching)
    )
    close_coaching = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(
            title=PlanStep.CLOSE_COACHING.label, description=_("The supervisor records sessions and the outcome.")
        )
        .Assign(this.supervisor_user)
        .Next(this.end)
    )
    end = flow.End().Annotation(title=Stage.DONE.label)

    def start_process(self, activation, *, plan):
        activation.process.plan = plan
        activation.process.period_id, activation.process.employee_id = plan.period_id, plan.employee_id
        return activation.process

    def employee_user(self, activation):
        return activation.process.plan.employee.user

    def supervisor_user(self, activation):
        # No reviewer (an agency head without a recorded supervisor): the task waits unassigned for a coordinator.
        reviewer = activation.process.plan.supervisor
        return reviewer.user if reviewer is not None else None

    def plan_is_approved(self, activation):
        return activation.process.plan.is_approved

    def plan_revision_requested(self, activation):
        return activation.process.plan.revision_requested

    def plan_needs_coaching(self, activation):
        return activation.process.plan.needs_coaching
