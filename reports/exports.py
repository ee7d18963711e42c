"""A `tables.Table` as an Excel workbook or a CSV file.

- xlsx: bold, frozen header row, autofilter, number formats per column kind, sensible widths;
- CSV: UTF-8 with a byte-order mark (so Excel detects the encoding), comma-separated, decimal point "." — the
  RFC 4180 default that every spreadsheet imports; blank cells for "no data".
"""

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

NUMBER_FORMATS = {"int": "#,##0", "decimal": "#,##0.00", "date": "yyyy-mm-dd"}


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def to_xlsx(table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.name[:31]
    sheet.append([str(column.label) for column in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_cell(value) for value in row])
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        number_format = NUMBER_FORMATS.get(column.kind)
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
        longest = max([len(str(column.label))] + [len(str(row[index - 1] or "")) for row in table.rows[:200]])
        sheet.column_dimensions[letter].width = min(60, max(8, longest + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{max(1, len(table.rows) + 1)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_csv(table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(column.label) for column in table.columns])
    for row in table.rows:
        writer.writerow(["" if value is None else value for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
