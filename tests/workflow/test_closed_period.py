"""A closed period freezes its plans: every change is refused (403 with a clear message, nothing saved), the controls
are gone from the pages, the inbox no longer offers their steps, and reading (page, evidence, PDFs) stays open."""

import pytest
from django.urls import reverse

from tests.factories import IndicatorFactory
from tests.workflow.conftest import advance, open_task, record_realisation_with_evidence
from tests.workflow.test_permissions import client_as, edit_requests
from workflow import permissions, services
from workflow.models import PlanEvent, Realisation

CLOSED_MESSAGE = "is closed: this plan can no longer be changed"


def close(period):
    period.status = "closed"
    period.save(update_fields=["status"])


# Each step's actor and a valid submission: what would move the plan if the period were open.
STEPS = {
    "draft": ("employee", {}),
    "review": ("supervisor", {"decision": "approve", "comment": ""}),
    "realisation": ("employee", {"decision": "revise", "reason": "Target berubah"}),
    "self_assessment": ("employee", {"results_rating": "AS_EXPECTED", "summary": "Tercapai"}),
    "rating": ("supervisor", None),  # built per plan: one rating per RHK
    "coaching": (
        "supervisor",
        {"kind": "bimbingan", "problems": "p", "agreed_actions": "a", "due_on": "2027-03-01"},
    ),
    "acknowledge": ("employee", {"note": "Siap"}),
    "close_coaching": ("supervisor", {"outcome": "Membaik"}),
}


@pytest.mark.parametrize("step", list(STEPS))
def test_no_step_of_a_plan_in_a_closed_period_can_be_taken(filled_plan, employee, supervisor, period, people, step):
    plan = advance(filled_plan, step, employee, supervisor)
    task = open_task(plan, step)
    actor, data = STEPS[step]
    if data is None:
        result = plan.results.get()
        data = {f"rhk_{result.pk}": "ABOVE", "results_rating": "ABOVE", "behaviour_rating": "ABOVE"}
    close(period)
    stage, events = plan.stage, PlanEvent.objects.filter(plan=plan).count()
    client = client_as(people[actor])
    url = reverse("workflow:task_detail", args=[plan.pk, task.pk])

    for response in (client.get(url), client.post(url, data)):
        assert response.status_code == 403
        assert CLOSED_MESSAGE in response.content.decode()
    plan.refresh_from_db()
    assert plan.stage == stage and open_task(plan, step).pk == task.pk
    assert PlanEvent.objects.filter(plan=plan).count() == events


def test_the_services_refuse_a_step_of_a_closed_period_too(filled_plan, employee, period):
    close(period)
    with pytest.raises(permissions.PlanClosed):
        services.submit_plan(plan=filled_plan, by=employee.user)
    assert open_task(filled_plan, "draft") is not None


def test_a_draft_of_a_closed_period_is_not_edited_by_its_owner_nor_given_expectations(filled_plan, period, people):
    close(period)
    owner = client_as(people["employee"])
    for method, url, data in edit_requests(filled_plan):
        response = getattr(owner, method)(url, data)
        assert response.status_code == 403 and CLOSED_MESSAGE in response.content.decode(), url
    assert filled_plan.results.count() == 1 and filled_plan.results.get().indicators.count() == 1
    url = reverse("workflow:expectations_edit", args=[filled_plan.pk])
    response = client_as(people["supervisor"]).post(url, {"service": "Ramah"})
    assert response.status_code == 403 and not filled_plan.expectations.exists()


@pytest.fixture
def closed_running_plan(filled_plan, employee, supervisor, period):
    plan = advance(filled_plan, "realisation", employee, supervisor)
    record_realisation_with_evidence(plan, employee)
    close(period)
    return plan


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("employee", 403),
        ("supervisor", 403),
        ("head", 403),
        ("coordinator", 403),
        ("administrator", 403),
        ("colleague", 404),
        ("outsider", 404),
    ],
)
def test_nothing_is_recorded_on_a_running_plan_of_a_closed_period(closed_running_plan, people, persona, expected):
    plan = closed_running_plan
    indicator = plan.results.get().indicators.get()
    client = client_as(people[persona])
    requests = [
        (reverse("workflow:realisation_add", args=[plan.pk, indicator.pk]), {"value": "3"}),
        (reverse("workflow:feedback_add", args=[plan.pk]), {"text": "Catatan"}),
        (reverse("workflow:reassign", args=[plan.pk]), {"reason": "Cuti"}),
    ]
    for url, data in requests:
        response = client.post(url, data)
        assert response.status_code == expected, url
    assert Realisation.objects.filter(indicator=indicator).count() == 1
    assert not plan.feedback.exists() and open_task(plan, "realisation").owner == people["employee"]


def test_no_coaching_session_is_recorded_once_the_period_is_closed(
    filled_plan, employee, supervisor, period, client_for
):
    plan = advance(filled_plan, "acknowledge", employee, supervisor)
    close(period)
    url = reverse("workflow:session_add", args=[plan.pk])
    response = client_for(supervisor).post(url, {"held_on": "2027-01-05", "notes": "Sesi pertama"})
    assert response.status_code == 403 and CLOSED_MESSAGE in response.content.decode()
    assert not plan.coaching.sessions.exists()


@pytest.mark.parametrize("persona", ["employee", "supervisor", "head", "coordinator", "administrator"])
def test_a_closed_plan_is_still_read_with_its_evidence_and_documents(closed_running_plan, people, persona):
    plan = closed_running_plan
    evidence = plan.results.get().indicators.get().realisations.get().evidence.get()
    client = client_as(people[persona])
    for url in (
        reverse("workflow:plan_detail", args=[plan.pk]),
        reverse("workflow:plan_chart", args=[plan.pk]),
        reverse("workflow:evidence_download", args=[plan.pk, evidence.pk]),
        reverse("workflow:plan_skp_pdf", args=[plan.pk]),
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["employee", "supervisor", "coordinator"])
def test_the_plan_page_of_a_closed_period_offers_no_change(closed_running_plan, people, persona):
    plan = closed_running_plan
    indicator = plan.results.get().indicators.get()
    page = client_as(people[persona]).get(reverse("workflow:plan_detail", args=[plan.pk])).content.decode()
    assert CLOSED_MESSAGE in page and "Left unfinished: Report realisation." in page
    for name, args in [
        ("realisation_add", [plan.pk, indicator.pk]),
        ("feedback_add", [plan.pk]),
        ("reassign", [plan.pk]),
        ("task_detail", [plan.pk, open_task(plan, "realisation").pk]),
    ]:
        assert reverse(f"workflow:{name}", args=args) not in page, name
    assert reverse("workflow:plan_skp_pdf", args=[plan.pk]) in page


def test_the_inbox_leaves_out_steps_of_a_closed_period(filled_plan, employee, supervisor, period, client_for):
    services.submit_plan(plan=filled_plan, by=employee.user)
    client = client_for(supervisor)
    assert "Review the plan" in client.get(reverse("workflow:inbox")).content.decode()
    assert 'aria-label="1 open task"' in client.get("/").content.decode()
    close(period)
    page = client.get(reverse("workflow:inbox")).content.decode()
    assert "Review the plan" not in page and "No plan (SKP) task right now." in page
    assert "open task" not in client.get("/").content.decode()
    assert open_task(filled_plan, "review").owner == supervisor.user  # kept, not cancelled


def test_a_coordinator_is_not_asked_to_assign_a_reviewer_in_a_closed_period(
    head, agency, period, coordinator, client_for
):
    plan = services.start_plan(employee=head, period=period)
    result = services.add_result(
        plan=plan, by=head.user, text="Layanan", supports_indicator=IndicatorFactory(agency=agency)
    )
    services.add_indicator(result=result, by=head.user, description="Waktu", target_value=3, target_unit="hari")
    services.submit_plan(plan=plan, by=head.user)
    assert "Waiting for a reviewer" in client_for(coordinator).get(reverse("workflow:inbox")).content.decode()
    close(period)
    assert "Waiting for a reviewer" not in client_for(coordinator).get(reverse("workflow:inbox")).content.decode()
