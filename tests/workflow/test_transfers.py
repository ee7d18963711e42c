"""A change of supervisor or agency mid-period, from the people import, the API's employee batch or the admin: the
running plan continues with the new supervisor (the old one keeps reading what they decided), or, at a move to
another agency, is closed for the months served and a new plan opens there, linked to it; a repeat changes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS

from tests.factories import EmployeeFactory, UserFactory
from tests.workflow.conftest import open_task, record_realisation_with_evidence
from workflow import services
from workflow.models import OPEN_STATUSES, Action, Plan, PlanEvent, Stage

COLUMNS = "nip,name,position_title,agency_code,unit_code,supervisor_nip"


@pytest.fixture
def new_supervisor(agency, unit, head):
    return EmployeeFactory(
        user__username="new_supervisor", name="Rina Marlina", agency=agency, unit=unit, supervisor=head
    )


@pytest.fixture
def in_review(filled_plan, employee):
    return services.submit_plan(plan=filled_plan, by=employee.user)


@pytest.fixture
def approved(in_review, supervisor, client_for):
    task = open_task(in_review, "review")
    url = reverse("workflow:task_detail", args=[in_review.pk, task.pk])
    assert client_for(supervisor).post(url, {"decision": "approve", "comment": ""}).status_code == 302
    in_review.refresh_from_db()
    assert in_review.stage == Stage.REALISATION
    return in_review


def import_row(tmp_path, employee, *, agency_code=None, unit_code=None, supervisor_nip=None):
    row = [
        employee.nip,
        employee.name,
        employee.position_title,
        agency_code or employee.agency.code,
        employee.unit.code if unit_code is None and employee.unit else (unit_code or ""),
        supervisor_nip if supervisor_nip is not None else (employee.supervisor.nip if employee.supervisor else ""),
    ]
    path = tmp_path / "people.csv"
    path.write_text(f"{COLUMNS}\n{','.join(row)}\n", encoding="utf-8")
    call_command("import_people", "employees", str(path), stdout=io.StringIO())


def history(plan, action):
    return list(PlanEvent.objects.filter(plan=plan, action=action))


def test_an_imported_new_supervisor_takes_over_the_open_review(in_review, employee, supervisor, new_supervisor,
                                                             tmp_path, client_for):  # fmt: skip
    import_row(tmp_path, employee, supervisor_nip=new_supervisor.nip)
    in_review.refresh_from_db()
    task = open_task(in_review, "review")
    assert task.owner == new_supervisor.user and in_review.supervisor == new_supervisor
    [event] = history(in_review, Action.SUPERVISOR_CHANGED)
    assert event.shown_comment == "From Siti Rahayu to Rina Marlina"
    url = reverse("workflow:task_detail", args=[in_review.pk, task.pk])
    # The old supervisor decided nothing on this plan: it is no longer theirs to see.
    assert client_for(supervisor).get(reverse("workflow:plan_detail", args=[in_review.pk])).status_code == 404
    assert client_for(new_supervisor).post(url, {"decision": "approve", "comment": ""}).status_code == 302
    assert PlanEvent.objects.get(plan=in_review, action=Action.APPROVED).actor == new_supervisor.user
    # A repeat of the same file changes nothing.
    import_row(tmp_path, employee, supervisor_nip=new_supervisor.nip)
    assert len(history(in_review, Action.SUPERVISOR_CHANGED)) == 1


def test_the_old_supervisor_keeps_reading_what_they_approved(approved, employee, supervisor, new_supervisor,
                                                            colleague, tmp_path, client_for):  # fmt: skip
    import_row(tmp_path, employee, supervisor_nip=new_supervisor.nip)
    approved.refresh_from_db()
    assert approved.supervisor == new_supervisor and history(approved, Action.SUPERVISOR_CHANGED)
    page = reverse("workflow:plan_detail", args=[approved.pk])
    assert client_for(supervisor).get(page).status_code == 200
    assert client_for(colleague).get(page).status_code == 404
    # The rating later falls to the new supervisor.
    record_realisation_with_evidence(approved, employee)
    services.finish_realisation(plan=approved, by=employee.user)
    services.submit_self_assessment(plan=approved, by=employee.user, results_rating="AS_EXPECTED", summary="Tercapai")
    assert open_task(approved, "rating").owner == new_supervisor.user


def test_the_api_batch_with_a_new_supervisor_moves_the_plan(in_review, employee, new_supervisor, admin_user):
    from django.test import Client

    from api import services as api_services

    _token, raw = api_services.create_service_account(
        name="SIMPEG", scopes=["people:write"], agencies=[employee.agency], by=admin_user
    )
    row = {
        "nip": employee.nip,
        "name": employee.name,
        "position_title": employee.position_title,
        "agency_code": employee.agency.code,
        "unit_code": employee.unit.code,
        "supervisor_nip": new_supervisor.nip,
    }
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    response = client.post("/api/v1/employees/batch/", {"employees": [row]}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert open_task(in_review, "review").owner == new_supervisor.user
    repeat = client.post("/api/v1/employees/batch/", {"employees": [row]}, content_type="application/json").json()
    assert repeat["unchanged"] == 1
    assert len(history(in_review, Action.SUPERVISOR_CHANGED)) == 1


def test_a_move_to_another_agency_closes_the_plan_and_opens_one_there(approved, employee, other_agency, tmp_path,
                                                                      client_for):  # fmt: skip
    boss = EmployeeFactory(user__username="dinkes_boss", name="Dewi Lestari", agency=other_agency)
    import_row(tmp_path, employee, agency_code=other_agency.code, unit_code="", supervisor_nip=boss.nip)
    approved.refresh_from_db()
    assert approved.stage == Stage.DONE and approved.ended_on == timezone.localdate() - datetime.timedelta(days=1)
    assert approved.ended_agency.code == "DUKCAPIL"
    assert not Task.objects.filter(process__planprocess__plan=approved, status__in=OPEN_STATUSES).exists()
    assert approved.process.status == PROCESS.DONE
    assert history(approved, Action.TRANSFERRED_OUT)
    new_plan = Plan.objects.get(employee=employee, ended_on__isnull=True)
    assert new_plan.period == approved.period and new_plan.previous_plan == approved
    assert new_plan.stage == Stage.DRAFT and open_task(new_plan, "draft").owner == employee.user
    assert history(new_plan, Action.TRANSFERRED_IN)
    client = client_for(employee)
    page = client.get(reverse("workflow:plan_detail", args=[new_plan.pk])).content.decode()
    assert 'id="transfer-previous"' in page and reverse("workflow:plan_detail", args=[approved.pk]) in page
    old_page = client.get(reverse("workflow:plan_detail", args=[approved.pk])).content.decode()
    assert 'id="transfer-closed"' in old_page and reverse("workflow:plan_detail", args=[new_plan.pk]) in old_page
    # The new supervisor sees both plans of the year; the old supervisor still reads what they approved.
    for person in (boss, approved.supervisor):
        assert client_for(person).get(reverse("workflow:plan_detail", args=[approved.pk])).status_code == 200
    assert client_for(boss).get(reverse("workflow:plan_detail", args=[new_plan.pk])).status_code == 200
    # A repeat import changes nothing.
    import_row(tmp_path, employee, agency_code=other_agency.code, unit_code="", supervisor_nip=boss.nip)
    assert Plan.objects.filter(employee=employee).count() == 2
    assert len(history(approved, Action.TRANSFERRED_OUT)) == 1


def test_a_draft_moves_to_the_new_supervisor_at_submission_only(plan, employee, new_supervisor, tmp_path):
    import_row(tmp_path, employee, supervisor_nip=new_supervisor.nip)
    plan.refresh_from_db()
    assert plan.supervisor is None and not history(plan, Action.SUPERVISOR_CHANGED)


def test_the_admin_change_of_supervisor_triggers_the_rule(in_review, employee, new_supervisor, client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    url = reverse("admin:agencies_employee_change", args=[employee.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(supervisor=new_supervisor.pk, user=employee.user_id, agency=employee.agency_id, unit=employee.unit_id)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert open_task(in_review, "review").owner == new_supervisor.user
    assert history(in_review, Action.SUPERVISOR_CHANGED)[0].actor.username == "root"


def test_the_coordinators_board_counts_the_moved_employee_once(approved, employee, other_agency, tmp_path,
                                                              coordinator, client_for):  # fmt: skip
    from workflow.selectors import plan_progress_by_agency

    boss = EmployeeFactory(user__username="dinkes_boss", name="Dewi Lestari", agency=other_agency)
    import_row(tmp_path, employee, agency_code=other_agency.code, unit_code="", supervisor_nip=boss.nip)
    progress = plan_progress_by_agency(period=approved.period, agency_ids=[other_agency.pk])[other_agency.pk]
    assert progress["plans"] == 1 and progress["by_stage"][Stage.DRAFT] == 1 and progress["not_started"] == 1
