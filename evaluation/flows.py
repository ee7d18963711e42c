"""A data entry's path as a viewflow graph: the PIC enters the figure with its evidence → someone else verifies it
(four eyes) → published; a returned figure goes back to the PIC with the reason.

Graph only. Kinerja's own pages (evaluation/views/) serve the steps and call evaluation/services/entries.py, which
completes the tasks under the process lock.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from .models import DataEntryProcess, EntryStatus

NO_STOCK_VIEW = None


class DataEntryFlow(flow.Flow):
    """IKU data entry

    One indicator's figure for one period of the data calendar.
    """

    process_class = DataEntryProcess
    lock_impl = lock.SelectForUpdateLock(nowait=False)

    start = flow.StartHandle(this.start_process).Annotation(title=_("Entry opened")).Next(this.enter)
    enter = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(title=_("Enter the figure"), description=_("The PIC enters the figure with its evidence."))
        .Assign(this.pic_user)
        .Next(this.verify)
    )
    verify = (
        flow.View(NO_STOCK_VIEW)
        .Annotation(
            title=_("Verify the figure"),
            description=_("A team member other than the one who entered it verifies or returns it."),
        )
        .Next(this.is_published)
    )
    is_published = flow.If(this.published).Annotation(title=_("Verified?")).Then(this.end).Else(this.enter)
    end = flow.End()

    def start_process(self, activation, *, entry):
        activation.process.entry = entry
        return activation.process

    def pic_user(self, activation):
        return activation.process.entry.schedule.pic.user

    def published(self, activation):
        return activation.process.entry.status == EntryStatus.PUBLISHED
