"""Completed trainings as CSV or XLSX, in the columns a national HR system asks for, through the one spreadsheet
writer (common/spreadsheets.py), which keeps formula-like text from running and numbers and dates typed."""

from django.utils.translation import gettext as _

from common.spreadsheets import SheetColumn, csv_bytes, xlsx_bytes

from .models import TrainingKind


def _columns() -> list[SheetColumn]:
    return [
        SheetColumn(_("NIP"), kind="code"),
        SheetColumn(_("Name")),
        SheetColumn(_("Type")),
        SheetColumn(_("Training name")),
        SheetColumn(_("Organiser")),
        SheetColumn(_("Start date"), kind="date"),
        SheetColumn(_("End date"), kind="date"),
        SheetColumn(_("Hours (JP)"), kind="int"),
        SheetColumn(_("Certificate number"), kind="code"),
    ]


def _values(row) -> list:
    kinds = dict(TrainingKind.choices)
    return [
        row["nip"],
        row["name"],
        str(kinds.get(row["kind"], row["kind"])),
        row["training_name"],
        row["organiser"],
        row["starts_on"],
        row["ends_on"],
        row["jp"],
        row["certificate_number"],
    ]


def completed_csv(rows) -> bytes:
    return csv_bytes(_columns(), [_values(row) for row in rows])


def completed_xlsx(rows) -> bytes:
    return xlsx_bytes(_("Trainings"), _columns(), [_values(row) for row in rows])
