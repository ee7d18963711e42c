"""Opening a period for whole agencies: bulk rows equal the engine's, re-runs and resumes, progress, pages, command."""

import datetime
import io
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from viewflow.workflow.models import Process, Task

from tests.factories import AgencyFactory, CoordinatorFactory, EmployeeFactory, PeriodFactory, UserFactory
from tests.workflow.test_plan_flow import (
    approve_through_pages,
    draft_through_pages,
    rate_through_pages,
    realise_through_pages,
)
from workflow import opening, services
from workflow.models import OpeningStatus, PeriodOpening, Plan, PlanEvent, PlanProcess

OPEN_STATUSES = ("NEW", "ASSIGNED", "STARTED")


# What a plan looks like in the database, people replaced by their role so two plans can be compared -------------


def values(instance, *, skip=()):
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.attname not in skip and not field.primary_key
    }


def role_of(user_id, plan):
    if user_id is None:
        return None
    if user_id == plan.employee.user_id:
        return "employee"
    if plan.employee.supervisor and user_id == plan.employee.supervisor.user_id:
        return "supervisor"
    return f"user {user_id}"


def task_row(task, plan):
    row = values(task, skip={"process_id", "owner_id", "created", "assigned", "started", "finished"})
    row["flow_task"] = task.flow_task.name
    row["token"] = str(task.token)
    row["owner"] = role_of(task.owner_id, plan)
    row["timestamps_set"] = tuple(getattr(task, name) is not None for name in ("assigned", "started", "finished"))
    row["previous"] = sorted(previous.flow_task.name for previous in task.previous.all())
    return row


def rows_of(plan):
    """Every row the opening of `plan` wrote or the flow has since written, comparable across plans."""
    plan = Plan.objects.select_related("employee__supervisor").get(pk=plan.pk)
    process = PlanProcess.objects.get(plan=plan)
    tasks = list(Task.objects.filter(process_id=process.pk).order_by("created", "pk"))
    events = PlanEvent.objects.filter(plan=plan).order_by("created_at", "pk")
    return {
        "plan": values(
            plan,
            skip={"employee_id", "created_at", "supervisor_id", "submitted_at", "approved_at", "rated_at"}
            | {"realisation_finished_at", "finished_at", "rated_by_id"},
        ),
        "plan_people": (role_of(plan.supervisor.user_id, plan) if plan.supervisor else None,),
        "process": values(process, skip={"plan_id", "process_ptr_id", "employee_id", "created", "finished"}),
        # the plan's period and employee, copied to its process (the overview counts overdue tasks through them)
        "process_keeps_plan": (process.period_id, process.employee_id) == (plan.period_id, plan.employee_id),
        "process_finished": process.finished is not None,
        "tasks": [task_row(task, plan) for task in tasks],
        "events": [(event.action, role_of(event.actor_id, plan), event.comment) for event in events],
    }


def opening_timeline(plan):
    """The order in which the rows of a freshly opened plan were stamped."""
    process = PlanProcess.objects.get(plan=plan)
    start, draft = Task.objects.filter(process_id=process.pk).order_by("pk")
    stamps = {
        "plan": plan.created_at,
        "process": process.created,
        "start started": start.started,
        "start created": start.created,
        "start finished": start.finished,
        "draft created": draft.created,
        "history": PlanEvent.objects.get(plan=plan).created_at,
    }
    return sorted(stamps, key=stamps.get)


def assert_one_complete_plan_each(period, employees):
    """Exactly one plan per employee, each with its process, a done start task and an open draft task: no orphans."""
    plans = Plan.objects.filter(period=period)
    assert sorted(plans.values_list("employee_id", flat=True)) == sorted(e.pk for e in employees)
    assert not plans.filter(process__isnull=True).exists()
    for plan in plans.select_related("process"):
        tasks = Task.objects.filter(process_id=plan.process.pk).order_by("pk")
        assert [(task.flow_task.name, task.status) for task in tasks] == [("start", "DONE"), ("draft", "ASSIGNED")]
    planned_processes = PlanProcess.objects.values("pk")
    assert not Process.objects.filter(flow_class="workflow/flows.PlanFlow").exclude(pk__in=planned_processes).exists()


@pytest.fixture
def dinkes_staff(other_agency):
    return [EmployeeFactory(agency=other_agency) for _ in range(3)]


# Equivalence with the engine -------------------------------------------------------------------------------------


def test_a_bulk_opened_plan_has_exactly_the_rows_of_an_engine_started_one(
    employee, colleague, agency, period, coordinator
):
    engine_plan = services.start_plan(employee=colleague, period=period, by=coordinator)

    opening.open_period(period=period, agency_ids=[agency.pk], by=coordinator)

    bulk_plan = Plan.objects.get(employee=employee, period=period)
    assert rows_of(bulk_plan) == rows_of(engine_plan)
    assert rows_of(bulk_plan)["tasks"][1]["owner"] == "employee"
    assert rows_of(bulk_plan)["process_keeps_plan"] and rows_of(engine_plan)["process_keeps_plan"]
    assert opening_timeline(bulk_plan) == opening_timeline(engine_plan)
    assert PlanEvent.objects.get(plan=bulk_plan).actor == coordinator


def test_a_bulk_opened_plan_moves_through_the_whole_flow_exactly_like_an_engine_started_one(
    employee, colleague, supervisor, agency, period, coordinator, supervisor_rhk, client_for
):
    engine_plan = services.start_plan(employee=colleague, period=period, by=coordinator)
    opening.open_period(period=period, agency_ids=[agency.pk], by=coordinator)
    bulk_plan = Plan.objects.get(employee=employee, period=period)
    boss = client_for(supervisor)

    for plan, person in ((bulk_plan, employee), (engine_plan, colleague)):
        me = client_for(person)
        draft_through_pages(me, plan, supervisor_rhk)
        approve_through_pages(me, boss, plan)
        realise_through_pages(me, plan)
        rate_through_pages(boss, plan, results="ABOVE", behaviour="ABOVE")

    bulk_rows, engine_rows = rows_of(bulk_plan), rows_of(engine_plan)
    assert bulk_rows == engine_rows
    assert bulk_rows["plan"]["stage"] == "done" and bulk_rows["process"]["status"] == "DONE"
    assert [task["flow_task"] for task in bulk_rows["tasks"]] == [
        "start",
        "draft",
        "review",
        "is_approved",
        "realisation",
        "is_revision_requested",
        "self_assessment",
        "rating",
        "needs_coaching",
        "end",
    ]


# Idempotence, resume, races ---------------------------------------------------------------------------------------


def test_opening_again_creates_nothing(employee, colleague, agency, period, coordinator):
    first = opening.open_period(period=period, agency_ids=[agency.pk], by=coordinator)
    rows = (Plan.objects.count(), Process.objects.count(), Task.objects.count(), PlanEvent.objects.count())

    second = opening.open_period(period=period, agency_ids=[agency.pk], by=coordinator)

    assert first.created == 4 and second.created == 0
    assert (second.status, second.done, second.total) == (OpeningStatus.DONE, 4, 4)
    assert rows == (Plan.objects.count(), Process.objects.count(), Task.objects.count(), PlanEvent.objects.count())


def test_an_opening_killed_halfway_is_completed_by_a_rerun_without_duplicates_or_orphans(
    employee, colleague, agency, period, monkeypatch
):
    staff = [EmployeeFactory(agency=agency, supervisor=employee.supervisor) for _ in range(3)]
    everyone = [employee.supervisor.supervisor, employee.supervisor, employee, colleague, *staff]
    real_create = opening.bulk.create_plans
    calls = []

    def crash_in_second_chunk(**kwargs):
        calls.append(len(kwargs["employees"]))
        real_create(**kwargs)
        if len(calls) == 2:
            raise RuntimeError("worker killed")

    monkeypatch.setattr(opening.bulk, "create_plans", crash_in_second_chunk)
    with pytest.raises(RuntimeError, match="worker killed"):
        opening.open_period(period=period, agency_ids=[agency.pk], by=None, chunk_size=3)

    killed = PeriodOpening.objects.get()
    assert (killed.status, killed.done, killed.created, killed.total) == (OpeningStatus.FAILED, 3, 3, 7)
    assert "worker killed" in killed.error
    assert_one_complete_plan_each(period, everyone[:3])

    monkeypatch.setattr(opening.bulk, "create_plans", real_create)
    resumed = opening.open_period(period=period, agency_ids=[agency.pk], by=None, chunk_size=3)

    assert resumed.pk == killed.pk
    assert (resumed.status, resumed.done, resumed.created, resumed.total) == (OpeningStatus.DONE, 7, 7, 7)
    assert resumed.finished_at is not None and resumed.error == ""
    assert_one_complete_plan_each(period, everyone)


def test_a_plan_started_by_someone_else_meanwhile_makes_the_chunk_retry_not_duplicate(
    employee, colleague, agency, period, monkeypatch
):
    """The employee list of a chunk was read before a single start committed: the unique constraint catches it."""
    real_create = opening.bulk.create_plans
    services.start_plan(employee=colleague, period=period)
    stale_reads = [(colleague.pk, colleague.user_id)]

    def with_a_stale_read(*, employees, **kwargs):
        real_create(employees=employees + [stale_reads.pop()] if stale_reads else employees, **kwargs)

    monkeypatch.setattr(opening.bulk, "create_plans", with_a_stale_read)
    result = opening.open_period(period=period, agency_ids=[agency.pk], by=None)

    assert not stale_reads
    assert (result.status, result.created, result.done) == (OpeningStatus.DONE, 3, 4)
    assert Plan.objects.filter(employee=colleague, period=period).count() == 1
    assert_one_complete_plan_each(period, [employee.supervisor.supervisor, employee.supervisor, employee, colleague])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_and_single_starts_racing_on_postgresql_leave_exactly_one_complete_plan_each():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers and has no row locks")
    agency, period = AgencyFactory(), PeriodFactory()
    staff = [EmployeeFactory(agency=agency) for _ in range(60)]
    barrier = threading.Barrier(3)

    def open_all():
        return opening.open_period(period=period, agency_ids=[agency.pk], by=None, chunk_size=7).status

    def start_some_one_by_one():
        return [services.start_plan(employee=employee, period=period).pk for employee in reversed(staff[::3])]

    def at_once(work):
        try:
            barrier.wait(timeout=10)
            return work()
        finally:
            connection.close()

    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(at_once, [open_all, open_all, start_some_one_by_one]))

    assert results[:2] == ["done", "done"] and len(results[2]) == 20
    assert_one_complete_plan_each(period, staff)
    finished = PeriodOpening.objects.get()
    assert (finished.status, finished.done, finished.total) == ("done", 60, 60)
    assert 40 <= finished.created <= 60  # the single starts took some; the two workers never counted one twice


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("staff_count", [61, 1])
def test_a_parallel_walk_on_postgresql_gives_everyone_one_complete_plan_with_exact_progress(staff_count):
    """Two ranges of employees walked at once on connections of their own (the default outside a transaction)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has one writer at a time, so openings walk on one connection there")
    agency, period = AgencyFactory(), PeriodFactory()
    staff = [EmployeeFactory(agency=agency) for _ in range(staff_count)]
    retired = EmployeeFactory(agency=agency, is_active=False)
    already = services.start_plan(employee=staff[0], period=period)
    threads, seen = set(), []

    def progress(current):
        threads.add(threading.current_thread().name)
        seen.append(current.done)

    result = opening.open_period(period=period, agency_ids=[agency.pk], by=None, chunk_size=7, on_progress=progress)

    assert opening.parallel_workers() == 2
    assert_one_complete_plan_each(period, staff)
    assert not Plan.objects.filter(employee=retired).exists()
    assert Plan.objects.get(employee=staff[0], period=period).pk == already.pk
    stored = PeriodOpening.objects.get(pk=result.pk)
    assert (stored.status, stored.total, stored.done) == ("done", staff_count, staff_count)
    assert stored.created == staff_count - 1
    assert max(seen) == staff_count  # each range reports the whole opening's count
    if staff_count > 1:
        assert len({name for name in threads if name.startswith("opening")}) == 2


# Who gets a plan, and the counts -----------------------------------------------------------------------------------


def test_only_active_employees_of_the_chosen_agencies_get_plans_and_heads_without_supervisor_too(
    employee, head, agency, other_agency, dinkes_staff, period
):
    retired = EmployeeFactory(agency=agency, supervisor=head, is_active=False)

    result = opening.open_period(period=period, agency_ids=[agency.pk], by=None)

    planned = set(Plan.objects.filter(period=period).values_list("employee_id", flat=True))
    assert planned == {head.pk, employee.supervisor_id, employee.pk}
    assert retired.pk not in planned and not planned & {e.pk for e in dinkes_staff}
    assert Task.objects.get(process__planprocess__plan__employee=head, status="ASSIGNED").owner == head.user
    assert (result.total, result.done, result.created) == (3, 3, 3)


def test_progress_is_committed_per_chunk_and_counts_existing_plans_as_done(employee, agency, period):
    staff = [EmployeeFactory(agency=agency) for _ in range(4)]
    services.start_plan(employee=staff[0], period=period)
    seen = []

    result = opening.open_period(
        period=period,
        agency_ids=[agency.pk],
        by=None,
        chunk_size=2,
        on_progress=lambda current: seen.append((current.done, current.total, current.created)),
    )

    # chunks of two employees by id (one of them planned already), a short last one, then the sweep finding nobody
    assert seen == [(3, 7, 2), (4, 7, 3), (6, 7, 5), (7, 7, 6), (7, 7, 6)]
    stored = PeriodOpening.objects.get(pk=result.pk)
    assert (stored.status, stored.done, stored.total, stored.created, stored.percent) == ("done", 7, 7, 6, 100)
    assert stored.started_at <= stored.finished_at


def test_the_number_of_queries_grows_with_chunks_not_with_employees(db):
    small, medium, large = AgencyFactory(), AgencyFactory(), AgencyFactory()
    for agency, count in ((small, 40), (medium, 40), (large, 120)):
        EmployeeFactory.create_batch(count, agency=agency)

    def queries_to_open(agencies, *, year, chunk_size=40):
        period = PeriodFactory(year=year)
        with CaptureQueriesContext(connection) as queries:
            result = opening.open_period(
                period=period, agency_ids=[agency.pk for agency in agencies], by=None, chunk_size=chunk_size
            )
        assert result.created == Plan.objects.filter(period=period).count() == result.total
        return len(queries)

    one_chunk = queries_to_open([small], year=2030)  # 40 employees
    two_chunks = queries_to_open([small, medium], year=2031)  # 80
    five_chunks = queries_to_open([small, medium, large], year=2032)  # 200

    per_chunk = two_chunks - one_chunk
    # per chunk: lock, the chunk's employees, their plans, 7 inserts, the owners' notifications, progress, savepoint
    # pair, FK check; around them: the claim, the counts, the employees' ids and the last sweep
    assert (one_chunk, per_chunk) == (36, 15)
    assert five_chunks == one_chunk + 4 * per_chunk
    in_one_chunk = queries_to_open([small], year=2033, chunk_size=1000)  # 40 employees in one (short) chunk
    assert queries_to_open([large], year=2034, chunk_size=1000) == in_one_chunk  # 120 employees in one chunk


# Permissions -------------------------------------------------------------------------------------------------------


@pytest.fixture
def dukcapil_coordinator(agency):
    user = UserFactory(username="dukcapil_coordinator")
    CoordinatorFactory(user=user, all_agencies=False).agencies.add(agency)
    return user


@pytest.mark.parametrize("person", ["employee", "supervisor", "head", "outsider"])
def test_people_who_do_not_coordinate_get_403_and_open_nothing(person, request, period, agency, client_for):
    client = client_for(request.getfixturevalue(person))
    url = reverse("workflow:period_open", args=[period.pk])

    assert client.get(url).status_code == 403
    assert client.post(url, {"agencies": [agency.pk], "late-decision": "keep"}).status_code == 403
    assert not Plan.objects.exists() and not PeriodOpening.objects.exists()


def test_a_coordinator_sees_and_opens_only_agencies_in_scope(
    dukcapil_coordinator, employee, agency, other_agency, dinkes_staff, period, client_for
):
    client = client_for(dukcapil_coordinator)
    url = reverse("workflow:period_open", args=[period.pk])

    page = client.get(url).content.decode()
    assert agency.name in page and other_agency.name not in page

    response = client.post(url, {"agencies": [agency.pk, other_agency.pk]})
    assert response.status_code == 200
    assert f"You cannot open periods for agency {other_agency.pk}" in response.content.decode()
    assert not PeriodOpening.objects.exists() and not Plan.objects.exists()

    with pytest.raises(PermissionDenied):
        opening.request_period_opening(period=period, agency_ids=[other_agency.pk], by=dukcapil_coordinator)
    with pytest.raises(PermissionDenied):
        opening.open_period(period=period, agency_ids=[agency.pk, other_agency.pk], by=dukcapil_coordinator)


def test_the_progress_page_of_an_opening_outside_ones_scope_is_404(
    dukcapil_coordinator, other_agency, dinkes_staff, period, admin_user, client_for
):
    started = opening.request_period_opening(period=period, agency_ids=[other_agency.pk], by=admin_user)
    url = reverse("workflow:period_opening", args=[period.pk, started.pk])

    assert client_for(dukcapil_coordinator).get(url).status_code == 404
    assert client_for(admin_user).get(url).status_code == 200
    assert (
        client_for(dukcapil_coordinator).get(reverse("workflow:period_opening", args=[period.pk, 999])).status_code
        == 404
    )


# Pages -------------------------------------------------------------------------------------------------------------


def test_the_period_list_links_each_period_to_its_opening_page(coordinator, period, client_for):
    page = client_for(coordinator).get(reverse("agencies:period_list")).content.decode()

    assert reverse("workflow:period_open", args=[period.pk]) in page


def test_only_annual_periods_are_offered_for_opening_and_a_quarter_warns_and_points_to_its_year(
    coordinator, period, client_for
):
    quarter = PeriodFactory(
        year=period.year,
        name=f"Triwulan II {period.year}",
        kind="quarterly",
        starts_on=datetime.date(period.year, 4, 1),
        ends_on=datetime.date(period.year, 6, 30),
        plan_due=datetime.date(period.year, 4, 15),
        evaluation_due=datetime.date(period.year, 7, 10),
    )
    client = client_for(coordinator)
    listing = client.get(reverse("agencies:period_list")).content.decode()
    assert reverse("workflow:period_open", args=[period.pk]) in listing
    assert reverse("workflow:period_open", args=[quarter.pk]) not in listing

    page = client.get(reverse("workflow:period_open", args=[quarter.pk])).content.decode()
    assert "This is a quarterly period." in page
    assert f'<a href="{reverse("workflow:period_open", args=[period.pk])}">Open {period.name} instead</a>' in page
    annual_page = client.get(reverse("workflow:period_open", args=[period.pk])).content.decode()
    assert "This is a" not in annual_page


def test_the_checklist_shows_active_employees_and_plans_per_agency(
    coordinator,
    employee,
    colleague,
    agency,
    other_agency,
    dinkes_staff,
    period,
    client_for,
    django_assert_max_num_queries,
):
    services.start_plan(employee=colleague, period=period)
    EmployeeFactory(agency=agency, is_active=False)

    client = client_for(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("workflow:period_open", args=[period.pk]))

    rows = {agency.pk: (agency.active_count, agency.planned_count) for agency in response.context["agencies"]}
    assert rows == {agency.pk: (4, 1), other_agency.pk: (3, 0)}
    assert response.context["selected"] == {agency.pk, other_agency.pk}


def test_a_coordinator_opens_a_period_and_watches_it_finish(
    coordinator, employee, agency, period, client_for, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workflow:period_open", args=[period.pk]), {"agencies": [agency.pk], "late-decision": "keep"}
        )

    started = PeriodOpening.objects.get()
    progress_url = reverse("workflow:period_opening", args=[period.pk, started.pk])
    assert response.status_code == 302 and response.url == progress_url
    assert (started.status, started.done, started.total, started.requested_by) == ("done", 3, 3, coordinator)
    assert_one_complete_plan_each(period, [employee.supervisor.supervisor, employee.supervisor, employee])

    page = client.get(progress_url).content.decode()
    assert "3 of 3 employees have a plan" in page and "3 plans created by this opening." in page
    assert 'hx-trigger="every 1s"' not in page and 'http-equiv="refresh"' not in page


def test_the_progress_page_polls_while_the_opening_is_queued_and_a_second_submit_shows_the_same_opening(
    coordinator, employee, agency, period, client_for
):
    client = client_for(coordinator)
    url = reverse("workflow:period_open", args=[period.pk])

    first = client.post(
        url, {"agencies": [agency.pk], "late-decision": "keep"}
    )  # the test transaction never commits: the task stays queued
    second = client.post(url, {"agencies": [agency.pk], "late-decision": "keep"})

    assert first.url == second.url
    queued = PeriodOpening.objects.get()
    assert queued.status == "queued" and not Plan.objects.exists()
    page = client.get(first.url).content.decode()
    assert 'hx-trigger="every 1s"' in page and '<meta http-equiv="refresh" content="2">' in page
    partial = client.get(first.url, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="opening-progress"') and "<html" not in partial
    assert 'hx-trigger="every 1s"' in partial and "Waiting for the background worker to start" in partial
    assert "already under way" in client.get(url).content.decode()


def test_a_failed_opening_offers_to_try_again_and_the_retry_finishes_it(
    coordinator, employee, agency, period, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    def crash(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(opening.bulk, "create_plans", crash)
    with pytest.raises(RuntimeError):
        opening.open_period(period=period, agency_ids=[agency.pk], by=coordinator)
    failed = PeriodOpening.objects.get()
    client = client_for(coordinator)

    page = client.get(reverse("workflow:period_opening", args=[period.pk, failed.pk])).content.decode()
    assert "The opening stopped before it was complete." in page and "database went away" in page
    assert 'hx-trigger="every 1s"' not in page

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workflow:period_open", args=[period.pk]), {"agencies": [agency.pk], "late-decision": "keep"}
        )

    assert response.url == reverse("workflow:period_opening", args=[period.pk, failed.pk])
    failed.refresh_from_db()
    assert (failed.status, failed.done, failed.total) == ("done", 3, 3)


def test_an_opening_whose_worker_was_killed_shows_as_stalled_and_a_retry_completes_it(
    coordinator, employee, agency, period, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    real_create = opening.bulk.create_plans

    def killed_in_second_chunk(**kwargs):
        if PeriodOpening.objects.get().created:
            raise SystemExit("SIGKILL")  # not an Exception: nothing in the worker gets to record a failure
        real_create(**kwargs)

    monkeypatch.setattr(opening.bulk, "create_plans", killed_in_second_chunk)
    with pytest.raises(SystemExit):
        opening.open_period(period=period, agency_ids=[agency.pk], by=coordinator, chunk_size=2)
    killed = PeriodOpening.objects.get()
    assert (killed.status, killed.done, killed.created) == ("running", 2, 2)
    client = client_for(coordinator)
    progress_url = reverse("workflow:period_opening", args=[period.pk, killed.pk])
    assert "no progress for a while" not in client.get(progress_url).content.decode()

    PeriodOpening.objects.update(heartbeat_at=killed.heartbeat_at - datetime.timedelta(minutes=3))  # time passes
    page = client.get(progress_url).content.decode()
    assert "no progress for a while" in page and "Try again" in page

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workflow:period_open", args=[period.pk]), {"agencies": [agency.pk], "late-decision": "keep"}
        )

    assert response.url == progress_url
    killed.refresh_from_db()
    assert (killed.status, killed.done, killed.total, killed.created) == ("done", 3, 3, 3)
    assert_one_complete_plan_each(period, [employee.supervisor.supervisor, employee.supervisor, employee])


def test_submitting_no_agency_re_renders_the_checklist_with_an_error(coordinator, agency, period, client_for):
    response = client_for(coordinator).post(reverse("workflow:period_open", args=[period.pk]), {})

    assert response.status_code == 200
    assert "Choose at least one agency." in response.content.decode()
    assert not PeriodOpening.objects.exists()


def test_an_unknown_period_is_404(coordinator, client_for):
    assert client_for(coordinator).get(reverse("workflow:period_open", args=[999])).status_code == 404


# Management command ------------------------------------------------------------------------------------------------


def test_the_command_opens_the_named_agencies_and_prints_progress_and_time(
    employee, agency, other_agency, dinkes_staff, period
):
    out = io.StringIO()

    call_command("open_period", str(period.pk), "--agency", agency.code, "--chunk-size", "2", stdout=out)

    output = out.getvalue()
    assert "2 of 3 employees have a plan (2 created" in output and "3 of 3 employees have a plan" in output
    assert "Done in" in output and "3 plans created" in output
    assert Plan.objects.filter(period=period).count() == 3


def test_the_command_opens_every_agency_with_all_and_refuses_unknown_codes(employee, dinkes_staff, period):
    with pytest.raises(CommandError, match="NOPE"):
        call_command("open_period", str(period.pk), "--agency", "NOPE", stdout=io.StringIO())
    with pytest.raises(CommandError, match="no period"):
        call_command("open_period", "999", "--all", stdout=io.StringIO())

    call_command("open_period", str(period.pk), "--all", stdout=io.StringIO())

    assert Plan.objects.filter(period=period).count() == 3 + 3


# Periods that no longer accept plans --------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["evaluating", "closed"])
def test_a_period_in_evaluation_or_closed_cannot_be_opened_by_any_route(
    status, employee, agency, coordinator, client_for
):
    period = PeriodFactory(year=2025, status=status)

    assert "Open for agencies" not in client_for(coordinator).get(reverse("agencies:period_list")).content.decode()
    response = client_for(coordinator).post(
        reverse("workflow:period_open", args=[period.pk]), {"agencies": [agency.pk]}, follow=True
    )
    assert "can no longer be opened" in response.content.decode()
    with pytest.raises(Exception, match="can no longer be opened"):
        opening.open_period(period=period, agency_ids=[agency.pk], by=coordinator)
    with pytest.raises(CommandError, match="can no longer be opened"):
        call_command("open_period", str(period.pk), "--all", stdout=io.StringIO())
    assert not Plan.objects.filter(period=period).exists()
    assert not PeriodOpening.objects.filter(period=period).exists()


def test_whether_an_employee_has_a_plan_is_one_index_probe_not_a_read_of_the_periods_plans(db):
    agency = AgencyFactory()
    EmployeeFactory.create_batch(3, agency=agency)
    period = PeriodFactory(year=2035)
    # The period already holds many plans of another agency, with statistics that say so: with a handful of rows,
    # PostgreSQL may as well read the period's plans, which is what a province's opening must not do.
    crowded = AgencyFactory()
    EmployeeFactory.create_batch(200, agency=crowded)
    opening.open_period(period=period, agency_ids=[crowded.pk], by=None)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE workflow_plan")
    with CaptureQueriesContext(connection) as captured:
        opening.open_period(period=period, agency_ids=[agency.pk], by=None)
    checks = [
        query["sql"]
        for query in captured.captured_queries
        if 'EXISTS(SELECT 1 AS "a" FROM "workflow_plan"' in query["sql"]
    ]
    assert checks  # the progress count and the choice of who still needs a plan

    with connection.cursor() as cursor:
        for check in checks:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL enable_seqscan = off")  # a test's few rows would be read whole anyway
                cursor.execute("SET LOCAL enable_bitmapscan = off")
                cursor.execute("EXPLAIN " + check)
            else:
                cursor.execute("EXPLAIN QUERY PLAN " + check)
            plan = " ".join(str(cell) for row in cursor.fetchall() for cell in row)
            # Either index on the employee is a probe of their own few plans; PostgreSQL picks by its statistics.
            by_employee = "plan_employee_period_idx" in plan or "Index Cond: (employee_id = " in plan
            assert by_employee, plan
