"""Import agencies, units and employees from CSV or XLSX: every row checked first, then all written or nothing.

Columns (header names are matched ignoring case, spaces and dashes; Indonesian or English; extra columns ignored):

agencies   code|kode_opd*, name|nama*, short_name|nama_singkat, time_zone|zona_waktu (WIB/WITA/WIT),
           head_nip|nip_kepala (an employee already stored in that agency)
units      agency_code|kode_opd*, code|kode_unit*, name|nama*, kind|jenis (bidang, seksi, subbagian, sekretariat,
           upt, puskesmas, other), parent_code|kode_induk (a unit of the same agency, in the file or stored)
employees  nip*, name|nama*, front_title|gelar_depan, back_title|gelar_belakang, employee_type|jenis_pegawai
           (PNS/PPPK), position_title|jabatan*, rank|pangkat|golongan, position_type|jenis_jabatan (jpt,
           administrator, pengawas, pelaksana, fungsional), agency_code|kode_opd*, unit_code|kode_unit,
           supervisor_nip|nip_atasan (in the file or stored), email|surel, username|nama_pengguna (defaults to the
           NIP), active|aktif (ya/tidak)

(* required.) Re-importing updates rows matched by code (agencies), agency and unit code (units) or NIP (employees).
"""

from dataclasses import dataclass, field

from django.db import transaction

from .employees import EmployeeImporter
from .organisation import AgencyImporter, UnitImporter
from .reading import SUPPORTED_EXTENSIONS as IMPORT_EXTENSIONS
from .reading import FileProblem, RowError, Table, read_table

IMPORTERS = {importer.kind: importer for importer in (AgencyImporter, UnitImporter, EmployeeImporter)}
KINDS = tuple(IMPORTERS)
IMPORT_COLUMNS = {kind: importer.columns for kind, importer in IMPORTERS.items()}

__all__ = [
    "IMPORT_COLUMNS",
    "IMPORT_EXTENSIONS",
    "KINDS",
    "ImportResult",
    "RowError",
    "Table",
    "import_master_data",
    "import_table",
]


@dataclass
class ImportResult:
    kind: str
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def unchanged(self) -> int:
        """Rows that matched stored data exactly and were left alone."""
        return self.rows - self.created - self.updated if self.ok else 0


class _RollBack(Exception):
    pass


def import_master_data(*, kind: str, content: bytes, filename: str, dry_run: bool = False) -> ImportResult:
    """Import one file of `kind` (agencies, units or employees). With errors, or with dry_run, nothing is kept."""
    importer = IMPORTERS[kind]()
    result = ImportResult(kind=kind, dry_run=dry_run)
    try:
        table = read_table(content, filename, importer.columns)
    except FileProblem as problem:
        result.errors = problem.errors
        return result
    return import_table(kind=kind, table=table, dry_run=dry_run)


def import_table(*, kind: str, table: Table, dry_run: bool = False) -> ImportResult:
    """Import rows already read (from a file above, or sent to the API): the same checks, all written or nothing."""
    importer = IMPORTERS[kind]()
    result = ImportResult(kind=kind, dry_run=dry_run)
    result.rows = len(table.rows)
    try:
        with transaction.atomic():
            result.errors = importer.validate(table)
            if result.errors:
                raise _RollBack
            result.created, result.updated, result.errors = importer.write(table)
            if result.errors or dry_run:
                raise _RollBack
    except _RollBack:
        if result.errors:
            result.created = result.updated = 0
    result.errors.sort(key=lambda error: error.row or 0)
    return result
