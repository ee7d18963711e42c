"""The scheduled complaint jobs: escalate overdue steps, close complaints whose reporter stayed silent, purge old
contacts. Run it hourly from cron or a systemd timer, or with --schedule queue the self-rescheduling hourly job for
the task worker (`make run` does); every part is idempotent."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

from feedback import services, tasks


class Command(BaseCommand):
    help = _(
        "Escalate overdue complaints to the agency head, close answered complaints the reporter left unanswered, "
        "and delete reporters' contact details after the retention period. Safe to run repeatedly."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)  # argparse needs a real string; the lazy text follows the active language
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help=str(_("Queue the hourly job for the task worker (it re-queues itself) unless one is waiting.")),
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            if tasks.schedule_housekeeping():
                self.stdout.write(_("Hourly complaint housekeeping queued."))
            else:
                self.stdout.write(_("This task backend cannot defer work; run complaint_housekeeping hourly instead."))
            return
        done = services.housekeeping()
        self.stdout.write(
            _("Escalated: %(escalated)d, closed automatically: %(closed)d, contacts purged: %(purged)d.") % done
        )
