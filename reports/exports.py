"""A `tables.Table` as an Excel workbook or a CSV file, through the shared spreadsheet writer (common/spreadsheets.py:
number formats per column kind, bold frozen header, autofilter, widths; text that a spreadsheet would run as a
formula is neutralised)."""

from common.spreadsheets import SheetColumn, csv_bytes, xlsx_bytes


def _columns(table) -> list[SheetColumn]:
    return [SheetColumn(str(column.label), column.kind) for column in table.columns]


def to_xlsx(table) -> bytes:
    return xlsx_bytes(table.name, _columns(table), table.rows)


def to_csv(table) -> bytes:
    return csv_bytes(_columns(table), table.rows)
