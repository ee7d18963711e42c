"""The evaluation world: Dukcapil's team (the employee as PIC, the colleague as member, a planner of Bappeda seated
from another agency), one IKU on the monthly calendar, and a helper to open its entries."""

import datetime

import pytest

from agencies.models import EvaluationTeam, TeamMember
from evaluation import services
from evaluation.models import DataSchedule, ValueKind
from tests.factories import AgencyFactory, EmployeeFactory, IndicatorFactory

YEAR = 2026


@pytest.fixture
def planner(db):
    bappeda = AgencyFactory(code="BAPPEDA", name="Badan Perencanaan", short_name="Bappeda")
    return EmployeeFactory(user__username="planner", name="Rina Perencana", agency=bappeda)


@pytest.fixture
def team(agency, employee, colleague, planner):
    team = EvaluationTeam.objects.create(
        agency=agency, decree_number="800/12/2026", decree_date=datetime.date(2026, 1, 5)
    )
    term = {"starts_on": datetime.date(2026, 1, 1), "ends_on": datetime.date(2099, 12, 31)}
    TeamMember.objects.create(team=team, employee=colleague, role="chair", **term)
    TeamMember.objects.create(team=team, employee=employee, role="member", **term)
    TeamMember.objects.create(team=team, employee=planner, role="secretary", **term)
    return team


@pytest.fixture
def iku(agency):
    return IndicatorFactory(
        agency=agency, code="IKU1", name="Persentase dokumen terbit tepat waktu", unit_of_measure="%"
    )


@pytest.fixture
def schedule(iku, employee):
    return DataSchedule.objects.create(
        indicator=iku, frequency="monthly", pic=employee, due_day=10, value_kind=ValueKind.PERCENTAGE
    )


@pytest.fixture
def opened(schedule, coordinator, team):
    """The year's entries of the IKU, opened in bulk; returns them in period order."""
    services.open_data_entries(year=YEAR, agency_ids=[schedule.indicator.agency_id], by=coordinator)
    return list(schedule.entries.order_by("starts_on"))
