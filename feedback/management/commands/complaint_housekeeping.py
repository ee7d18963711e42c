"""The scheduled complaint jobs: escalate overdue steps, close complaints whose reporter stayed silent, purge old
contacts, remove files held for refused forms nobody came back to. Run it hourly from cron or a systemd timer, or
with --schedule queue the self-rescheduling hourly job for the task worker (`make run` does); every part is
idempotent."""

from django.utils.translation import gettext_lazy as _

from common.scheduling import RecurringJobCommand
from feedback import services, tasks


class Command(RecurringJobCommand):
    help = _(
        "Escalate overdue complaints to the agency head, close answered complaints the reporter left unanswered, "
        "delete reporters' contact details after the retention period, and remove files held for a refused form after "
        "a day. Safe to run repeatedly."
    )

    schedule_help = _("Queue the hourly job for the task worker (it re-queues itself) unless one is waiting.")
    queued = _("Hourly complaint housekeeping queued.")
    cannot_defer = _("This task backend cannot defer work; run complaint_housekeeping hourly instead.")

    def schedule(self) -> bool:
        return tasks.schedule_housekeeping()

    def run(self, **options) -> None:
        done = services.housekeeping()
        self.stdout.write(
            _(
                "Escalated: %(escalated)d, closed automatically: %(closed)d, contacts purged: %(purged)d, files held "
                "for a refused form removed: %(held_files_discarded)d."
            )
            % done
        )
