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


def test_the_overview_counts_people_and_plans_in_one_aggregation(kabupaten, period, coordinator, client_for):
    sql = captured(client_for(coordinator), reverse("reports:period_overview", args=[period.pk]))
    # the names (and time zones); then the organisation predikats and overrides joined to the agencies
    assert reading(sql, "agencies_agency") == 2
    assert reading(sql, "reports_agencypredikat") == reading(sql, "reports_distributionoverride") == 0
    # Employees and plans in one pass: the employees with their running plan joined ("not started": none found),
    # rather than the employees counted per agency and then the plans joined to their employees again.
    assert reading(sql, "agencies_employee") == 1
    assert reading(sql, "workflow_plan") == 0
    # The session's user with its roles' rows come from the identity cache; the one read of auth_user names the
    # owners of the overdue tasks (at most twenty), once the tasks themselves are counted without the names.
    assert reading(sql, "auth_user") == 1
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


def add_iku(agency, period, quarter, codes):
    for code in codes:
        indicator = IndicatorFactory(agency=agency, code=code)
        IndicatorTargetFactory(indicator=indicator, year=period.year, value=100)
        IndicatorRealisationFactory(indicator=indicator, period=quarter, value=20)


@pytest.mark.parametrize("who", ["head", "coordinator"])
def test_the_agency_dashboard_stays_within_the_page_budget_whatever_the_data(
    request, who, agency, head, supervisor, employee, coordinator, period, client_for
):
    from reports import services as report_services

    client = client_for(request.getfixturevalue(who))
    url = reverse("reports:agency_dashboard", args=[period.pk, agency.pk])
    quarter = PeriodFactory(year=period.year, kind="quarterly", name="TW I", starts_on=period.starts_on)
    staff_with_plans(agency, period, supervisor=supervisor, started=1)
    add_iku(agency, period, quarter, ["IKU-01"])  # the year shows its latest quarter: no annual figures yet
    before = captured(client, url)
    assert client.get(url).context["figures_period"] == quarter

    staff_with_plans(agency, period, supervisor=supervisor, started=3, without_plan=3)
    add_iku(agency, period, quarter, ["IKU-02", "IKU-03"])
    IndicatorRealisationFactory(indicator=agency.indicators.get(code="IKU-01"), period=period, value=80)
    PeriodFactory(year=period.year - 1, name=f"Tahunan {period.year - 1}")
    report_services.set_organisation_predikat(agency=agency, period=period, predikat="BAIK", by=coordinator)
    report_services.record_distribution_override(
        agency=agency,
        period=period,
        justification="Sebaran sesuai bukti kinerja tahun ini",
        findings="",
        by=coordinator,
    )
    after = captured(client, url)
    page = client.get(url)
    assert page.context["figures_period"] == period and page.context["row"].overdue >= 1
    assert len(after) == len(before), "\n".join(after)
    assert len(after) <= MAX_QUERIES, "\n".join(after)
