"""The dashboards stay within the page budget of SQL queries and read each source once, whatever the data."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.pages import MAX_QUERIES
from tests.factories import (
    AgencyFactory,
    CoordinatorFactory,
    IndicatorFactory,
    IndicatorRealisationFactory,
    IndicatorTargetFactory,
    PeriodFactory,
    UserFactory,
)
from tests.reports.conftest import staff_with_plans


def captured(client, url) -> list[str]:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def top_level(statement: str) -> str:
    """The statement without anything in parentheses (subqueries such as the roles' EXISTS)."""
    kept, depth = [], 0
    for char in statement:
        depth += char == "("
        if depth == 0:
            kept.append(char)
        depth -= char == ")"
    return "".join(kept)


def reading(sql: list[str], table: str) -> int:
    """How many of the queries read `table` as their main table."""
    return sum(1 for statement in sql if re.search(rf'\bFROM "{table}"(?!\w)', top_level(statement)))


@pytest.fixture
def scoped_coordinator(agency, other_agency):
    """A coordinator of two of the three agencies (their scope is read from the database)."""
    user = UserFactory(username="scoped")
    CoordinatorFactory(user=user, all_agencies=False).agencies.set([agency, other_agency])
    return user


@pytest.mark.parametrize("who", ["coordinator", "scoped_coordinator"])
def test_the_period_overview_stays_within_the_page_budget_as_agencies_and_plans_grow(
    request, who, kabupaten, period, client_for
):
    client = client_for(request.getfixturevalue(who))
    url = reverse("reports:period_overview", args=[period.pk])
    before = captured(client, url)
    for agency in [*kabupaten["agencies"], AgencyFactory(), AgencyFactory()]:
        staff_with_plans(agency, period, started=2)
    after = captured(client, url)
    assert len(after) == len(before)
    assert len(after) <= MAX_QUERIES, "\n".join(after)


def test_the_overview_counts_people_and_plans_in_one_aggregation_each(kabupaten, period, coordinator, client_for):
    sql = captured(client_for(coordinator), reverse("reports:period_overview", args=[period.pk]))
    assert reading(sql, "agencies_agency") == 1  # names and active employees together
    assert reading(sql, "agencies_employee") == 0  # "not started" comes from the plan counts
    assert reading(sql, "workflow_plan") == 1
    assert reading(sql, "auth_user") == 2  # the session's user and the roles; owners' names come with their tasks
    assert reading(sql, "agencies_period") == 1  # the period and the period switcher


def test_the_agency_dashboard_reads_the_iku_figures_and_the_guideline_once(
    agency, head, supervisor, employee, period, client_for
):
    staff_with_plans(agency, period, supervisor=supervisor, started=1)
    quarter = PeriodFactory(year=period.year, kind="quarterly", name="TW I", starts_on=period.starts_on)
    for code in ("IKU-01", "IKU-02"):
        indicator = IndicatorFactory(agency=agency, code=code)
        IndicatorTargetFactory(indicator=indicator, year=period.year, value=100)
        IndicatorRealisationFactory(indicator=indicator, period=period, value=80)
        IndicatorRealisationFactory(indicator=indicator, period=quarter, value=20)
    sql = captured(client_for(head), reverse("reports:agency_dashboard", args=[period.pk, agency.pk]))
    assert reading(sql, "agencies_indicator") == 1
    assert reading(sql, "agencies_indicatortarget") == 1
    assert reading(sql, "reports_distributionrule") == 1
    page = client_for(head).get(reverse("reports:agency_dashboard", args=[period.pk, agency.pk])).content.decode()
    assert "IKU-01" in page and "IKU-02" in page
