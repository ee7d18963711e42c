from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow import tasks
from workflow.periodic.services import open_periodic_reviews


class Command(BaseCommand):
    help = gettext_lazy(
        "Open the periodic evaluations (quarters or months) of every approved plan whose window has started. "
        "Idempotent; run daily, or queue the daily job with --schedule."
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
            if tasks.schedule_open_periodic_reviews():
                self.stdout.write(_("Daily opening of periodic evaluations queued."))
            else:
                self.stdout.write(_("This task backend cannot defer work; run open_periodic_reviews daily instead."))
            return
        opened = open_periodic_reviews(today=timezone.localdate())
        self.stdout.write(self.style.SUCCESS(_("%(count)d periodic evaluation(s) opened.") % {"count": opened}))
