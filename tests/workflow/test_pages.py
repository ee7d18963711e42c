"""Inbox, team, home by role, reassignment, copying, the flow chart and aggregates, with query counts pinned."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import EmployeeFactory, PeriodFactory, PlanFactory, ResultIndicatorFactory, ResultPlanFactory
from tests.workflow.conftest import open_task
from workflow import selectors, services
from workflow.models import Action, PlanEvent, Stage


def start_team(supervisor, period, n):
    members = [EmployeeFactory(agency=supervisor.agency, supervisor=supervisor) for _ in range(n)]
    return [services.start_plan(employee=member, period=period) for member in members]


def submit_all(plans, supervisor_rhk):
    for plan in plans:
        user = plan.employee.user
        result = services.add_result(plan=plan, by=user, text="RHK", supports=supervisor_rhk)
        services.add_indicator(result=result, by=user, description="i", target_value=1, target_unit="x")
        services.submit_plan(plan=plan, by=user)


def queries_for_page(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_inbox_lists_open_tasks_with_due_dates_and_overdue_marks(supervisor, supervisor_rhk, period, client_for):
    plans = start_team(supervisor, period, 2)
    submit_all(plans, supervisor_rhk)
    items = selectors.inbox(user=supervisor.user)
    assert [item.node_name for item in items] == ["review", "review"]
    due = items[0].due_at
    assert (due.date(), due.hour, due.minute) == (period.plan_due, 23, 59)
    assert str(due.tzinfo) == supervisor.agency.time_zone
    assert items[0].overdue == (timezone.now() > due)
    page = client_for(supervisor).get(reverse("workflow:inbox")).content.decode()
    assert plans[0].employee.full_name in page and ("Overdue" in page) == items[0].overdue


def test_a_task_past_its_deadline_is_marked_overdue(employee, client_for):
    services.start_plan(employee=employee, period=PeriodFactory(year=2020))
    assert selectors.inbox(user=employee.user)[0].overdue
    assert "Overdue" in client_for(employee).get(reverse("workflow:inbox")).content.decode()


def test_ones_own_task_in_the_inbox_says_it_is_ones_own_plan_and_others_name_their_employee(
    filled_plan, employee, supervisor, client_for
):
    own = client_for(employee).get(reverse("workflow:inbox")).content.decode()
    assert "You (your own plan)" in own and employee.full_name not in own.split("<main", 1)[1]
    services.submit_plan(plan=filled_plan, by=employee.user)
    theirs = client_for(supervisor).get(reverse("workflow:inbox")).content.decode()
    assert employee.full_name in theirs and "You (your own plan)" not in theirs


def test_the_archive_lists_finished_tasks(filled_plan, employee, client_for):
    services.submit_plan(plan=filled_plan, by=employee.user)
    response = client_for(employee).get(reverse("workflow:inbox") + "?tab=archive")
    assert "Draft the plan" in response.content.decode()
    assert [item.node_name for item in selectors.archive(user=employee.user)] == ["draft"]


def test_the_inbox_partial_answers_htmx(filled_plan, employee, client_for):
    response = client_for(employee).get(reverse("workflow:inbox"), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert 'id="task-list"' in page and "<html" not in page


def test_the_nav_badge_counts_open_tasks(filled_plan, employee, client_for):
    assert 'aria-label="1 open task"' in client_for(employee).get("/").content.decode()


def test_inbox_queries_do_not_grow_with_tasks(
    supervisor, supervisor_rhk, period, client_for, django_assert_max_num_queries
):
    client = client_for(supervisor)
    submit_all(start_team(supervisor, period, 1), supervisor_rhk)
    few = queries_for_page(client, reverse("workflow:inbox"))
    submit_all(start_team(supervisor, period, 6), supervisor_rhk)
    assert queries_for_page(client, reverse("workflow:inbox")) == few
    with django_assert_max_num_queries(1):
        assert len(selectors.inbox(user=supervisor.user)) == 7


def test_the_inbox_reads_objections_and_periodic_evaluations_only_for_someone_who_has_them(
    supervisor, supervisor_rhk, period, client_for
):
    """The grouped count of open tasks tells which lists can have anything: someone with plan tasks only is spared
    the two costliest queries of the page; the badge is one count of its own (the tasks with the complaints and IKU
    figures of the inbox's panels)."""
    client = client_for(supervisor)
    plans = start_team(supervisor, period, 2)
    submit_all(plans, supervisor_rhk)
    client.get(reverse("workflow:inbox"))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("workflow:inbox")).content.decode()

    sql = [query["sql"] for query in captured.captured_queries]
    counts = [query for query in sql if 'FROM "viewflow_task"' in query and "COUNT(" in query]
    assert len(counts) == 2  # the page's grouped count and the badge's
    assert sum("GROUP BY" in query for query in counts) == 1 and sum("UNION ALL" in query for query in counts) == 1
    others = [query for query in sql if query not in counts]
    assert not [query for query in others if "workflow_objection" in query or "workflow_periodicreview" in query]
    assert 'aria-label="2 open tasks"' in page
    assert all(plan.employee.full_name in page for plan in plans)


def test_plan_page_queries_do_not_grow_with_rhk_indicators_and_feedback(
    filled_plan, employee, supervisor, client_for, django_assert_max_num_queries
):
    client = client_for(supervisor)
    url = reverse("workflow:plan_detail", args=[filled_plan.pk])
    client.get(url)  # the first request loads the signed-in identity into the cache (agencies/identity.py)
    few = queries_for_page(client, url)
    for n in range(4):
        ResultIndicatorFactory.create_batch(3, result=ResultPlanFactory(plan=filled_plan, kind="additional"))
        services.add_feedback(plan=filled_plan, by=employee.user, text=f"Catatan {n}")
    assert queries_for_page(client, url) == few
    with django_assert_max_num_queries(12):
        selectors.plan_page_data(plan=filled_plan)


def test_team_page_shows_stages_and_progress_in_constant_queries(supervisor, supervisor_rhk, period, client_for):
    client = client_for(supervisor)
    submit_all(start_team(supervisor, period, 1), supervisor_rhk)
    few = queries_for_page(client, reverse("workflow:team"))
    plans = start_team(supervisor, period, 5)
    submit_all(plans, supervisor_rhk)
    assert queries_for_page(client, reverse("workflow:team")) == few
    page = client.get(reverse("workflow:team")).content.decode()
    assert plans[0].employee.full_name in page and "In review" in page and "0 / 1" in page


def test_a_team_members_plan_past_its_stages_deadline_is_marked_late_wherever_the_team_is_listed(
    supervisor, head, client_for
):
    today = timezone.localdate()
    period = PeriodFactory(
        starts_on=today - datetime.timedelta(days=60),
        plan_due=today - datetime.timedelta(days=1),  # drafting and review were due yesterday
        ends_on=today + datetime.timedelta(days=30),
    )
    late, on_time = (EmployeeFactory(agency=supervisor.agency, supervisor=supervisor) for _ in range(2))
    PlanFactory(employee=late, period=period, stage="draft", supervisor=supervisor)
    PlanFactory(employee=on_time, period=period, stage="realisation", supervisor=supervisor)  # due in 30 days

    def late_names(html):
        rows = html.split("<tr")[1:]
        return {name for name in (late.full_name, on_time.full_name) for row in rows if name in row and "Late" in row}

    client = client_for(supervisor)
    assert late_names(client.get("/").content.decode()) == {late.full_name}
    assert late_names(client.get(reverse("workflow:team"), {"period": period.pk}).content.decode()) == {late.full_name}
    dashboard = client.get(reverse("reports:team_dashboard", args=[period.pk]))
    assert late_names(dashboard.content.decode()) == {late.full_name}
    assert {row["plan"].employee_id: row["overdue"] for row in dashboard.context["team_rows"]} == {
        late.pk: True,
        on_time.pk: False,
    }
    head_page = client_for(head).get(reverse("workflow:team"), {"period": period.pk}).content.decode()
    assert late_names(head_page.split("All plans of my agency")[1]) == {late.full_name}


def test_the_home_page_fits_each_role(employee, supervisor, head, coordinator, filled_plan, client_for):
    assert "My plan" in client_for(employee).get("/").content.decode()
    assert "My team" in client_for(supervisor).get("/").content.decode()
    assert "plans by stage" in client_for(head).get("/").content.decode()
    page = client_for(coordinator).get("/").content.decode()
    assert "Agencies in this period" in page and "Dukcapil" in page


def _card(page: str, heading: str) -> str:
    return page.split(f"<h2>{heading}</h2>")[1].split("</section>")[0]


def test_at_the_turn_of_the_year_the_home_page_shows_both_plans_and_names_tasks_by_period(
    employee, supervisor, client_for
):
    year = timezone.localdate().year
    this_year, next_year = PeriodFactory(year=year), PeriodFactory(year=year + 1, status="planning")
    PlanFactory(employee=employee, period=PeriodFactory(year=year - 1, status="closed"), stage="done")
    for period in (next_year, this_year):
        services.start_plan(employee=employee, period=period)
    page = client_for(employee).get("/").content.decode()

    my_plans = _card(page, "My plan")
    assert my_plans.index(f"Tahunan {year}<") < my_plans.index(f"Tahunan {year + 1}<")
    assert f"Tahunan {year - 1}" not in my_plans  # last year's plan is on "My plans", not here
    assert "No plan for this period yet" not in my_plans
    # Two "Draft the plan" tasks: told apart by their period, without the reader's own name.
    tasks = _card(page, "My tasks")
    assert f"Draft the plan</a> — Tahunan {year} ·" in tasks
    assert f"Draft the plan</a> — Tahunan {year + 1} ·" in tasks
    assert employee.full_name not in tasks


def test_a_plan_only_for_next_year_still_says_this_years_is_missing(employee, client_for):
    year = timezone.localdate().year
    PeriodFactory(year=year)
    services.start_plan(employee=employee, period=PeriodFactory(year=year + 1, status="planning"))
    my_plans = _card(client_for(employee).get("/").content.decode(), "My plan")
    assert "No plan for this period yet." in my_plans and f"Tahunan {year + 1}" in my_plans


def test_a_supervisors_task_names_the_employee_and_the_period(filled_plan, employee, supervisor, client_for):
    services.submit_plan(plan=filled_plan, by=employee.user)
    tasks = _card(client_for(supervisor).get("/").content.decode(), "My tasks")
    assert f"Review the plan</a> — {employee.full_name}, {filled_plan.period} ·" in tasks


def test_the_agency_heads_home_leads_to_who_has_no_plan_and_who_is_late(head, employee, colleague, period, client_for):
    PlanFactory(employee=employee, period=period, stage="draft")
    page = client_for(head).get("/").content.decode()
    # the head and the colleague (at least) have no plan for the period
    without = selectors.plan_progress_by_agency(period=period, agency_ids=[head.agency_id])[head.agency_id]
    assert without["not_started"] >= 2
    drill = reverse("reports:drill_down", args=[period.pk]) + f"?agency={head.agency_id}&amp;stage=not_started"
    tile = f'<a class="card stat-tile is-warning" href="{drill}"><span class="stat">{without["not_started"]}</span>'
    assert tile + ' <span class="stat-label">employees without a plan</span></a>' in page
    late = reverse("reminders:agency_people", args=[period.pk, head.agency_id]) + "?status=late"
    assert f'href="{late}"' in page
    assert client_for(head).get(late.replace("&amp;", "&")).status_code == 200


def test_the_agency_heads_home_says_how_many_are_late_at_a_glance(head, employee, colleague, period, client_for):
    PlanFactory(employee=employee, period=period, stage="draft")
    PlanFactory(employee=colleague, period=period, stage="realisation")
    without = selectors.plan_progress_by_agency(period=period, agency_ids=[head.agency_id])[head.agency_id]
    late = reverse("reminders:agency_people", args=[period.pk, head.agency_id]) + "?status=late"
    type(period).objects.filter(pk=period.pk).update(plan_due=timezone.localdate() - datetime.timedelta(days=1))
    page = client_for(head).get("/").content.decode()
    expected = without["not_started"] + 1  # those without a plan, and the draft; the approved plan is on time
    tile = f'<a class="card stat-tile is-late" href="{late}"><span class="stat">{expected}</span>'
    assert tile + ' <span class="stat-label">employees late</span></a>' in page
    assert '<span class="badge stage-draft">Draft</span> 1' in page  # the plans by stage, one badge each
    type(period).objects.filter(pk=period.pk).update(plan_due=timezone.localdate() + datetime.timedelta(days=3))
    on_time = client_for(head).get("/").content.decode()
    good = '<div class="card stat-tile is-good"><span class="stat">0</span>'
    assert good + ' <span class="stat-label">Nobody is late' in on_time


def test_the_coordinators_home_shows_each_agency_s_late_count_linked_to_its_people(
    head, employee, colleague, other_agency, period, coordinator, client_for
):
    PlanFactory(employee=employee, period=period, stage="draft")
    PlanFactory(employee=colleague, period=period, stage="realisation")
    type(period).objects.filter(pk=period.pk).update(plan_due=timezone.localdate() - datetime.timedelta(days=1))
    progress = selectors.plan_progress_by_agency(period=period, agency_ids=[head.agency_id, other_agency.pk])
    page = client_for(coordinator).get("/").content.decode()
    late = reverse("reminders:agency_people", args=[period.pk, head.agency_id]) + "?status=late"
    expected = progress[head.agency_id]["not_started"] + 1  # the draft too; the approved plan is on time
    assert f'<a class="badge red" href="{late}">{expected}</a>' in page
    other = reverse("reminders:agency_people", args=[period.pk, other_agency.pk])
    assert (other in page) == bool(progress[other_agency.pk]["not_started"])  # anyone there without a plan is late


def test_plan_progress_by_agency_aggregates_in_sql(agency, other_agency, period, django_assert_num_queries):
    PlanFactory.create_batch(2, employee__agency=agency, period=period, stage="draft")
    PlanFactory(employee__agency=agency, period=period, stage="done", predikat="BAIK")
    PlanFactory(employee__agency=other_agency, period=period, stage="review")
    PlanFactory(employee__agency=agency, period=PeriodFactory(year=2025), stage="done")
    with django_assert_num_queries(2):
        progress = selectors.plan_progress_by_agency(period=period)
    assert progress[agency.pk]["plans"] == 3 and progress[agency.pk]["employees"] == 4
    assert progress[agency.pk]["by_stage"]["draft"] == 2 and progress[agency.pk]["by_predikat"]["BAIK"] == 1
    assert progress[other_agency.pk]["by_stage"]["review"] == 1
    assert set(selectors.plan_progress_by_agency(period=period, agency_ids=[other_agency.pk])) == {other_agency.pk}


def test_a_coordinator_reassigns_the_review_of_an_absent_supervisor(
    filled_plan, employee, supervisor, head, coordinator, client_for
):
    services.submit_plan(plan=filled_plan, by=employee.user)
    url = reverse("workflow:reassign", args=[filled_plan.pk])
    client = client_for(coordinator)
    response = client.post(url, {"to": head.pk, "reason": ""})
    assert response.status_code == 200 and open_task(filled_plan, "review").owner == supervisor.user
    assert client.post(url, {"to": head.pk, "reason": "Atasan cuti"}).status_code == 302

    assert open_task(filled_plan, "review").owner == head.user
    event = PlanEvent.objects.get(plan=filled_plan, action=Action.REASSIGNED)
    assert event.actor == coordinator
    assert (
        event.shown_comment == f"Review the plan: from {supervisor.full_name} to {head.full_name}; reason: Atasan cuti"
    )
    review_url = reverse("workflow:task_detail", args=[filled_plan.pk, open_task(filled_plan, "review").pk])
    assert client_for(supervisor).get(review_url).status_code == 404
    assert client_for(head).post(review_url, {"decision": "approve", "comment": ""}).status_code == 302
    filled_plan.refresh_from_db()
    assert filled_plan.stage == "realisation" and filled_plan.supervisor == head


def test_reassignment_is_refused_to_everyone_but_a_coordinator_in_scope(filled_plan, employee, supervisor, head):
    services.submit_plan(plan=filled_plan, by=employee.user)
    for person in (employee, supervisor, head):
        with pytest.raises(PermissionDenied):
            services.reassign_task(plan=filled_plan, by=person.user, to=head, reason="x")
    assert open_task(filled_plan, "review").owner == supervisor.user
    assert not PlanEvent.objects.filter(plan=filled_plan, action=Action.REASSIGNED).exists()


def test_the_employee_starts_a_plan_from_a_copy_of_last_period(employee, supervisor, client_for):
    old = PlanFactory(employee=employee, period=PeriodFactory(year=2025, status="closed"), stage="done")
    ResultIndicatorFactory.create_batch(2, result=ResultPlanFactory(plan=old, text="RHK lama"))
    PeriodFactory(year=2026, status="planning")
    client = client_for(employee)
    assert "Start my plan" in client.get(reverse("workflow:plan_list")).content.decode()
    period_id = selectors.openable_periods_for(employee=employee).get().pk
    response = client.post(reverse("workflow:plan_start"), {"period": period_id, "copy_previous": "on"})
    assert response.status_code == 302
    plan = employee.plans.get(period_id=period_id)
    assert plan.copied_from == old and plan.results.get().text == "RHK lama"
    assert plan.results.get().indicators.count() == 2 and plan.results.get().supports is None
    assert open_task(plan, "draft").owner == employee.user


def test_the_start_form_suggests_the_running_annual_period_and_offers_a_copy_only_to_someone_with_a_plan(
    employee, colleague, client_for
):
    today = timezone.localdate()
    annual = PeriodFactory(year=today.year, status="running")
    quarter = PeriodFactory(  # a later quarterly period also open: plans are annual, so it is not offered
        kind="quarterly",
        name=f"Triwulan IV {today.year}",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=60),
        status="running",
    )
    page = client_for(employee).get(reverse("workflow:plan_list")).content.decode()
    assert f'<option value="{annual.pk}" selected>' in page and f'value="{quarter.pk}"' not in page
    assert "copy of my previous plan" not in page  # nothing to copy from: no box that would do nothing

    PlanFactory(employee=colleague, period=PeriodFactory(year=today.year - 1, status="closed"), stage="done")
    page = client_for(colleague).get(reverse("workflow:plan_list")).content.decode()
    assert "copy of my previous plan" in page and f'<option value="{annual.pk}" selected>' in page

    response = client_for(employee).post(reverse("workflow:plan_start"), {"period": quarter.pk})  # a crafted post
    assert not employee.plans.exists()
    response = client_for(employee).post(reverse("workflow:plan_start"), {"period": annual.pk})
    assert response.status_code == 302 and employee.plans.get().period == annual
    assert "Start my plan" not in client_for(employee).get(reverse("workflow:plan_list")).content.decode()


def test_a_copy_re_links_cascading_to_the_supervisors_rhk_of_the_same_text(employee, supervisor, supervisor_rhk):
    last_year = PeriodFactory(year=2025, status="closed")
    old_target = ResultPlanFactory(plan=PlanFactory(employee=supervisor, period=last_year), text=supervisor_rhk.text)
    old = PlanFactory(employee=employee, period=last_year, stage="done")
    ResultIndicatorFactory(result=ResultPlanFactory(plan=old, supports=old_target))
    plan = services.start_plan(employee=employee, period=supervisor_rhk.plan.period)
    services.copy_plan(plan=plan, source=old, by=employee.user)
    assert plan.results.get().supports == supervisor_rhk
    assert services.submission_errors(plan) == []


def test_the_flow_chart_marks_the_current_step(filled_plan, employee, client_for):
    services.submit_plan(plan=filled_plan, by=employee.user)
    response = client_for(employee).get(reverse("workflow:plan_chart", args=[filled_plan.pk]))
    svg = response.content.decode()
    assert response["Content-Type"] == "image/svg+xml"
    assert 'id="review" transform="translate(' in svg and "Review the plan" in svg  # as written, not title-cased
    assert svg.split('id="review"')[1].split(">")[0].endswith('class="assigned"')
    assert svg.split('id="draft"')[1].split(">")[0].endswith('class="done"')


def test_feedback_posted_with_htmx_returns_the_thread(filled_plan, supervisor, client_for):
    url = reverse("workflow:feedback_add", args=[filled_plan.pk])
    response = client_for(supervisor).post(url, {"text": "Bagus, lanjutkan"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200 and "Bagus, lanjutkan" in page and "<html" not in page


def test_a_coaching_session_with_a_bad_date_re_renders_the_form(filled_plan, supervisor, client_for):
    url = reverse("workflow:session_add", args=[filled_plan.pk])
    response = client_for(supervisor).post(url, {"held_on": "not a date", "notes": "Catatan sesi"})
    page = response.content.decode()
    assert response.status_code == 200 and "Enter a valid date" in page and "Catatan sesi" in page


def test_a_head_without_supervisor_waits_for_a_coordinator_to_assign_a_reviewer(
    head, agency, period, coordinator, other_agency, client_for
):
    from tests.factories import EmployeeFactory, IndicatorFactory

    plan = services.start_plan(employee=head, period=period)
    result = services.add_result(
        plan=plan, by=head.user, text="Layanan adminduk", supports_indicator=IndicatorFactory(agency=agency)
    )
    services.add_indicator(result=result, by=head.user, description="Waktu", target_value=3, target_unit="hari")
    services.submit_plan(plan=plan, by=head.user)

    task = open_task(plan, "review")
    assert task.owner is None and task.status == "NEW"
    page = client_for(coordinator).get(reverse("workflow:inbox")).content.decode()
    assert "Waiting for a reviewer" in page and head.full_name in page
    sekda = EmployeeFactory(agency=agency, name="Sekretaris Daerah", position_type="jpt")
    response = client_for(coordinator).post(
        reverse("workflow:reassign", args=[plan.pk]), {"to": sekda.pk, "reason": "Penilai: Sekda"}
    )
    assert response.status_code == 302
    assert open_task(plan, "review").owner == sekda.user
    services.approve_plan(plan=plan, by=sekda.user)
    plan.refresh_from_db()
    assert plan.stage == "realisation" and plan.supervisor == sekda


@pytest.mark.parametrize("viewer", ["head", "coordinator"])
def test_the_plan_page_of_a_head_without_a_recorded_supervisor_opens(request, viewer, head, period, client_for):
    """Regression (a2bb34f): the reviewer cell followed the missing supervisor and the page answered 500."""
    assert head.supervisor_id is None
    plan = services.start_plan(employee=head, period=period)
    response = client_for(request.getfixturevalue(viewer)).get(reverse("workflow:plan_detail", args=[plan.pk]))
    assert response.status_code == 200
    assert head.full_name in response.content.decode()


def test_the_plan_history_names_each_action_in_the_language_of_each_request(filled_plan, employee, client_for):
    # Choice labels are looked up in a mapping kept per field (common/choices.py): it must keep them untranslated,
    # so one request's language never shows in the next.
    services.submit_plan(plan=filled_plan, by=employee.user)
    client = client_for(employee)
    url = reverse("workflow:plan_detail", args=[filled_plan.pk])
    client.cookies["django_language"] = "id"
    assert "Diajukan untuk direviu" in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    assert "Submitted for review" in page and "Diajukan untuk direviu" not in page
    client.cookies["django_language"] = "id"
    assert "Diajukan untuk direviu" in client.get(url).content.decode()


def test_the_menu_button_shows_the_open_tasks_counted_once_for_a_phone_where_the_menu_is_closed(
    supervisor, supervisor_rhk, period, client_for
):
    client = client_for(supervisor)
    submit_all(start_team(supervisor, period, 2), supervisor_rhk)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    summary = page.split("<summary>", 1)[1].split("</summary>", 1)[0]
    assert 'class="nav-badge menu-badge"' in summary and "2 open tasks" in summary
    assert 'aria-label="2 open tasks">2</span>' in page  # the link inside the menu
    assert sum("UNION ALL" in query["sql"] for query in captured.captured_queries) == 1


def test_the_coordinators_agency_table_reads_as_a_card_per_agency_on_a_phone(coordinator, filled_plan, client_for):
    """Eleven columns scrolled sideways inside the card on a phone, the late count out of sight: each agency is a card
    whose cells name their column, late first, and a stage nobody is in is left out of the card."""
    page = client_for(coordinator).get("/").content.decode()
    table = page.split('id="agencies-heading"')[1].split("</table>")[0]
    assert '<table class="table-cards">' in table
    row = next(row for row in table.split("<tr>") if "Dukcapil" in row)
    labels = re.findall(r'data-label="([^"]+)"', row)
    assert labels[:3] == ["Late", "Employees", "Plans"]
    assert labels[3:] == [str(stage.label) for stage in Stage]
    assert 'class="num none-on-phone" data-label="Done">0<' in row  # nobody's plan is done yet
    assert f'data-label="{filled_plan.get_stage_display()}">1<' in row
    dashboard = reverse("reports:agency_dashboard", args=[filled_plan.period_id, filled_plan.employee.agency_id])
    assert f'<td><a href="{dashboard}">' in row  # the agency's name leads to its dashboard


def test_an_employees_own_plan_past_its_stages_deadline_says_so_on_my_plans_and_the_home_page(employee, client_for):
    """A plan still in draft after the drafting deadline looked like any other draft on "My plans"; now it shows its
    stage's deadline and "Late", as the team's lists do. A plan done has no deadline left."""
    today = timezone.localdate()
    period = PeriodFactory(
        starts_on=today - datetime.timedelta(days=60),
        plan_due=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=30),
    )
    PlanFactory(employee=employee, period=period, stage="draft")
    PlanFactory(employee=employee, period=PeriodFactory(year=today.year - 1, status="closed"), stage="done")
    client = client_for(employee)
    rows = client.get(reverse("workflow:plan_list")).content.decode().split("<tbody>")[1].split("<tr>")[1:]
    late_row = next(row for row in rows if period.name in row)
    assert 'data-label="Due">' in late_row and "Late" in late_row
    assert [("Late" in row) for row in rows] == [True, False]
    home = _card(client.get("/").content.decode(), "My plan")
    assert period.name in home and "Late" in home
