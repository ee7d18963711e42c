"""Shared checks for import rows: cell parsing, choices, NIP storage problems and loop detection."""

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from ..models import EmployeeType, PositionType, TimeZone, UnitKind
from ..nip import normalise_nip, validate_nip
from .reading import RowError, Table, cell_text, is_blank, normalise_header

SCIENTIFIC = re.compile(r"^\d+([.,]\d+)?[eE]\+?\d+$")
YES = {"1", "y", "ya", "yes", "true", "aktif", "active"}
NO = {"0", "n", "tidak", "no", "false", "nonaktif", "non_aktif", "inactive"}

TIME_ZONES = {"wib": TimeZone.WIB, "wita": TimeZone.WITA, "wit": TimeZone.WIT} | {
    normalise_header(choice): choice for choice in TimeZone.values
}
POSITION_TYPES = {normalise_header(choice): choice for choice in PositionType.values} | {
    "jpt_pratama": PositionType.JPT,
    "jpt_madya": PositionType.JPT,
    "pimpinan_tinggi": PositionType.JPT,
    "senior_executive": PositionType.JPT,
    "supervisory": PositionType.PENGAWAS,
    "staff": PositionType.PELAKSANA,
    "functional": PositionType.FUNGSIONAL,
}
EMPLOYEE_TYPES = {"pns": EmployeeType.PNS, "cpns": EmployeeType.PNS, "pppk": EmployeeType.PPPK}
UNIT_KINDS = {normalise_header(choice): choice for choice in UnitKind.values} | {
    normalise_header(label): choice for choice, label in UnitKind.choices
}


class RowChecker:
    """Collects the errors of one import, naming columns as the file names them."""

    def __init__(self, table: Table):
        self.table = table
        self.errors: list[RowError] = []

    def add(self, row: int | None, column: str, message) -> None:
        self.errors.append(RowError(row, self.table.headers.get(column, column), str(message)))

    def text(self, row: int, values: dict, column: str, *, required=False, max_length=None) -> str:
        value = cell_text(values.get(column))
        if required and not value:
            self.add(row, column, _("This value is required."))
        elif max_length and len(value) > max_length:
            self.add(
                row,
                column,
                _("At most %(max)d characters (this has %(length)d).") % {"max": max_length, "length": len(value)},
            )
        return value

    def choice(self, row: int, values: dict, column: str, mapping: dict, default):
        value = cell_text(values.get(column))
        if not value:
            return default
        choice = mapping.get(normalise_header(value))
        if choice is None:
            allowed = ", ".join(sorted({normalise_header(v) for v in mapping.values()}))
            self.add(row, column, _("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed})
        return choice or default

    def flag(self, row: int, values: dict, column: str) -> bool:
        value = normalise_header(cell_text(values.get(column)))
        if value in NO:
            return False
        if value and value not in YES:
            self.add(row, column, _("Write yes or no (ya/tidak)."))
        return True

    def nip(self, row: int, values: dict, column: str, *, required: bool, employee_type=EmployeeType.PNS) -> str:
        raw = values.get(column)
        if is_blank(raw):
            if required:
                self.add(row, column, _("This value is required."))
            return ""
        problem = nip_storage_problem(raw)
        if problem:
            self.add(row, column, problem)
            return ""
        nip = normalise_nip(cell_text(raw))
        try:
            validate_nip(nip, employee_type=employee_type)
        except ValidationError as error:
            self.add(row, column, error.messages[0])
            return ""
        return nip

    def model_errors(self, row: int, error: ValidationError, columns: dict[str, str]) -> None:
        for field, messages in error.message_dict.items():
            column = columns.get(field, "" if field == NON_FIELD_ERRORS else field)
            for message in messages:
                self.add(row, column, message)


def nip_storage_problem(raw) -> str | None:
    """Explain a NIP that a spreadsheet turned into a number, which silently loses digits."""
    if isinstance(raw, float) or (isinstance(raw, str) and SCIENTIFIC.match(raw.strip())):
        return _(
            "The NIP “%(value)s” was stored as a number in scientific notation, so its last digits are lost. "
            "Format the NIP column as text and type the numbers again."
        ) % {"value": raw}
    digits = normalise_nip(cell_text(raw))
    if digits.isdigit() and len(digits) < 18:
        return _(
            "The NIP “%(value)s” has %(count)d digits instead of 18; a spreadsheet may have dropped leading digits. "
            "Format the NIP column as text."
        ) % {"value": digits, "count": len(digits)}
    return None


def find_loop(start, parent_of: dict) -> list | None:
    """The cycle through `start` in the parent map, as a path start → … → start, or None."""
    path, seen, current = [start], {start}, parent_of.get(start)
    while current is not None:
        path.append(current)
        if current == start:
            return path
        if current in seen:
            return None
        seen.add(current)
        current = parent_of.get(current)
    return None
