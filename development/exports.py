"""Completed trainings as CSV or XLSX, in the columns a national HR system asks for.

Text that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) gets a leading
apostrophe. The shared writer the `defects` branch adds will replace `_safe` and the two writers here.
"""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .models import TrainingKind

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _header():
    return [
        _("NIP"),
        _("Name"),
        _("Type"),
        _("Training name"),
        _("Organiser"),
        _("Start date"),
        _("End date"),
        _("Hours (JP)"),
        _("Certificate number"),
    ]


def _values(row) -> list:
    kinds = dict(TrainingKind.choices)
    return [
        _safe(row["nip"]),
        _safe(row["name"]),
        str(kinds.get(row["kind"], row["kind"])),
        _safe(row["training_name"]),
        _safe(row["organiser"]),
        row["starts_on"],
        row["ends_on"],
        row["jp"],
        _safe(row["certificate_number"]),
    ]


def completed_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_header())
    for row in rows:
        values = _values(row)
        values[5], values[6] = values[5].isoformat(), values[6].isoformat()
        writer.writerow(values)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def completed_xlsx(rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Trainings"))
    sheet.append(_header())
    for row in rows:
        sheet.append(_values(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
