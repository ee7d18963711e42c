"""Importing employees, matched by NIP, with their logins and reporting lines."""

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .. import employee_changes, services
from ..identity import forget_everyone
from ..models import Agency, Employee, EmployeeType, PositionType, Unit
from ..nip import normalise_nip
from .checks import EMPLOYEE_TYPES, POSITION_TYPES, RowChecker, find_loop
from .reading import Column, RowError, Table, cell_text


class EmployeeImporter:
    kind = "employees"
    columns = (
        Column("nip", ("nip_pegawai", "ni_pppk"), required=True),
        Column("name", ("nama", "nama_pegawai", "full_name"), required=True),
        Column("front_title", ("gelar_depan", "title_before")),
        Column("back_title", ("gelar_belakang", "title_after")),
        Column("employee_type", ("jenis_pegawai", "status_pegawai")),
        Column("position_title", ("jabatan", "nama_jabatan", "position"), required=True),
        Column("rank", ("pangkat", "golongan", "pangkat_golongan")),
        Column("position_type", ("jenis_jabatan",)),
        Column("agency_code", ("kode_opd", "kode_instansi"), required=True),
        Column("unit_code", ("kode_unit",)),
        Column("supervisor_nip", ("nip_atasan",)),
        Column("email", ("surel", "e_mail")),
        Column("username", ("nama_pengguna",)),
        Column("active", ("aktif", "is_active")),
    )
    model_columns = {
        "nip": "nip",
        "name": "name",
        "front_title": "front_title",
        "back_title": "back_title",
        "employee_type": "employee_type",
        "position_title": "position_title",
        "rank": "rank",
        "position_type": "position_type",
        "agency": "agency_code",
        "unit": "unit_code",
        "supervisor": "supervisor_nip",
        "email": "email",
        "username": "username",
        "is_active": "active",
    }

    def validate(self, table: Table) -> list[RowError]:
        check = RowChecker(table)
        self._load(table)
        self.plan, first_row, usernames = [], {}, {}
        parent_of = dict(self.supervisor_in_db)
        for row, values in table.rows:
            employee_type = check.choice(row, values, "employee_type", EMPLOYEE_TYPES, EmployeeType.PNS)
            nip = check.nip(row, values, "nip", required=True, employee_type=employee_type)
            data = {
                "employee_type": employee_type,
                "name": check.text(row, values, "name", required=True, max_length=150),
                "front_title": check.text(row, values, "front_title", max_length=40),
                "back_title": check.text(row, values, "back_title", max_length=60),
                "position_title": check.text(row, values, "position_title", required=True, max_length=200),
                "rank": check.text(row, values, "rank", max_length=60),
                "position_type": check.choice(row, values, "position_type", POSITION_TYPES, PositionType.PELAKSANA),
                "is_active": check.flag(row, values, "active"),
            }
            if nip and nip in first_row:
                check.add(
                    row, "nip", _("NIP %(nip)s also appears on row %(row)d.") % {"nip": nip, "row": first_row[nip]}
                )
            first_row.setdefault(nip, row)
            agency, unit = self._agency_and_unit(check, row, values)
            data.update(agency=agency, unit=unit)
            existing = self.employees.get(nip)
            if existing and existing.pk in self.headed and agency and self.headed[existing.pk] != agency.pk:
                check.add(row, "agency_code", _("This employee heads another agency; change its head first."))
            supervisor_nip = check.nip(row, values, "supervisor_nip", required=False)
            if supervisor_nip and supervisor_nip == nip:
                check.add(row, "supervisor_nip", _("An employee cannot supervise themselves."))
            if nip:
                parent_of[nip] = supervisor_nip or None
            email = self._email(check, row, values)
            username = self._username(check, row, values, nip, existing, usernames)
            self.plan.append((row, nip, data, supervisor_nip, email, username))
        for row, nip, _data, supervisor_nip, _email, _username in self.plan:
            if not (nip and supervisor_nip) or supervisor_nip == nip:
                continue
            if supervisor_nip not in parent_of:
                check.add(
                    row,
                    "supervisor_nip",
                    _("No employee with NIP %(nip)s in the file or already stored.") % {"nip": supervisor_nip},
                )
            elif loop := find_loop(nip, parent_of):
                check.add(
                    row,
                    "supervisor_nip",
                    _("This supervisor makes a loop in the reporting line: %(path)s.") % {"path": " → ".join(loop)},
                )
        return check.errors

    def _load(self, table: Table) -> None:
        agency_codes = {cell_text(values.get("agency_code")) for _row, values in table.rows}
        self.agencies = {agency.code: agency for agency in Agency.objects.filter(code__in=agency_codes)}
        self.units = {(u.agency_id, u.code): u for u in Unit.objects.filter(agency__in=self.agencies.values())}
        nips = {normalise_nip(cell_text(values.get("nip"))) for _row, values in table.rows}
        self.employees = {e.nip: e for e in Employee.objects.select_related("user").filter(nip__in=nips)}
        # As stored before the import (the objects above are updated in place as rows are written).
        self.supervisor_pk_before = {nip: e.supervisor_id for nip, e in self.employees.items()}
        self.agency_pk_before = {nip: e.agency_id for nip, e in self.employees.items()}
        # The whole reporting line is needed to see loops that run through people outside the file.
        self.supervisor_in_db = dict(Employee.objects.values_list("nip", "supervisor__nip"))
        self.headed = dict(Agency.objects.filter(head__isnull=False).values_list("head_id", "pk"))
        wanted = {cell_text(values.get("username")) for _row, values in table.rows} | nips
        self.username_owner = dict(
            get_user_model().objects.filter(username__in=wanted - {""}).values_list("username", "pk")
        )

    def _agency_and_unit(self, check: RowChecker, row: int, values: dict):
        agency_code = check.text(row, values, "agency_code", required=True)
        agency = self.agencies.get(agency_code)
        if agency_code and agency is None:
            check.add(
                row,
                "agency_code",
                _("No agency with code %(code)s; import the agencies first.") % {"code": agency_code},
            )
        unit_code = check.text(row, values, "unit_code")
        unit = self.units.get((agency.pk, unit_code)) if agency and unit_code else None
        if agency and unit_code and unit is None:
            check.add(
                row,
                "unit_code",
                _("No unit %(code)s in agency %(agency)s; import the units first.")
                % {"code": unit_code, "agency": agency_code},
            )
        return agency, unit

    def _email(self, check: RowChecker, row: int, values: dict) -> str:
        email = check.text(row, values, "email", max_length=254)
        if email:
            try:
                validate_email(email)
            except ValidationError:
                check.add(row, "email", _("“%(value)s” is not an email address.") % {"value": email})
        return email

    def _username(self, check, row, values, nip, existing, usernames) -> str:
        username = check.text(row, values, "username", max_length=150)
        wanted = username or (existing.user.username if existing else nip)
        if not wanted:
            return username
        if username:
            try:
                UnicodeUsernameValidator()(username)
            except ValidationError as error:
                check.add(row, "username", error.messages[0])
        if wanted in usernames:
            check.add(
                row,
                "username",
                _("Username %(name)s also appears on row %(row)d.") % {"name": wanted, "row": usernames[wanted]},
            )
        usernames.setdefault(wanted, row)
        owner = self.username_owner.get(wanted)
        if owner is not None and (existing is None or existing.user_id != owner):
            check.add(
                row,
                "username" if username else "nip",
                _("The username %(name)s belongs to someone else.") % {"name": wanted},
            )
        return username

    def write(self, table: Table) -> tuple[int, int, list[RowError]]:
        """Create new people, update changed ones, leave identical rows alone; supervisors last.

        Supervisors are set in a second pass because they may come later in the file than their staff. Those that
        change are cleared in the first pass, so every intermediate state is a subset of the final reporting lines
        (checked for loops above) and cannot hold a loop either.
        """
        check, created, updated, people, to_link = RowChecker(table), 0, 0, dict(self.employees), []
        for row, nip, data, supervisor_nip, email, username in self.plan:
            try:
                person = people.get(nip)
                if person is None:
                    person = services.create_employee(nip=nip, email=email, username=username, **data)
                    created += 1
                    to_link += [nip] if supervisor_nip else []
                else:
                    changes = {name: value for name, value in data.items() if _differs(person, name, value)}
                    if self.supervisor_in_db.get(nip) != (supervisor_nip or None):
                        changes["supervisor"] = None
                        to_link.append(nip)
                    login_changes = (email and email != person.user.email) or (
                        username and username != person.user.username
                    )
                    if changes or login_changes:
                        services.update_employee(
                            employee=person,
                            email=email or None,
                            username=username or None,
                            announce=False,
                            **changes,
                        )
                        updated += 1
                people[nip] = person
            except ValidationError as error:
                check.model_errors(row, error, self.model_columns)
        if not check.errors and to_link:
            supervisor_of = {nip: supervisor for _row, nip, _data, supervisor, _email, _username in self.plan}
            outside = {supervisor_of[nip] for nip in to_link} - set(people)
            people.update({e.nip: e for e in Employee.objects.filter(nip__in=outside)})
            for nip in to_link:
                people[nip].supervisor = people.get(supervisor_of[nip])
            Employee.objects.bulk_update([people[nip] for nip in to_link], ["supervisor"], batch_size=500)
            forget_everyone()  # a bulk update sends no signal: supervisors' roles changed
        if not check.errors:
            self._announce(people)
        return created, updated, check.errors

    def _announce(self, people: dict) -> None:
        """Tell the handlers of every stored person whose supervisor or agency this file changed (new people had
        no plan to move; unchanged rows are skipped inside `announce`)."""
        nips = [nip for nip in self.employees if nip in people]
        if not nips:
            return
        supervisor_pk = dict(Employee.objects.filter(nip__in=nips).values_list("nip", "supervisor_id"))
        for nip in nips:
            person = people[nip]
            person.supervisor_id = supervisor_pk[nip]
            employee_changes.announce(
                employee=person,
                supervisor_before=self.supervisor_pk_before[nip],
                agency_before=self.agency_pk_before[nip],
            )


def _differs(person: Employee, name: str, value) -> bool:
    if name in ("agency", "unit"):
        return getattr(person, f"{name}_id") != (value.pk if value else None)
    return getattr(person, name) != value
