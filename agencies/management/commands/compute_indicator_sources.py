"""`manage.py compute_indicator_sources [--period ID]`: record the figures of IKU computed from a source.

Meant to run daily (cron or a systemd timer, or with --schedule the self-rescheduling nightly job of the task worker,
which `make run` queues): without --period it computes every period that has ended and is not closed yet, so a
period's figures appear the day after it ends and are refreshed until the period closes. Safe to repeat: an
unchanged figure keeps its verification, and a figure a person entered is kept (see
agencies.services.record_computed_realisation).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies import services, tasks
from agencies.models import Period


class Command(BaseCommand):
    help = gettext_lazy(
        "Compute the realisations of IKU that take their figure from a source (e.g. the satisfaction index) for "
        "every period that has ended and is not closed, or for one period. Safe to repeat."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--period", type=int, metavar="ID", help=gettext_lazy("Only this period (its id)."))
        parser.add_argument(
            "--schedule",
            action="store_true",
            help=gettext_lazy("Queue the nightly job for the task worker (it re-queues itself) unless one is waiting."),
        )

    def handle(self, *args, period=None, schedule=False, **options):
        if schedule:
            if tasks.schedule_indicator_sources():
                self.stdout.write(_("Nightly computation of sourced IKU queued."))
            else:
                self.stdout.write(_("This task backend cannot defer work; run compute_indicator_sources daily."))
            return
        if period is not None:
            periods = list(Period.objects.filter(pk=period))
            if not periods:
                raise CommandError(_("There is no period with id %(id)s.") % {"id": period})
        else:
            periods = services.periods_due_for_sources()
        for each in periods:
            counts = services.compute_period_sources(period=each)
            self.stdout.write(
                _(
                    "%(period)s: %(recorded)d recorded, %(unchanged)d unchanged, %(nothing)d without data, "
                    "%(kept)d entered by a person kept, %(failed)d failed."
                )
                % {
                    "period": each.name,
                    "recorded": counts["recorded"],
                    "unchanged": counts["unchanged"],
                    "nothing": counts["nothing"],
                    "kept": counts["kept_manual"],
                    "failed": counts["failed"],
                }
            )
