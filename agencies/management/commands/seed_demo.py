"""`manage.py seed_demo [--employees N] [--agencies M]`: load the demo kabupaten, idempotently.

The steps are listed in settings.KINERJA_DEMO_SEEDERS (see agencies.demo); they run in one transaction.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.demo import DEMO_PASSWORD, DemoContext, run_seeders
from agencies.demo.bulk import DEFAULT_LARGE_AGENCIES, LARGE_FROM, MAX_AGENCIES
from agencies.identity import forget_everyone


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = gettext_lazy(
        "Load the demo data (agencies, people, fixed accounts, periods, IKU). Safe to repeat: only what is missing is "
        "created. With --employees N the organisation is scaled up to N employees for benchmarks."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)  # argparse needs a real string; the lazy text follows the active language
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--employees",
            type=positive,
            metavar="N",
            help=gettext_lazy("Total number of employees, the named demo people included (10,000 takes seconds)."),
        )
        parser.add_argument(
            "--agencies",
            type=positive,
            metavar="M",
            help=gettext_lazy(
                "Spread the employees over M agencies (at most %(max)d): the demo agencies first, then the other "
                "agencies of a kabupaten. Default: %(large)d from %(from)d employees on, else the demo agencies."
            )
            % {"max": MAX_AGENCIES, "large": DEFAULT_LARGE_AGENCIES, "from": LARGE_FROM},
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=gettext_lazy("Seed even though DEBUG is off (the demo accounts share a published password)."),
        )

    def handle(self, *args, employees=None, agencies=None, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "DEBUG is off: seed_demo creates accounts whose password (%(password)s) is published. "
                    "Use --force to seed this database anyway."
                )
                % {"password": DEMO_PASSWORD}
            )
        if agencies and not employees:
            raise CommandError(_("--agencies only applies together with --employees."))
        started = time.perf_counter()
        context = DemoContext(today=timezone.localdate(), employees=employees, agencies=agencies, log=self.stdout.write)
        try:
            with transaction.atomic():
                timings = run_seeders(context)
                forget_everyone()  # people were written in bulk (no signals): roles may have changed
        except ValueError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        created = +context.created  # drops the zero counts
        for label, count in sorted(created.items()):
            self.stdout.write(_("  %(label)s: %(count)d created") % {"label": label, "count": count})
        if not created:
            self.stdout.write(_("  nothing was missing"))
        for step, seconds in timings:
            self.stdout.write(_("  step %(step)s: %(seconds).1f s") % {"step": step, "seconds": seconds})
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo data ready in %(seconds).1f s (database: %(vendor)s). Password of every account: %(password)s")
                % {"seconds": elapsed, "vendor": transaction.get_connection().vendor, "password": DEMO_PASSWORD}
            )
        )
