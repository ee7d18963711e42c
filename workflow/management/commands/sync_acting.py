from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.scheduling import RecurringJobCommand
from workflow import tasks
from workflow.acting.services import sync_acting


class Command(RecurringJobCommand):
    help = gettext_lazy(
        "Move supervisor tasks with acting appointments (Plt/Plh): hand the holder's open tasks to the acting official "
        "from the start date, return them after the end date. Idempotent; run daily, or queue the daily job with "
        "--schedule."
    )
    queued = gettext_lazy("Daily hand-over of acting appointments queued.")
    cannot_defer = gettext_lazy("This task backend cannot defer work; run sync_acting daily instead.")

    def schedule(self) -> bool:
        return tasks.schedule_sync_acting()

    def run(self, **options) -> None:
        moved = sync_acting(today=timezone.localdate())
        self.stdout.write(self.style.SUCCESS(_("%(handed_over)d task(s) handed over, %(returned)d returned.") % moved))
