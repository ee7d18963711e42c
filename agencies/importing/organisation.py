"""Importing agencies (OPD) and the units inside them."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import services
from ..models import Agency, Employee, TimeZone, Unit, UnitKind
from ..nip import normalise_nip
from .checks import TIME_ZONES, UNIT_KINDS, RowChecker, find_loop
from .reading import Column, RowError, Table, cell_text


class AgencyImporter:
    kind = "agencies"
    columns = (
        Column("code", ("kode_opd", "kode", "agency_code", "kode_instansi"), required=True),
        Column("name", ("nama", "nama_opd", "agency_name"), required=True),
        Column("short_name", ("nama_singkat", "singkatan")),
        Column("time_zone", ("zona_waktu", "timezone", "zona")),
        Column("head_nip", ("nip_kepala",)),
    )
    model_columns = {
        "code": "code",
        "name": "name",
        "short_name": "short_name",
        "time_zone": "time_zone",
        "head": "head_nip",
    }

    def validate(self, table: Table) -> list[RowError]:
        check = RowChecker(table)
        codes = [cell_text(values.get("code")) for _row, values in table.rows]
        self.existing = {agency.code: agency for agency in Agency.objects.filter(code__in=codes)}
        head_nips = {normalise_nip(cell_text(values.get("head_nip"))) for _row, values in table.rows}
        heads = {e.nip: e for e in Employee.objects.select_related("agency").filter(nip__in=head_nips - {""})}
        self.plan, first_row = [], {}
        for row, values in table.rows:
            code = check.text(row, values, "code", required=True, max_length=32)
            name = check.text(row, values, "name", required=True, max_length=200)
            short_name = check.text(row, values, "short_name", max_length=60) or name[:60]
            time_zone = check.choice(row, values, "time_zone", TIME_ZONES, TimeZone.WIB)
            head_nip = check.nip(row, values, "head_nip", required=False)
            if code and code in first_row:
                check.add(
                    row,
                    "code",
                    _("Code %(code)s also appears on row %(row)d.") % {"code": code, "row": first_row[code]},
                )
            first_row.setdefault(code, row)
            head = heads.get(head_nip)
            if head_nip and (head is None or head.agency.code != code):
                check.add(
                    row,
                    "head_nip",
                    _(
                        "The head must be an existing employee of this agency; import the "
                        "employees first, then the agencies again."
                    ),
                )
            self.plan.append(
                (row, {"code": code, "name": name, "short_name": short_name, "time_zone": time_zone}, head)
            )
        return check.errors

    def write(self, table: Table) -> tuple[int, int, list[RowError]]:
        check, created, updated = RowChecker(table), 0, 0
        for row, data, head in self.plan:
            try:
                agency = self.existing.get(data["code"])
                if agency is None:
                    agency, created = services.create_agency(**data), created + 1
                else:
                    services.update_agency(agency=agency, **data)
                    updated += 1
                if head is not None:
                    services.set_agency_head(agency=agency, head=head)
            except ValidationError as error:
                check.model_errors(row, error, self.model_columns)
        return created, updated, check.errors


class UnitImporter:
    kind = "units"
    columns = (
        Column("agency_code", ("kode_opd", "kode_instansi"), required=True),
        Column("code", ("kode_unit", "unit_code", "kode"), required=True),
        Column("name", ("nama", "nama_unit", "unit_name"), required=True),
        Column("kind", ("jenis", "jenis_unit", "unit_kind")),
        Column("parent_code", ("kode_induk", "kode_unit_induk", "parent_unit_code", "parent")),
    )
    model_columns = {"code": "code", "name": "name", "kind": "kind", "parent": "parent_code", "agency": "agency_code"}

    def validate(self, table: Table) -> list[RowError]:
        check = RowChecker(table)
        agency_codes = {cell_text(values.get("agency_code")) for _row, values in table.rows}
        self.agencies = {agency.code: agency for agency in Agency.objects.filter(code__in=agency_codes)}
        self.existing = {
            (unit.agency.code, unit.code): unit
            for unit in Unit.objects.select_related("agency", "parent").filter(agency__in=self.agencies.values())
        }
        parent_of = {key: (key[0], unit.parent.code) if unit.parent else None for key, unit in self.existing.items()}
        self.plan, first_row = [], {}
        for row, values in table.rows:
            agency_code = check.text(row, values, "agency_code", required=True)
            code = check.text(row, values, "code", required=True, max_length=32)
            name = check.text(row, values, "name", required=True, max_length=200)
            kind = check.choice(row, values, "kind", UNIT_KINDS, UnitKind.BIDANG)
            parent_code = check.text(row, values, "parent_code")
            if agency_code and agency_code not in self.agencies:
                check.add(
                    row,
                    "agency_code",
                    _("No agency with code %(code)s; import the agencies first.") % {"code": agency_code},
                )
            key = (agency_code, code)
            if code and key in first_row:
                check.add(
                    row, "code", _("Unit %(code)s also appears on row %(row)d.") % {"code": code, "row": first_row[key]}
                )
            first_row.setdefault(key, row)
            if parent_code == code and code:
                check.add(row, "parent_code", _("A unit cannot be inside itself."))
            parent_of[key] = (agency_code, parent_code) if parent_code else None
            self.plan.append((row, key, {"name": name, "kind": kind}, parent_code))
        for row, key, _data, parent_code in self.plan:
            if parent_code and parent_code != key[1]:
                if (key[0], parent_code) not in parent_of:
                    check.add(
                        row,
                        "parent_code",
                        _("No unit %(code)s in this agency (in the file or already stored).") % {"code": parent_code},
                    )
                elif loop := find_loop(key, parent_of):
                    check.add(
                        row,
                        "parent_code",
                        _("This parent makes a loop: %(path)s.") % {"path": " → ".join(code for _agency, code in loop)},
                    )
        return check.errors

    def write(self, table: Table) -> tuple[int, int, list[RowError]]:
        check, created, updated, units = RowChecker(table), 0, 0, dict(self.existing)
        written = set()  # created or changed: only these get their parent (again); identical rows stay untouched
        # Parents are set in a second pass, so a parent may come later in the file than its children.
        for row, key, data, parent_code in self.plan:
            try:
                unit = units.get(key)
                if unit is None:
                    unit = services.create_unit(agency=self.agencies[key[0]], code=key[1], **data)
                    created += 1
                    written.add(key)
                elif _unit_differs(unit, data, parent_code):
                    services.update_unit(unit=unit, parent=None, **data)
                    updated += 1
                    written.add(key)
                units[key] = unit
            except ValidationError as error:
                check.model_errors(row, error, self.model_columns)
        for row, key, _data, parent_code in self.plan:
            if parent_code and key in written and not check.errors:
                try:
                    services.update_unit(unit=units[key], parent=units[(key[0], parent_code)])
                except ValidationError as error:
                    check.model_errors(row, error, self.model_columns)
        return created, updated, check.errors


def _unit_differs(unit: Unit, data: dict, parent_code: str) -> bool:
    current_parent = unit.parent.code if unit.parent_id else ""
    return any(getattr(unit, name) != value for name, value in data.items()) or current_parent != (parent_code or "")
