"""Writes from other systems: employees upserted by NIP through the spreadsheet import's own checks, and IKU
realisations recorded through the same service as typed figures and announced as pushed (`agencies.arriving_figures`),
so they wait for the same verification: in the agency's data calendar when the IKU is scheduled there."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from agencies import arriving_figures, importing
from agencies.models import Agency, Employee, Indicator, IndicatorRealisation, Period
from agencies.nip import normalise_nip
from agencies.services import record_realisation

from .scopes import EVERY_AGENCY, Scope, in_reach, reach
from .services import record_write

# The batch's fields, as the import's canonical columns (only "active" is named differently).
COLUMN_OF_FIELD = {"is_active": "active"}
FIELD_OF_COLUMN = {column: field for field, column in COLUMN_OF_FIELD.items()}


def _table(rows: list[dict], kind: str = "employees") -> importing.Table:
    table = importing.Table(headers={column.name: FIELD_OF_COLUMN.get(column.name, column.name) for column in
                                     importing.IMPORT_COLUMNS[kind]})  # fmt: skip
    for number, row in enumerate(rows, start=1):
        values = {COLUMN_OF_FIELD.get(name, name): value for name, value in row.items()}
        if kind == "employees":
            values["active"] = "yes" if values.get("active", True) else "no"
        table.rows.append((number, values))
    return table


def _outside_reach(rows: list[dict], ids) -> list[importing.RowError]:
    """Rows naming an agency the token does not reach, or a person who works in one: refused before anything."""
    codes = {row["agency_code"].strip() for row in rows}
    agency_of_code = dict(Agency.objects.filter(code__in=codes).values_list("code", "pk"))
    nips = {normalise_nip(row["nip"]) for row in rows}
    agency_of_nip = dict(Employee.objects.filter(nip__in=nips).values_list("nip", "agency_id"))
    errors = []
    for number, row in enumerate(rows, start=1):
        agency_id = agency_of_code.get(row["agency_code"].strip())
        if agency_id is not None and not in_reach(ids, agency_id):
            errors.append(importing.RowError(number, "agency_code", _("This token cannot write to this agency.")))
        current = agency_of_nip.get(normalise_nip(row["nip"]))
        if current is not None and not in_reach(ids, current):
            errors.append(importing.RowError(number, "nip", _("This token cannot write this employee.")))
    return errors


def upsert_employees(*, rows: list[dict], dry_run: bool, request) -> importing.ImportResult:
    """Create or update employees by NIP: every row checked first, then all written or nothing, as in the import."""
    ids = reach(request.auth, Scope.PEOPLE_WRITE)
    refused = _outside_reach(rows, ids)
    if refused:
        return importing.ImportResult(kind="employees", dry_run=dry_run, rows=len(rows), errors=refused)
    with transaction.atomic():
        result = importing.import_table(kind="employees", table=_table(rows), dry_run=dry_run)
        if result.ok and not dry_run and (result.created or result.updated):
            record_write(
                request=request, what="employees", rows=result.rows, created=result.created, updated=result.updated
            )
    return result


def _organisation_outside_reach(kind: str, rows: list[dict], ids) -> list[importing.RowError]:
    """Agencies (by their code) or units (by their agency's code) the token does not reach: refused before anything.
    A new agency is only for a token over every agency; a service account is always limited to its agencies."""
    column = "code" if kind == "agencies" else "agency_code"
    codes = {row[column].strip() for row in rows}
    agency_of_code = dict(Agency.objects.filter(code__in=codes).values_list("code", "pk"))
    errors = []
    for number, row in enumerate(rows, start=1):
        agency_id = agency_of_code.get(row[column].strip())
        if agency_id is None and kind == "agencies" and ids is not EVERY_AGENCY:
            errors.append(importing.RowError(number, column, _("Only a token over every agency can add an agency.")))
        elif agency_id is not None and not in_reach(ids, agency_id):
            errors.append(importing.RowError(number, column, _("This token cannot write to this agency.")))
    return errors


def upsert_organisation(*, kind: str, rows: list[dict], dry_run: bool, request) -> importing.ImportResult:
    """Create or update agencies (by code) or units (by agency and unit code), all or nothing, as in the import."""
    ids = reach(request.auth, Scope.PEOPLE_WRITE)
    refused = _organisation_outside_reach(kind, rows, ids)
    if refused:
        return importing.ImportResult(kind=kind, dry_run=dry_run, rows=len(rows), errors=refused)
    with transaction.atomic():
        result = importing.import_table(kind=kind, table=_table(rows, kind), dry_run=dry_run)
        if result.ok and not dry_run and (result.created or result.updated):
            record_write(request=request, what=kind, rows=result.rows, created=result.created, updated=result.updated)
    return result


@transaction.atomic
def push_realisation(
    *, indicator: Indicator, period: Period, value, evidence_note: str, reason: str, origin: dict, request
) -> IndicatorRealisation:
    """Record a figure another system measured: unverified, with where it came from, audited with the token."""
    realisation = record_realisation(
        indicator=indicator,
        period=period,
        value=value,
        evidence_note=evidence_note,
        by=request.user,
        reason=reason,
        request=request,
    )
    realisation.provenance = {**realisation.provenance, "pushed": {**origin, "token": f"kin_{request.auth.prefix}"}}
    realisation.save(update_fields=["provenance"])
    with translation.override(settings.LANGUAGE_CODE):  # stored text: in the Pemda's language
        provenance = _("Pushed through the API by the token “%(token)s” (kin_%(prefix)s).") % {
            "token": request.auth.name,
            "prefix": request.auth.prefix,
        }
    if evidence_note.strip():
        provenance = f"{provenance} {evidence_note.strip()}"
    arriving_figures.announce(
        arriving_figures.ArrivingFigure(
            realisation=realisation,
            origin=arriving_figures.FigureOrigin.PUSHED,
            recorded_by=request.user,  # the token's person (or service account) never verifies its own push
            provenance=provenance,
        )
    )
    record_write(request=request, what=realisation, indicator=indicator.pk, period=period.pk, value=value)
    return realisation
