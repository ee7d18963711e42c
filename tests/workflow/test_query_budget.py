"""The plan page and the team page need a constant number of SQL queries, within the page budget, whoever looks.

Each page is requested twice (the second request of a session is what every later one costs), measured, then the
plan or the team grows and the page must need exactly as many queries again.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.pages import MAX_QUERIES
from tests.factories import EmployeeFactory, PlanFactory, ResultIndicatorFactory, ResultPlanFactory
from workflow import services


def queries(client, url) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def report(indicator, by, n):
    evidence = SimpleUploadedFile(f"bukti{n}.pdf", b"%PDF-1.4\nbukti\n", content_type="application/pdf")
    services.record_realisation(indicator=indicator, by=by, value=n, description=f"laporan {n}", files=[evidence])


@pytest.fixture
def running_plan(filled_plan, employee, supervisor):
    """The employee's plan in realisation, with a realisation carrying evidence and a word from the supervisor."""
    services.submit_plan(plan=filled_plan, by=employee.user)
    services.approve_plan(plan=filled_plan, by=supervisor.user, comment="Setuju")
    report(filled_plan.results.get().indicators.get(), employee.user, 1)
    services.add_feedback(plan=filled_plan, by=supervisor.user, text="Pertahankan")
    return filled_plan


def grow(plan, employee, supervisor):
    """Three more RHK (main and additional) with indicators, several realisations with evidence, more feedback."""
    for n, kind in enumerate(["main", "additional", "additional"], start=2):
        result = ResultPlanFactory(plan=plan, kind=kind)
        for _ in range(2):
            indicator = ResultIndicatorFactory(result=result)
            report(indicator, employee.user, n)
            report(indicator, employee.user, n + 10)
    for text in ("Bagus", "Lanjutkan", "Perhatikan target triwulan"):
        services.add_feedback(plan=plan, by=supervisor.user, text=text)
        services.add_feedback(plan=plan, by=employee.user, text=f"Siap: {text}")


@pytest.mark.parametrize("viewer", ["employee", "supervisor", "head", "coordinator"])
def test_the_plan_page_needs_the_same_few_queries_however_much_the_plan_holds(
    request, viewer, running_plan, employee, supervisor, client_for
):
    client = client_for(request.getfixturevalue(viewer))
    url = reverse("workflow:plan_detail", args=[running_plan.pk])
    before = queries(client, url)
    grow(running_plan, employee, supervisor)
    after = queries(client, url)
    assert after == before, (viewer, before, after)
    assert after <= MAX_QUERIES, (viewer, after)


def test_a_finished_coached_plan_page_stays_within_the_budget(running_plan, employee, supervisor, client_for):
    # The later stages add the self-assessment, the rating and the coaching: joined into the plan's own query.
    done = PlanFactory(
        employee=EmployeeFactory(agency=employee.agency, supervisor=supervisor),
        period=running_plan.period,
        stage="done",
        predikat="BUTUH_PERBAIKAN",
        rated_by=supervisor,
        copied_from=running_plan,
    )
    ResultIndicatorFactory(result=ResultPlanFactory(plan=done))
    client = client_for(supervisor)
    assert queries(client, reverse("workflow:plan_detail", args=[done.pk])) <= MAX_QUERIES


def add_team_members(supervisor, period, n):
    for _ in range(n):
        member = EmployeeFactory(agency=supervisor.agency, supervisor=supervisor)
        plan = PlanFactory(employee=member, period=period, stage="realisation", supervisor=supervisor)
        ResultIndicatorFactory(result=ResultPlanFactory(plan=plan))
        EmployeeFactory(agency=supervisor.agency, supervisor=supervisor)  # without a plan


@pytest.mark.parametrize("viewer", ["supervisor", "head"])
def test_the_team_page_needs_the_same_few_queries_whatever_the_team_size(
    request, viewer, supervisor, employee, colleague, period, client_for
):
    person = request.getfixturevalue(viewer)
    add_team_members(person, period, 2)
    client = client_for(person)
    url = reverse("workflow:team")
    before = queries(client, url)
    add_team_members(person, period, 6)
    add_team_members(supervisor, period, 4)  # the head also sees every plan of the agency
    after = queries(client, url)
    assert after == before, (viewer, before, after)
    assert after <= MAX_QUERIES, (viewer, after)


def test_choosing_the_team_page_period_costs_no_query(supervisor, employee, period, client_for):
    from tests.factories import PeriodFactory

    older = PeriodFactory(year=period.year - 1, name=f"Tahunan {period.year - 1}")
    client = client_for(supervisor)
    url = reverse("workflow:team")
    assert queries(client, f"{url}?period={older.pk}") == queries(client, url)
    assert client.get(f"{url}?period={older.pk}").context["period"] == older
    assert client.get(f"{url}?period=nonsense").context["period"] == period


def test_my_plans_reads_the_periods_once_for_the_start_form(employee, period, client_for):
    from tests.factories import PeriodFactory

    PeriodFactory(year=period.year + 1, status="planning")
    PeriodFactory(year=period.year + 2, status="planning")
    client = client_for(employee)
    client.get(reverse("workflow:plan_list"))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("workflow:plan_list")).content.decode()
    periods = [q["sql"] for q in captured.captured_queries if 'FROM "agencies_period"' in q["sql"].split(" WHERE ")[0]]
    assert len(periods) == 1, periods
    assert f"Tahunan {period.year}" in page and f"Tahunan {period.year + 2}" in page


def test_a_plan_starts_from_the_period_chosen_in_the_form(employee, period, client_for):
    client = client_for(employee)
    assert client.post(reverse("workflow:plan_start"), {"period": "999999"}).status_code == 302
    assert not employee.plans.exists()
    assert client.post(reverse("workflow:plan_start"), {"period": str(period.pk)}).status_code == 302
    assert employee.plans.get().period == period
