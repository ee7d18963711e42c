from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies import importing


class Command(BaseCommand):
    help = "Import agencies, units or employees from a CSV or XLSX file, all rows or none.\n\n" + (
        importing.__doc__ or ""
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        from argparse import RawDescriptionHelpFormatter

        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=importing.KINDS, help="what the file holds")
        parser.add_argument("file", type=Path, help="a .csv (comma or semicolon separated, UTF-8) or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="check and count, but write nothing")

    def handle(self, *args, kind, file, dry_run, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(_("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}) from None
        result = importing.import_master_data(kind=kind, content=content, filename=file.name, dry_run=dry_run)
        for error in result.errors:
            row = error.row if error.row is not None else "-"
            self.stderr.write(f"{_('row')} {row}\t{error.column or '-'}\t{error.message}")
        if not result.ok:
            raise CommandError(
                ngettext(
                    "%(count)d error; nothing was imported.",
                    "%(count)d errors; nothing was imported.",
                    len(result.errors),
                )
                % {"count": len(result.errors)}
            )
        summary = _("%(rows)d rows: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % {
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }
        if dry_run:
            summary += " " + _("Dry run: nothing was written.")
        self.stdout.write(self.style.SUCCESS(summary))
