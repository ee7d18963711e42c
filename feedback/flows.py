"""A complaint's path as a viewflow graph: verification by the complaint desk → the agency's answer → the
reporter's verdict (not resolved reopens once, to the agency head) → end.

Graph only. Kinerja's own pages (feedback/views.py) serve the steps and call feedback/services.py, which completes
the tasks under the process lock; gateways read one-line properties of the complaint set by those services.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from .models import ComplaintProcess, Status

NO_STOCK_VIEW = None


class ComplaintFlow(flow.Flow):
    """Complaint (pengaduan)

    A citizen's complaint from the public form to the reporter's verdict or automatic closing.
    """

    process_class = ComplaintProcess
    lock_impl = lock.SelectForUpdateLock(nowait=False)

    start = flow.StartHandle(this.start_process).Annotation(title=_("Complaint received")).Next(this.verify)

    verify = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(
            title=_("Verify the complaint"),
            description=_("The complaint desk verifies it, asks for more, or rejects or merges it."),
        )
        .Next(this.verification_outcome)
    )
    verification_outcome = (
        flow.Switch()
        .Annotation(title=_("Verified?"))
        .Case(this.answer, this.is_with_agency)
        .Case(this.supply_info, this.needs_info)
        .Default(this.end)
    )
    supply_info = (
        flow.Handle()
        .Annotation(title=_("Add information"), description=_("The reporter answers the desk's question."))
        .Next(this.verify)
    )
    answer = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(
            title=_("Answer the complaint"),
            description=_("The agency's complaint officer (or the unit or employee handed it) answers publicly."),
        )
        .Next(this.confirm)
    )
    confirm = (
        flow.Handle()
        .Annotation(
            title=_("Reporter's verdict"),
            description=_("Resolved, partly or not resolved; closed automatically when the reporter is silent."),
        )
        .Next(this.is_reopened)
    )
    is_reopened = flow.If(this.reopened).Annotation(title=_("Reopened?")).Then(this.reanswer).Else(this.end)
    reanswer = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(title=_("Answer again"), description=_("The agency head answers a complaint not resolved."))
        .Next(this.confirm)
    )
    end = flow.End()

    def start_process(self, activation, *, complaint):
        activation.process.complaint = complaint
        return activation.process

    def is_with_agency(self, activation):
        return activation.process.complaint.status == Status.WITH_AGENCY

    def needs_info(self, activation):
        return activation.process.complaint.status == Status.NEEDS_INFO

    def reopened(self, activation):
        return activation.process.complaint.status == Status.REOPENED
