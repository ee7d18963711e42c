from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.scheduling import RecurringJobCommand
from workflow import tasks
from workflow.periodic.services import open_periodic_reviews


class Command(RecurringJobCommand):
    help = gettext_lazy(
        "Open the periodic evaluations (quarters or months) of every approved plan whose window has started. "
        "Idempotent; run daily, or queue the daily job with --schedule."
    )
    queued = gettext_lazy("Daily opening of periodic evaluations queued.")
    cannot_defer = gettext_lazy("This task backend cannot defer work; run open_periodic_reviews daily instead.")

    def schedule(self) -> bool:
        return tasks.schedule_open_periodic_reviews()

    def run(self, **options) -> None:
        opened = open_periodic_reviews(today=timezone.localdate())
        self.stdout.write(self.style.SUCCESS(_("%(count)d periodic evaluation(s) opened.") % {"count": opened}))
