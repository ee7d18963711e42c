"""The compliance board and the distribution page per periodic window (?window=<n>): each agency's evaluations of
that quarter by step with the late ones, and their periodic predikat against the guideline, in a number of queries
that does not grow with the data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import EmployeeFactory, PlanFactory, ResultIndicatorFactory, ResultPlanFactory
from workflow import services
from workflow.models import PeriodicReview
from workflow.periodic import services as periodic


@pytest.fixture
def boss_rhk(supervisor, period):
    plan = PlanFactory(employee=supervisor, period=period, stage="realisation", supervisor=supervisor.supervisor)
    result = ResultPlanFactory(plan=plan, text="Meningkatnya layanan")
    ResultIndicatorFactory(result=result)
    return result


def approved_review(person, supervisor, boss_rhk, period):
    """`person`'s approved plan and the review of the window running now (opened by the approval)."""
    plan = services.start_plan(employee=person, period=period)
    result = services.add_result(plan=plan, by=person.user, text="Terbitnya KTP-el", supports=boss_rhk)
    services.add_indicator(result=result, by=person.user, description="KTP-el", target_value=5, target_unit="dok")
    services.submit_plan(plan=plan, by=person.user)
    services.approve_plan(plan=plan, by=supervisor.user)
    return PeriodicReview.objects.get(plan=plan)


def rate(review, person, supervisor, results, behaviour):
    indicator = review.plan.results.get().indicators.get()
    services.record_realisation(indicator=indicator, by=person.user, value=3, periodic_review=review)
    periodic.report_period(review=review, by=person.user, summary="Laporan")
    periodic.rate_period(
        review=review, by=supervisor.user, results_rating=results, behaviour_rating=behaviour, feedback="Catatan"
    )


@pytest.fixture
def quarter(employee, colleague, supervisor, boss_rhk, period):
    """The employee's quarter rated Sangat Kurang; the colleague's still waiting for the report, past its due date."""
    mine = approved_review(employee, supervisor, boss_rhk, period)
    rate(mine, employee, supervisor, "BELOW", "BELOW")
    theirs = approved_review(colleague, supervisor, boss_rhk, period)
    PeriodicReview.objects.filter(pk=theirs.pk).update(due_on=datetime.date(2026, 1, 1))
    return mine.number


def test_the_board_shows_one_quarters_evaluations_by_step_and_the_late(quarter, period, coordinator, client_for):
    url = reverse("reports:compliance", args=[period.pk])
    year = client_for(coordinator).get(url).content.decode()
    assert "Whole year" in year and f"?window={quarter}" in year and "Employees by plan status" in year
    page = client_for(coordinator).get(f"{url}?window={quarter}").content.decode()
    assert "Periodic evaluations — Quarter IV 2026" in page and "Employees by plan status" not in page
    row = page.split('<th scope="row">Dukcapil</th>')[1].split("</tr>")[0]
    cells = [cell.split("</td>")[0] for cell in row.split('<td class="num">')[1:]]
    # late, opened, to report, to rate, in coaching, done
    assert "1" in cells[0] and cells[1:] == ["2", "1", "0", "1", "0"]


def test_the_distribution_page_counts_one_quarters_periodic_predikat(quarter, period, coordinator, client_for):
    url = reverse("reports:distribution", args=[period.pk])
    page = client_for(coordinator).get(f"{url}?window={quarter}").content.decode()
    assert "Periodic predikat distribution — Quarter IV 2026" in page
    row = page.split('id="agency-')[1].split("</tr>")[0]
    assert '<td class="num">1</td>' in row  # rated: the employee's quarter
    assert "Very poor" in page


def test_the_boards_per_window_are_for_coordinators_only(quarter, period, employee, client_for):
    for name in ("reports:compliance", "reports:distribution"):
        url = reverse(name, args=[period.pk])
        assert client_for(employee).get(f"{url}?window={quarter}").status_code == 403


def queries(client, url) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_boards_per_window_need_as_many_queries_with_more_evaluations(
    quarter, period, agency, unit, supervisor, boss_rhk, coordinator, client_for
):
    client = client_for(coordinator)
    urls = [
        f"{reverse('reports:compliance', args=[period.pk])}?window={quarter}",
        f"{reverse('reports:distribution', args=[period.pk])}?window={quarter}",
    ]
    before = [queries(client, url) for url in urls]
    for number in range(4):
        person = EmployeeFactory(user__username=f"more{number}", agency=agency, unit=unit, supervisor=supervisor)
        review = approved_review(person, supervisor, boss_rhk, period)
        if number % 2:
            rate(review, person, supervisor, "ABOVE", "AS_EXPECTED")
    assert [queries(client, url) for url in urls] == before
