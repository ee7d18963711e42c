"""The coordinator's period overview: every number against the records, the drill-down behind it, overdue tasks
with their owners, and a query count that does not grow with the data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from viewflow.workflow.models import Task

from agencies.models import Agency
from reports import selectors
from reports.compliance_views import AGENCIES_PER_PAGE
from tests.factories import AgencyFactory, CoordinatorFactory, EmployeeFactory, UserFactory
from tests.reports.conftest import expected_overview, staff_with_plans
from workflow import services

pytestmark = pytest.mark.django_db

BUCKET_KEYS = ["not_started", "draft", "review", "realisation", "self_assessment", "rating", "coaching", "done"]


def overview_url(period):
    return reverse("reports:period_overview", args=[period.pk])


def drill_url(period, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{reverse('reports:drill_down', args=[period.pk])}?{query}"


def test_every_number_of_the_overview_matches_the_records(kabupaten, coordinator, client_for):
    period = kabupaten["period"]
    response = client_for(coordinator).get(overview_url(period))
    assert response.status_code == 200
    rows = {row.agency_id: row for row in response.context["overview"].rows}
    html = response.content.decode()
    for agency in kabupaten["agencies"]:
        expected = expected_overview(agency, period)
        row = rows[agency.pk]
        assert (row.employees, row.plans, row.overdue) == (
            expected["employees"],
            expected["plans"],
            expected["overdue"],
        )
        assert row.counts == expected["counts"]
        for key, n in expected["counts"].items():
            if n:
                assert f'?agency={agency.pk}&amp;stage={key}">{n}</a>' in html
        if expected["overdue"]:
            assert f'?agency={agency.pk}&amp;stage=overdue">{expected["overdue"]}</a>' in html
    dukcapil = expected_overview(kabupaten["agencies"][0], period)
    assert dukcapil["counts"]["draft"] == 4  # the employee, two engine-opened plans, one built draft
    assert dukcapil["overdue"] == 3  # the three open draft tasks: the plan deadline (31 January) has passed
    totals = response.context["overview"].totals
    assert totals.plans == sum(expected_overview(a, period)["plans"] for a in kabupaten["agencies"])


@pytest.mark.parametrize("stage", BUCKET_KEYS)
def test_each_number_opens_the_list_behind_it(kabupaten, coordinator, client_for, stage):
    period, agency = kabupaten["period"], kabupaten["agencies"][0]
    expected = expected_overview(agency, period)["counts"][stage]
    response = client_for(coordinator).get(drill_url(period, agency=agency.pk, stage=stage))
    assert response.status_code == 200
    records = list(response.context["page"])
    assert len(records) == response.context["page"].paginator.count == expected
    for record in records:
        if stage == "not_started":
            assert record.agency_id == agency.pk and record.is_active
        else:
            assert record.employee.agency_id == agency.pk
            assert record.stage in selectors.PLAN_BUCKETS[stage].stages


def test_the_overdue_list_names_who_holds_each_task(kabupaten, coordinator, employee, client_for):
    period = kabupaten["period"]
    response = client_for(coordinator).get(drill_url(period, stage="overdue"))
    tasks = list(response.context["page"])
    assert len(tasks) == 3
    assert {task.owner_id for task in tasks} == {task.process.planprocess.plan.employee.user_id for task in tasks}
    assert employee.full_name in response.content.decode()
    owners = client_for(coordinator).get(overview_url(period)).context["owners"]
    assert sorted(owner["overdue"] for owner in owners) == [1, 1, 1]
    mine = client_for(coordinator).get(drill_url(period, stage="overdue", owner=employee.user_id))
    assert [task.owner_id for task in mine.context["page"]] == [employee.user_id]


def test_owners_rank_by_overdue_tasks_once_per_agency_and_every_task_counts_for_its_agency(
    agency, other_agency, supervisor, period
):
    """The owners' table is cut at `owners` groups, the agencies' overdue counts are not."""
    dukcapil = [EmployeeFactory(agency=agency) for _ in range(3)]
    dinkes = [EmployeeFactory(agency=other_agency) for _ in range(4)]
    for person in [*dukcapil, *dinkes]:
        services.start_plan(employee=person, period=period)

    def tasks_of(people):  # their open draft tasks, overdue: the plan deadline has passed
        return Task.objects.filter(process__planprocess__plan__employee__in=people)

    tasks_of([*dukcapil[:2], dinkes[0]]).update(owner=supervisor.user)  # handed to the supervisor
    tasks_of(dinkes[1:]).update(owner=None)  # waiting for a coordinator to assign them
    agencies = Agency.objects.all()

    overview = selectors.period_overview(period=period, agencies=agencies)
    assert [(owner["name"], owner["agency"], owner["overdue"]) for owner in overview.owners] == [
        ("(unassigned)", "Dinkes", 3),
        (supervisor.name, "Dukcapil", 2),
        (supervisor.name, "Dinkes", 1),  # the supervisor's user was created before the employee's
        (dukcapil[2].name, "Dukcapil", 1),
    ]
    assert overview.owners[1]["owner_id"] == supervisor.user_id
    for owners in (1, 3):
        cut = selectors.period_overview(period=period, agencies=agencies, owners=owners)
        assert cut.owners == overview.owners[:owners]
        assert {row.agency_id: row.overdue for row in cut.rows} == {agency.pk: 3, other_agency.pk: 4}
        assert cut.totals.overdue == 7


def test_a_coordinator_of_some_agencies_sees_only_their_people_plans_and_overdue_tasks_in_every_figure(
    agency, other_agency, period, client_for
):
    """Every agency in scope needs no filter on the employees and tasks; a scope of some agencies does."""
    dukcapil = [EmployeeFactory(agency=agency) for _ in range(2)]
    dinkes = [EmployeeFactory(agency=other_agency) for _ in range(3)]
    EmployeeFactory(agency=other_agency)  # no plan
    for person in [*dukcapil, *dinkes]:
        services.start_plan(employee=person, period=period)  # an open draft task each, overdue
    user = UserFactory(username="coordinator_dukcapil")
    CoordinatorFactory(user=user, all_agencies=False).agencies.set([agency])

    overview = client_for(user).get(overview_url(period)).context["overview"]
    assert [row.agency_id for row in overview.rows] == [agency.pk]
    totals = overview.totals
    assert (totals.employees, totals.plans, totals.overdue, totals.counts["not_started"]) == (2, 2, 2, 0)
    assert {owner["agency"] for owner in overview.owners} == {"Dukcapil"}
    assert sum(owner["overdue"] for owner in overview.owners) == 2

    everyone = selectors.period_overview(period=period, agencies=Agency.objects.all())
    totals = everyone.totals
    assert (totals.employees, totals.plans, totals.overdue, totals.counts["not_started"]) == (6, 5, 5, 1)
    assert {row.agency_id: row.overdue for row in everyone.rows} == {agency.pk: 2, other_agency.pk: 3}


def test_the_overview_shows_a_page_of_agencies_by_name_with_the_totals_of_them_all(kabupaten, coordinator, client_for):
    period = kabupaten["period"]
    for _ in range(AGENCIES_PER_PAGE):  # with the kabupaten's two, more than a page
        AgencyFactory()
    names = sorted(Agency.objects.values_list("short_name", flat=True), key=str.lower)
    plans = sum(expected_overview(each, period)["plans"] for each in kabupaten["agencies"])
    client = client_for(coordinator)

    first = client.get(overview_url(period))
    assert [row.name for row in first.context["page"]] == names[:AGENCIES_PER_PAGE]
    assert len(first.context["overview"].rows) == len(names)  # the exports and the PDF have them all
    html = first.content.decode()
    assert f'?stage=plans">{plans}</a>' in html and "Page 1 of 2" in html

    second = client.get(f"{overview_url(period)}?page=2", headers={"HX-Request": "true"})  # the table alone
    html = second.content.decode()
    assert "<html" not in html and 'id="overview-table"' in html and "Page 2 of 2" in html
    assert [name for name in names if f">{name}</a></th>" in html] == names[AGENCIES_PER_PAGE:]
    assert f'?stage=plans">{plans}</a>' in html  # the totals row: every agency, on every page


def test_predikat_numbers_open_the_plans_with_that_predikat(kabupaten, coordinator, client_for):
    period, agency = kabupaten["period"], kabupaten["agencies"][0]
    response = client_for(coordinator).get(drill_url(period, agency=agency.pk, stage="plans", predikat="BAIK"))
    plans = list(response.context["page"])
    assert len(plans) == 2 and all(plan.predikat == "BAIK" for plan in plans)


def test_overdue_follows_the_end_of_the_deadline_day_in_the_agency_time_zone(agency, employee, period):
    services.start_plan(employee=employee, period=period)
    papua = AgencyFactory(time_zone="Asia/Jayapura")
    services.start_plan(employee=EmployeeFactory(agency=papua), period=period)
    agencies = Agency.objects.all()

    def overdue(now):
        rows = selectors.period_overview(period=period, agencies=agencies, now=now).rows
        return {row.agency_id: row.overdue for row in rows}

    # 31 January 23:59 in Jakarta is 16:59 UTC; in Jayapura the day ended at 15:00 UTC.
    assert overdue(datetime.datetime(2026, 1, 31, 14, 59, tzinfo=datetime.UTC)) == {agency.pk: 0, papua.pk: 0}
    assert overdue(datetime.datetime(2026, 1, 31, 15, 30, tzinfo=datetime.UTC)) == {agency.pk: 0, papua.pk: 1}
    assert overdue(datetime.datetime(2026, 1, 31, 17, 1, tzinfo=datetime.UTC)) == {agency.pk: 1, papua.pk: 1}


def test_the_drill_down_pages_fifty_records_and_swaps_the_list_with_htmx(agency, period, coordinator, client_for):
    staff_with_plans(agency, period, mix=[("realisation", "")] * 55, without_plan=0)
    client = client_for(coordinator)
    first = client.get(drill_url(period, agency=agency.pk, stage="realisation"))
    assert len(first.context["page"]) == 50
    second = client.get(
        drill_url(period, agency=agency.pk, stage="realisation", page=2), headers={"HX-Request": "true"}
    )
    assert second.content.count(b"badge stage-realisation") == 5
    assert b"<html" not in second.content and b'id="record-list"' in second.content


@pytest.mark.parametrize(
    ("stage", "heading", "column"),
    [
        ("not_started", "Active employees without a plan", "Direct supervisor"),
        ("overdue", "Overdue tasks", "Plan of"),
        ("review", "Plans", "Predikat"),
        ("plans", "Plans", "Predikat"),
    ],
)
def test_each_drill_down_is_titled_and_laid_out_for_what_it_lists(
    kabupaten, coordinator, client_for, stage, heading, column
):
    response = client_for(coordinator).get(drill_url(kabupaten["period"], stage=stage))
    html = response.content.decode()
    assert response.status_code == 200 and f"<h1>{heading}</h1>" in html and f"<th>{column}</th>" in html


def test_an_unknown_list_kind_is_not_found(kabupaten, coordinator, client_for):
    response = client_for(coordinator).get(drill_url(kabupaten["period"], stage="everything"))
    assert response.status_code == 404


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("page", ["period_overview", "distribution", "iku"])
def test_the_query_count_does_not_grow_with_ten_times_the_people_and_plans(
    agency, other_agency, period, coordinator, client_for, django_assert_num_queries, page
):
    client = client_for(coordinator)
    url = reverse(f"reports:{page}", args=[period.pk])
    for each in (agency, other_agency):
        staff_with_plans(each, period, started=1)
    client.get(url)
    small = _count_queries(client, url)
    for each in (agency, other_agency):
        for _ in range(9):
            staff_with_plans(each, period, started=1)
    client.get(url)  # new rows make the next request reload the signed-in identity once (agencies/identity.py)
    with django_assert_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["agency_dashboard", "team_dashboard", "drill_down"])
def test_the_head_and_supervisor_pages_keep_their_query_count_with_ten_times_the_data(
    agency, head, supervisor, employee, period, client_for, django_assert_num_queries, page
):
    person = head if page == "agency_dashboard" else supervisor
    args = [period.pk, agency.pk] if page == "agency_dashboard" else [period.pk]
    url = reverse(f"reports:{page}", args=args) + ("?stage=plans" if page == "drill_down" else "")
    client = client_for(head if page == "drill_down" else person)
    staff_with_plans(agency, period, supervisor=supervisor, started=1)
    client.get(url)
    small = _count_queries(client, url)
    for _ in range(9):
        staff_with_plans(agency, period, supervisor=supervisor, started=1)
    client.get(url)  # new rows make the next request reload the signed-in identity once (agencies/identity.py)
    with django_assert_num_queries(small):
        assert client.get(url).status_code == 200
