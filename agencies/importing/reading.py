"""Turning an uploaded CSV or XLSX file into numbered rows keyed by canonical column names.

Headers are matched case-insensitively, ignoring spaces, dashes and a BOM, against each column's Indonesian and English
names. Extra columns are ignored; blank lines are skipped but keep their row numbers, so errors point at the line the
person sees in their spreadsheet.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from common.uploads import validate_upload

SUPPORTED_EXTENSIONS = ("csv", "xlsx")


@dataclass(frozen=True)
class Column:
    name: str
    aliases: tuple[str, ...]
    required: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str
    message: str


@dataclass
class Table:
    """Data rows as (row number, {canonical column: raw value}); `headers` maps canonical names to the file's."""

    rows: list[tuple[int, dict]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


class FileProblem(Exception):
    """The file as a whole cannot be used; carries the row errors to show."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


def normalise_header(value) -> str:
    text = "" if value is None else str(value)
    return re.sub(r"[^a-z0-9]+", "_", text.replace("\ufeff", "").strip().lower()).strip("_")


def read_table(content: bytes, filename: str, columns: tuple[Column, ...]) -> Table:
    """Read `content` (the bytes of `filename`) into a Table, or raise FileProblem."""
    if PurePath(filename or "").suffix.lower() == ".csv" and content.startswith(b"PK\x03\x04"):
        raise FileProblem([RowError(None, "", _("This is an Excel workbook, not a CSV file: name it .xlsx."))])
    try:  # the check every upload passes: extension, size and real content type
        validate_upload(ContentFile(content, name=filename or ""), extensions=SUPPORTED_EXTENSIONS)
    except ValidationError as error:
        raise FileProblem([RowError(None, "", message) for message in error.messages]) from None
    extension = PurePath(filename).suffix.lower()
    if not content or not content.strip():
        raise FileProblem([RowError(None, "", _("The file is empty."))])
    raw_rows = _xlsx_rows(content) if extension == ".xlsx" else _csv_rows(content)
    return _to_table(raw_rows, columns)


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _csv_rows(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets on Indonesian Windows desktops save CSV in the ANSI code page.
        text = content.decode("cp1252", errors="replace")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for values in reader:
            yield reader.line_num, values
    except csv.Error as error:
        raise FileProblem(
            [RowError(reader.line_num, "", _("The CSV file is malformed: %(error)s") % {"error": error})]
        ) from None


def _xlsx_rows(content: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        workbook.close()
    except Exception:  # openpyxl raises zipfile, KeyError, ValueError… for damaged or foreign files
        raise FileProblem(
            [RowError(None, "", _("The file could not be read as an Excel workbook (.xlsx); is it damaged?"))]
        ) from None
    yield from enumerate(rows, start=1)


def _to_table(raw_rows, columns: tuple[Column, ...]) -> Table:
    lookup = {normalise_header(alias): column.name for column in columns for alias in column.names}
    table = Table()
    header_row, positions = None, {}
    for number, values in raw_rows:
        if all(is_blank(value) for value in values):
            continue
        if header_row is None:
            header_row = number
            positions = _header_positions(number, values, lookup, table)
            continue
        table.rows.append((number, {name: values[i] if i < len(values) else None for name, i in positions.items()}))
    if header_row is None:
        raise FileProblem([RowError(None, "", _("The file is empty."))])
    missing = [column for column in columns if column.required and column.name not in positions]
    if missing:
        raise FileProblem(
            [
                RowError(
                    header_row,
                    column.name,
                    _("Required column missing; name it %(names)s.")
                    % {"names": _(" or ").join(f"“{name}”" for name in column.names)},
                )
                for column in missing
            ]
        )
    if not table.rows:
        raise FileProblem([RowError(None, "", _("The file has a header row but no data rows."))])
    return table


def _header_positions(number: int, values, lookup: dict, table: Table) -> dict[str, int]:
    positions, errors = {}, []
    for index, value in enumerate(values):
        name = lookup.get(normalise_header(value))
        if name is None:
            continue
        if name in positions:
            errors.append(RowError(number, str(value), _("This column appears twice.")))
            continue
        positions[name] = index
        table.headers[name] = str(value).replace("\ufeff", "").strip()
    if errors:
        raise FileProblem(errors)
    return positions


def cell_text(value) -> str:
    """A cell as trimmed text: whole numbers without “.0”, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()
