"""Agencies (OPD), their units, and deadlines in an agency's own time zone."""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from ..models import Agency, Employee, Unit, UnitKind
from ._common import _apply


def deadline_at(day: datetime.date, agency: Agency) -> datetime.datetime:
    """The aware moment a deadline falling on `day` expires: the end of that day in the agency's own time zone."""
    return datetime.datetime.combine(day, datetime.time.max, tzinfo=ZoneInfo(agency.time_zone))


@transaction.atomic
def create_agency(*, code: str, name: str, short_name: str = "", time_zone: str = "Asia/Jakarta") -> Agency:
    """Create an OPD; the short name defaults to the name."""
    agency = Agency(code=code.strip(), name=name.strip(), short_name=(short_name or name).strip()[:60])
    agency.time_zone = time_zone
    agency.full_clean()
    agency.save()
    return agency


@transaction.atomic
def update_agency(*, agency: Agency, **changes) -> Agency:
    fields = _apply(agency, changes, frozenset({"code", "name", "short_name", "time_zone", "head"}))
    agency.full_clean()
    agency.save(update_fields=fields)
    return agency


@transaction.atomic
def set_agency_head(*, agency: Agency, head: Employee | None) -> Agency:
    """Make `head` (an employee of the agency) its head, or clear it with None."""
    return update_agency(agency=agency, head=head)


@transaction.atomic
def create_unit(
    *, agency: Agency, code: str, name: str, kind: str = UnitKind.BIDANG, parent: Unit | None = None
) -> Unit:
    unit = Unit(agency=agency, code=code.strip(), name=name.strip(), kind=kind, parent=parent)
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def update_unit(*, unit: Unit, **changes) -> Unit:
    fields = _apply(unit, changes, frozenset({"code", "name", "kind", "parent"}))
    unit.full_clean()
    unit.save(update_fields=fields)
    return unit
