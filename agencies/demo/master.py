"""The hand-written demo kabupaten: agencies, units, named people, fixed accounts, coordinator and IKU.

Every object is looked up by its natural key (agency and unit codes, NIP, username, IKU code, target year,
realisation period) and only created when missing; existing rows are never changed, so a second run is a no-op.
"""

import datetime

from django.contrib.auth import get_user_model

from agencies.models import Agency, Coordinator, Employee, EmployeeType, Unit

from . import data
from .identity import nip_from_parts
from .iku import ensure_indicator, realisation_rows

ACCOUNT_FOR_PERSON = {account.person: account.username for account in data.DEMO_ACCOUNTS if account.person}


def person_nip(index: int, spec: data.PersonSpec) -> str:
    """Demo people use serials 001–099, which the bulk generator never produces."""
    birth = datetime.date.fromisoformat(spec.birth)
    year, month = (int(part) for part in spec.appointed.split("-"))
    return nip_from_parts(birth=birth, appointed=(year, month), gender=spec.gender, serial=index + 1, pppk=spec.pppk)


def username_for(index: int, spec: data.PersonSpec) -> str:
    """Fixed accounts keep their documented username; everyone else logs in with their NIP."""
    return ACCOUNT_FOR_PERSON.get(spec.key) or person_nip(index, spec)


def ensure_user(context, *, username: str, name: str = "", **extra):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    user = User(username=username, email=f"{username}@{data.EMAIL_DOMAIN}", first_name=name[:150], **extra)
    user.password = context.password_hash
    user.full_clean()
    user.save()
    context.created["users"] += 1
    return user


def seed_agencies(context) -> dict:
    """Agencies and their unit trees; returns {code: Agency}."""
    agencies = {}
    for spec in data.AGENCIES:
        agency = Agency.objects.filter(code=spec.code).first()
        if agency is None:
            agency = Agency(code=spec.code, name=spec.name, short_name=spec.short_name)
            agency.full_clean()
            agency.save()
            context.created["agencies"] += 1
        agencies[spec.code] = agency
        units = {unit.code: unit for unit in agency.units.all()}
        for code, name, kind, parent in spec.units:
            if code in units:
                continue
            unit = Unit(agency=agency, code=code, name=name, kind=kind, parent=units.get(parent))
            unit.full_clean()
            unit.save()
            units[code] = unit
            context.created["units"] += 1
    return agencies


def seed_people(context, agencies: dict) -> dict:
    """The named people in supervisor-first order; returns {person key: Employee}."""
    people = {}
    existing = {employee.nip: employee for employee in Employee.objects.filter(agency__in=agencies.values())}
    units = {(unit.agency_id, unit.code): unit for unit in Unit.objects.filter(agency__in=agencies.values())}
    for index, spec in enumerate(data.PEOPLE):
        nip = person_nip(index, spec)
        employee = existing.get(nip)
        if employee is None:
            agency = agencies[spec.agency]
            user = ensure_user(context, username=username_for(index, spec), name=spec.name)
            employee = Employee(
                user=user,
                nip=nip,
                employee_type=EmployeeType.PPPK if spec.pppk else EmployeeType.PNS,
                front_title=spec.front_title,
                name=spec.name,
                back_title=spec.back_title,
                position_title=spec.position_title,
                position_type=spec.position_type,
                agency=agency,
                unit=units.get((agency.pk, spec.unit)),
                supervisor=people[spec.supervisor] if spec.supervisor else None,
            )
            employee.full_clean()
            employee.save()
            context.created["employees"] += 1
        people[spec.key] = employee
    for spec in data.PEOPLE:
        agency = agencies[spec.agency]
        if spec.supervisor is None and agency.head_id is None:
            agency.head = people[spec.key]
            agency.save(update_fields=["head"])
    return people


def seed_roles(context, people: dict) -> None:
    """The coordinator (BKPSDM, all agencies) and the administrator account."""
    coordinator_user = people["bkpsdm.koordinator"].user
    if not Coordinator.objects.filter(user=coordinator_user).exists():
        Coordinator.objects.create(user=coordinator_user, all_agencies=True)
        context.created["coordinators"] += 1
    ensure_user(context, username=data.ADMIN_USERNAME, name="Administrator", is_staff=True, is_superuser=True)


def seed_indicators(context, agencies: dict, people: dict, periods) -> None:
    for spec in data.INDICATORS:
        ensure_indicator(
            context,
            agency=agencies[spec.agency],
            code=spec.code,
            fields={
                "name": spec.name,
                "definition": spec.definition,
                "unit_of_measure": spec.unit_of_measure,
                "direction": spec.direction,
                "data_source": spec.data_source,
            },
            targets={context.today.year - 1: spec.targets[0], context.today.year: spec.targets[1]},
            realisations=realisation_rows(
                periods,
                today=context.today,
                previous=spec.previous,
                previous_annual=spec.previous_annual,
                current=spec.current,
                notes=spec.notes,
                default_note="Rekap " + (spec.data_source or "data unit") + ", {period}.",
            ),
            entered_by=people[spec.entered_by].user if spec.entered_by else None,
            verified_by=people[spec.verified_by].user if spec.verified_by else None,
        )


def seed_master_data(context, periods) -> dict:
    """Everything a demo visitor meets; returns {person key: Employee} for later steps."""
    agencies = seed_agencies(context)
    people = seed_people(context, agencies)
    seed_roles(context, people)
    seed_indicators(context, agencies, people, periods)
    return people
