"""Acting officials (Plt/Plh): the holder's open supervisor tasks go to the acting official on the start date and
come back on the end date (both in each plan's history); the acting official acts and rates on behalf of the
position; only a coordinator of the agency appoints."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from common.dates import long_date
from tests.factories import CoordinatorFactory, EmployeeFactory, UserFactory
from tests.workflow.conftest import advance, open_task
from workflow import services
from workflow.acting.services import appoint_acting, sync_acting
from workflow.models import ActingAppointment, Action, PlanEvent


def local_today():
    # Read at each use, not at import: a suite that runs across midnight (Asia/Jakarta) would otherwise test yesterday.
    return timezone.localdate()


URL = reverse("workflow:acting_list")


@pytest.fixture
def deputy(agency, unit, head):
    return EmployeeFactory(user__username="deputy", name="Wati Susanti", agency=agency, unit=unit, supervisor=head)


@pytest.fixture
def in_review(filled_plan, employee):
    return services.submit_plan(plan=filled_plan, by=employee.user)


def appoint(client, holder, acting, starts_on=None, ends_on=None):
    starts_on = starts_on or local_today()
    ends_on = ends_on or local_today() + datetime.timedelta(days=7)
    data = {"holder": holder.pk, "acting": acting.pk, "kind": "plh", "starts_on": starts_on, "ends_on": ends_on}
    return client.post(URL, {**data, "reason": "Cuti tahunan"})


def test_appointing_hands_the_open_review_to_the_acting_official_who_approves_it(
    in_review, supervisor, deputy, coordinator, client_for
):
    assert appoint(client_for(coordinator), supervisor, deputy).status_code == 302
    task = open_task(in_review, "review")
    in_review.refresh_from_db()
    assert task.owner == deputy.user and in_review.supervisor == deputy
    event = PlanEvent.objects.filter(plan=in_review, action=Action.REASSIGNED).get()
    starts, ends = long_date(local_today()), long_date(local_today() + datetime.timedelta(days=7))
    assert event.shown_comment == f"Review the plan: to Wati Susanti, Plh for Siti Rahayu from {starts} to {ends}."
    url = reverse("workflow:task_detail", args=[in_review.pk, task.pk])
    assert client_for(supervisor).get(url).status_code == 404  # no longer the holder's task
    response = client_for(deputy).post(url, {"decision": "approve", "comment": ""})
    assert response.status_code == 302
    assert PlanEvent.objects.get(plan=in_review, action=Action.APPROVED).actor == deputy.user


def test_ending_returns_what_is_still_open_to_the_holder(in_review, supervisor, deputy, coordinator, client_for):
    client = client_for(coordinator)
    appoint(client, supervisor, deputy)
    appointment = ActingAppointment.objects.get()
    assert client.post(reverse("workflow:acting_end", args=[appointment.pk])).status_code == 302
    in_review.refresh_from_db()
    assert open_task(in_review, "review").owner == supervisor.user and in_review.supervisor == supervisor
    comments = [event.shown_comment for event in PlanEvent.objects.filter(plan=in_review, action=Action.REASSIGNED)]
    assert len(comments) == 2
    assert comments[1] == "Review the plan: back to Siti Rahayu at the end of Wati Susanti's appointment as Plh."
    appointment.refresh_from_db()
    assert appointment.returned_at is not None and appointment.ends_on <= local_today()
    # A second click is harmless.
    client.post(reverse("workflow:acting_end", args=[appointment.pk]))
    assert PlanEvent.objects.filter(plan=in_review, action=Action.REASSIGNED).count() == 2


def test_the_dates_drive_the_moves_and_the_daily_command_sweeps_new_tasks(
    filled_plan, employee, supervisor, deputy, coordinator
):
    tomorrow, later = local_today() + datetime.timedelta(days=1), local_today() + datetime.timedelta(days=3)
    appoint_acting(
        by=coordinator, holder=supervisor, acting=deputy, kind="plt", starts_on=tomorrow, ends_on=later, reason="x"
    )
    services.submit_plan(plan=filled_plan, by=employee.user)  # arrives while the appointment is only planned
    call_command("sync_acting")
    assert open_task(filled_plan, "review").owner == supervisor.user
    assert sync_acting(today=tomorrow) == {"handed_over": 1, "returned": 0}
    assert open_task(filled_plan, "review").owner == deputy.user
    assert sync_acting(today=tomorrow) == {"handed_over": 0, "returned": 0}  # idempotent
    assert sync_acting(today=later + datetime.timedelta(days=1)) == {"handed_over": 0, "returned": 1}
    assert open_task(filled_plan, "review").owner == supervisor.user


def test_the_acting_official_rates_on_behalf_of_the_position(filled_plan, employee, supervisor, deputy, coordinator):
    plan = advance(filled_plan, "rating", employee, supervisor)
    appoint_acting(
        by=coordinator,
        holder=supervisor,
        acting=deputy,
        kind="plt",
        starts_on=local_today(),
        ends_on=local_today(),
        reason="x",
    )
    rated = services.rate_plan(
        plan=plan,
        by=deputy.user,
        results_rating="AS_EXPECTED",
        behaviour_rating="AS_EXPECTED",
        result_ratings={plan.results.get().pk: ("AS_EXPECTED", "")},
    )
    assert rated.rated_by == deputy and rated.predikat == "BAIK"


def test_only_a_coordinator_of_the_agency_appoints(
    in_review, supervisor, deputy, employee, other_agency, coordinator, client_for
):
    for person in (employee, supervisor):
        assert client_for(person).get(URL).status_code == 403
        assert appoint(client_for(person), supervisor, deputy).status_code == 403
    elsewhere = UserFactory(username="coordinator_elsewhere")
    CoordinatorFactory(user=elsewhere, all_agencies=False).agencies.add(other_agency)
    response = appoint(client_for(elsewhere), supervisor, deputy)
    assert response.status_code == 200 and not ActingAppointment.objects.exists()
    appoint(client_for(coordinator), supervisor, deputy)
    appointment = ActingAppointment.objects.get()
    assert client_for(elsewhere).post(reverse("workflow:acting_end", args=[appointment.pk])).status_code == 404
    assert open_task(in_review, "review").owner == deputy.user


def test_bad_dates_and_self_acting_are_refused(supervisor, deputy, coordinator, client_for):
    client = client_for(coordinator)
    response = appoint(client, supervisor, deputy, ends_on=local_today() - datetime.timedelta(days=1))
    assert response.status_code == 200 and b"before the start date" in response.content
    response = appoint(client, supervisor, supervisor)
    assert response.status_code == 200 and b"someone other than the holder" in response.content
    assert not ActingAppointment.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_daily_job_hands_over_an_appointment_whose_day_has_come_and_queues_the_next_day(
    in_review, supervisor, deputy, coordinator, client_for, settings
):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert (
        appoint(
            client_for(coordinator), supervisor, deputy, starts_on=local_today() + datetime.timedelta(days=1)
        ).status_code
        == 302
    )
    assert open_task(in_review, "review").owner == supervisor.user  # planned: nothing moves before its day
    ActingAppointment.objects.update(starts_on=local_today())  # the day has come
    call_command("sync_acting", "--schedule", stdout=io.StringIO())
    waiting = DBTaskResult.objects.filter(task_path="workflow.tasks.sync_acting_daily", status=TaskResultStatus.READY)
    waiting.update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    first = waiting.get()

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", stdout=io.StringIO())

    first.refresh_from_db()
    assert first.status == TaskResultStatus.SUCCESSFUL and first.return_value["handed_over"] == 1
    assert open_task(in_review, "review").owner == deputy.user
    following = waiting.get()
    assert following.run_after.astimezone(timezone.get_current_timezone()).time() == datetime.time(0, 15)
