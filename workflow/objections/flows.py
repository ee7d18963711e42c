"""An objection's path as a viewflow graph: filed → decided by the rater's supervisor → (re-graded) → end.

Graph only, like PlanFlow: the objection pages (workflow/views/objections.py) serve the decision and call
workflow/objections/services.py, which completes the task under the process lock. The re-grading is a node of its
own, so the plan's new predikat (and any coaching started or cancelled) is part of this process's history.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from .models import ObjectionProcess

NO_STOCK_VIEW = None


class ObjectionFlow(flow.Flow):
    """Objection (keberatan)

    An employee's objection to a final predikat, decided by the rater's own supervisor.
    """

    process_class = ObjectionProcess
    lock_impl = lock.SelectForUpdateLock(nowait=False)

    start = flow.StartHandle(this.start_process).Annotation(title=_("Objection filed")).Next(this.decide)
    decide = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(
            title=_("Decide the objection"),
            description=_("The rater's supervisor rejects, partly accepts or accepts it, with reasons."),
        )
        .Assign(this.decider_user)
        .Next(this.is_upheld)
    )
    is_upheld = flow.If(this.objection_upheld).Annotation(title=_("Upheld?")).Then(this.regrade).Else(this.end)
    regrade = (
        flow.Function(this.regrade_plan)
        .Annotation(
            title=_("Re-grade the plan"),
            description=_("New ratings give a new predikat; coaching is started or cancelled accordingly."),
        )
        .Next(this.end)
    )
    end = flow.End().Annotation(title=_("Objection closed"))

    def start_process(self, activation, *, objection):
        activation.process.objection = objection
        return activation.process

    def decider_user(self, activation):
        return activation.process.objection.decider.user

    def objection_upheld(self, activation):
        return activation.process.objection.is_upheld

    def regrade_plan(self, activation):
        from .regrade import regrade_plan

        regrade_plan(objection=activation.process.objection)
