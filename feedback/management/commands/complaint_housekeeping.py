"""The scheduled complaint jobs: escalate overdue steps, close complaints whose reporter stayed silent, purge old
contacts. Run it hourly or daily from cron or a systemd timer; every part is idempotent."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

from feedback import services


class Command(BaseCommand):
    help = _(
        "Escalate overdue complaints to the agency head, close answered complaints the reporter left unanswered, "
        "and delete reporters' contact details after the retention period. Safe to run repeatedly."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)  # argparse needs a real string; the lazy text follows the active language
        return super().create_parser(prog_name, subcommand, **kwargs)

    def handle(self, *args, **options):
        escalated = services.escalate_overdue()
        closed = services.close_silent_complaints()
        purged = services.purge_contacts()
        self.stdout.write(
            _("Escalated: %(escalated)d, closed automatically: %(closed)d, contacts purged: %(purged)d.")
            % {"escalated": escalated, "closed": closed, "purged": purged}
        )
