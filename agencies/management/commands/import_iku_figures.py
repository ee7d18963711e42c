"""`manage.py import_iku_figures FILE --by USERNAME [--dry-run]`: IKU figures from a CSV or XLSX file, all rows or
none; each waits for verification by someone other than the importer (agencies/importing/figures.py)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.importing.figures import ImportFailed, import_iku_figures


class Command(BaseCommand):
    help = gettext_lazy(
        "Import IKU figures (columns agency_code, iku_code, period, value, evidence_note) from a CSV or XLSX file, "
        "all rows or none; they wait for verification by someone other than the importer."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=gettext_lazy("a .csv or .xlsx file"))
        parser.add_argument("--by", required=True, metavar="USERNAME", help=gettext_lazy("who imports the figures"))
        parser.add_argument("--dry-run", action="store_true", help=gettext_lazy("check, but record nothing"))

    def handle(self, *args, file, by, dry_run, **options):
        user = get_user_model().objects.filter(username=by, is_active=True).first()
        if user is None:
            raise CommandError(_("There is no active user %(username)s.") % {"username": by})
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(_("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}) from None
        try:
            count = import_iku_figures(content=content, filename=file.name, by=user, dry_run=dry_run)
        except ImportFailed as failed:
            for error in failed.errors:
                self.stderr.write(
                    f"{error.row if error.row is not None else '-'}\t{error.column or '-'}\t{error.message}"
                )
            raise CommandError(_("Nothing was imported.")) from None
        if dry_run:
            self.stdout.write(_("%(count)d figures checked; nothing recorded (dry run).") % {"count": count})
        else:
            self.stdout.write(_("%(count)d figures recorded; they wait for verification.") % {"count": count})
