"""A periodic evaluation as a viewflow graph: report → rate → (coaching → acknowledge) → end.

Graph only, like PlanFlow: the periodic pages (workflow/views/periodic.py) serve each step and call
workflow/periodic/services.py, which completes the task under the process lock. The rater is the plan's reviewer,
or the acting official (Plt/Plh) appointed for them on the day the step is assigned.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from .models import PeriodicReviewProcess, ReviewStep

NO_STOCK_VIEW = None


class PeriodicReviewFlow(flow.Flow):
    """Periodic evaluation

    One quarter's (or month's) evaluation of an approved plan: the employee's report, the rater's feedback and
    periodic predikat, and coaching when the predikat is poor.
    """

    process_class = PeriodicReviewProcess
    lock_impl = lock.SelectForUpdateLock(nowait=False)

    start = flow.StartHandle(this.start_process).Annotation(title=_("Period opened")).Next(this.report)
    report = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(
            title=ReviewStep.REPORT.label,
            description=_("The employee records the period's realisation with evidence and reports it."),
        )
        .Assign(this.employee_user)
        .Next(this.rate)
    )
    rate = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(
            title=ReviewStep.RATE.label,
            description=_("The supervisor gives feedback and rates results and behaviour for the period."),
        )
        .Assign(this.rater_user)
        .Next(this.needs_coaching)
    )
    needs_coaching = (
        flow.If(this.review_needs_coaching).Annotation(title=_("Coaching needed?")).Then(this.coaching).Else(this.end)
    )
    coaching = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(title=ReviewStep.COACHING.label, description=_("The supervisor records a coaching plan."))
        .Assign(this.rater_user)
        .Next(this.acknowledge)
    )
    acknowledge = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(title=ReviewStep.ACKNOWLEDGE.label, description=_("The employee acknowledges the coaching plan."))
        .Assign(this.employee_user)
        .Next(this.end)
    )
    end = flow.End().Annotation(title=_("Periodic evaluation done"))

    def start_process(self, activation, *, review):
        activation.process.review = review
        return activation.process

    def employee_user(self, activation):
        return activation.process.review.plan.employee.user

    def rater_user(self, activation):
        from .selectors import rater_for

        rater = rater_for(activation.process.review.plan)
        return rater.user if rater is not None else None

    def review_needs_coaching(self, activation):
        return activation.process.review.needs_coaching
