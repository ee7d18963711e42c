"""The one writer of spreadsheets (XLSX and CSV) for every export, safe against formula injection.

Names and texts in exports come from forms and imports, so a person could type `=HYPERLINK("http://…","Klik")` or
`@SUM(1+1)*cmd|' /C calc'!A0` as their name. A spreadsheet program runs such a cell as a formula when it opens the
file. Here every text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is neutralised:

- XLSX: written as a string cell with Excel's quote prefix (what typing an apostrophe first does), so it is shown as
  typed, stays text when edited, and never runs;
- CSV: written with a leading apostrophe, the form spreadsheet programs read as "text follows".

Numbers (int, float, Decimal), dates and booleans stay what they are: a negative number is still a number.
"""

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

# Number formats by column kind; a kind not listed is written as is.
NUMBER_FORMATS = {
    "int": "#,##0",
    "decimal": "#,##0.00",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "percent": "0%",
    "code": "@",  # digits kept as text (NIP): never shown as 1.98E+17
}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E6EBF0")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_safe(value):
    """A value for a CSV cell: None as blank, formula-like text behind an apostrophe, anything else unchanged."""
    if value is None:
        return ""
    if is_formula_like(value):
        return "'" + value
    return value


@dataclass(frozen=True)
class SheetColumn:
    label: str
    kind: str = "text"  # text | int | decimal | date | datetime | percent | code
    width: int | None = None  # characters; None: measured from the header and the first rows


class XlsxSheet:
    """A write-only sheet (rows streamed, constant memory): bold, filled, frozen header; autofilter; widths; per-column
    number formats; formula-like text neutralised."""

    def __init__(self, workbook: Workbook, title: str, columns: list[SheetColumn], *, sample_rows=()):
        self.sheet = workbook.create_sheet(title=_sheet_title(title))
        self.columns = columns
        self.formats = [NUMBER_FORMATS.get(column.kind) for column in columns]
        for index, column in enumerate(columns, start=1):
            width = column.width or _measured_width(column, index - 1, sample_rows)
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self.sheet.freeze_panes = "A2"
        self.rows = 0
        header = []
        for column in columns:
            cell = WriteOnlyCell(self.sheet, value=str(column.label))
            cell.data_type = "s"  # a header is text, whatever it starts with
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            header.append(cell)
        self.sheet.append(header)

    def append(self, values) -> None:
        cells = zip(values, self.formats, strict=True)
        self.sheet.append([self._cell(value, number_format) for value, number_format in cells])
        self.rows += 1

    def _cell(self, value, number_format):
        if value is None or value == "":
            return None
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else float(value)
        if is_formula_like(value):
            cell = WriteOnlyCell(self.sheet, value=value)
            cell.data_type = "s"  # openpyxl would otherwise store any "=…" as a formula
            cell.quotePrefix = True
            return cell
        if number_format is None or (isinstance(value, str) and number_format != "@"):
            return value
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.number_format = number_format
        return cell

    def finish(self) -> None:
        self.sheet.auto_filter.ref = f"A1:{get_column_letter(len(self.columns))}{self.rows + 1}"


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(title: str, columns: list[SheetColumn], rows: list) -> bytes:
    """One sheet of `rows` (lists of plain values) as an .xlsx file."""
    workbook = new_workbook()
    sheet = XlsxSheet(workbook, title, columns, sample_rows=rows[:200])
    for row in rows:
        sheet.append(row)
    sheet.finish()
    return workbook_bytes(workbook)


def csv_bytes(columns: list[SheetColumn], rows) -> bytes:
    """UTF-8 with a byte-order mark (so Excel detects the encoding), comma-separated, decimal point "." (the RFC 4180
    default that every spreadsheet imports), blank cells for "no data", formula-like text neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_safe(str(column.label)) for column in columns])
    for row in rows:
        writer.writerow([csv_safe(_csv_plain(value)) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_plain(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    return value


def _sheet_title(title: str) -> str:
    """Excel refuses []:*?/\\ in sheet titles and more than 31 characters."""
    return "".join(" " if char in "[]:*?/\\" else char for char in str(title))[:31] or "Sheet"


def _measured_width(column: SheetColumn, index: int, sample_rows) -> int:
    lengths = [len(str(column.label))]
    lengths += [len(str(row[index])) for row in sample_rows if index < len(row) and row[index] is not None]
    return min(60, max(8, max(lengths) + 2))
