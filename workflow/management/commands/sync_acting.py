from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow import tasks
from workflow.acting.services import sync_acting


class Command(BaseCommand):
    help = gettext_lazy(
        "Move supervisor tasks with acting appointments (Plt/Plh): hand the holder's open tasks to the acting official "
        "from the start date, return them after the end date. Idempotent; run daily, or queue the daily job with "
        "--schedule."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)  # argparse needs a real string; the lazy text follows the active language
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help=str(_("Queue the daily job for the task worker (it re-queues itself) unless one is waiting.")),
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            if tasks.schedule_sync_acting():
                self.stdout.write(_("Daily hand-over of acting appointments queued."))
            else:
                self.stdout.write(_("This task backend cannot defer work; run sync_acting daily instead."))
            return
        moved = sync_acting(today=timezone.localdate())
        self.stdout.write(self.style.SUCCESS(_("%(handed_over)d task(s) handed over, %(returned)d returned.") % moved))
