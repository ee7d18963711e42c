"""`manage.py open_period PERIOD_ID (--agency CODE ... | --all)`: open the plans of whole agencies for a period.

Safe to repeat, and the way to finish an opening that was interrupted: employees who have a plan are skipped.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency, Period
from workflow.opening import CHUNK_SIZE, open_period


class Command(BaseCommand):
    help = gettext_lazy(
        "Open the plan (SKP) of every active employee of the given agencies for a period, in bulk. Employees who "
        "already have a plan are skipped, so re-running completes an interrupted opening."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)  # argparse needs a real string; the lazy text follows the active language
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("period_id", type=int, help=gettext_lazy("Id of the period (see /periods/)."))
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "--agency",
            action="append",
            dest="codes",
            metavar="CODE",
            help=gettext_lazy("Code of an agency to open; repeat for several."),
        )
        which.add_argument("--all", action="store_true", help=gettext_lazy("Open every agency."))
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=CHUNK_SIZE,
            help=gettext_lazy("Employees per transaction (default %(default)s)."),
        )

    def handle(self, *args, period_id, codes=None, all=False, chunk_size=CHUNK_SIZE, **options):
        period = Period.objects.filter(pk=period_id).first()
        if period is None:
            raise CommandError(_("There is no period with id %(id)s.") % {"id": period_id})
        if chunk_size < 1:
            raise CommandError(_("The chunk size must be at least 1."))
        if not period.accepts_plans:
            raise CommandError(_("Plans for this period can no longer be opened."))
        agencies = Agency.objects.all() if all else Agency.objects.filter(code__in=codes)
        agency_ids = list(agencies.values_list("pk", flat=True))
        if not all:
            unknown = sorted(set(codes) - set(agencies.values_list("code", flat=True)))
            if unknown:
                raise CommandError(_("Unknown agency codes: %(codes)s") % {"codes": ", ".join(unknown)})
        self.stdout.write(
            _("Opening %(period)s for %(count)d agencies…") % {"period": period.name, "count": len(agency_ids)}
        )
        started = time.perf_counter()

        def report(opening):
            self.stdout.write(
                _("  %(done)d of %(total)d employees have a plan (%(created)d created, %(seconds).1f s)")
                % {
                    "done": opening.done,
                    "total": opening.total,
                    "created": opening.created,
                    "seconds": time.perf_counter() - started,
                }
            )

        opening = open_period(period=period, agency_ids=agency_ids, by=None, chunk_size=chunk_size, on_progress=report)
        self.stdout.write(
            self.style.SUCCESS(
                _("Done in %(seconds).1f s: %(created)d plans created, %(done)d of %(total)d employees have a plan.")
                % {
                    "seconds": time.perf_counter() - started,
                    "created": opening.created,
                    "done": opening.done,
                    "total": opening.total,
                }
            )
        )
