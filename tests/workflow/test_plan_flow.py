"""PlanFlow end to end through the pages, as the assigned people: every branch of the graph."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from viewflow.workflow.models import Process, Task

from tests.workflow.conftest import open_task
from workflow.models import Action, Plan, PlanEvent

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def task_url(plan, name):
    task = open_task(plan, name)
    assert task is not None, f"no open {name} task"
    return reverse("workflow:task_detail", args=[plan.pk, task.pk])


def plan_url(plan):
    return reverse("workflow:plan_detail", args=[plan.pk])


def stage_of(plan):
    return Plan.objects.get(pk=plan.pk).stage


def draft_through_pages(client, plan, supervisor_rhk):
    response = client.post(
        reverse("workflow:result_add", args=[plan.pk]),
        {"kind": "main", "text": "Terbitnya KTP-el tepat waktu", "supports": supervisor_rhk.pk},
    )
    assert response.status_code == 302
    result = plan.results.get()
    response = client.post(
        reverse("workflow:indicator_add", args=[plan.pk, result.pk]),
        {"aspect": "quantity", "description": "KTP-el terbit", "target_value": "500", "target_unit": "dokumen"},
    )
    assert response.status_code == 302
    return result


def approve_through_pages(employee_client, supervisor_client, plan):
    assert employee_client.post(task_url(plan, "draft")).status_code == 302
    response = supervisor_client.post(task_url(plan, "review"), {"decision": "approve", "comment": ""})
    assert response.status_code == 302
    assert stage_of(plan) == "realisation"


def realise_through_pages(client, plan):
    indicator = plan.results.get().indicators.get()
    upload = SimpleUploadedFile("laporan.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("workflow:realisation_add", args=[plan.pk, indicator.pk]),
        {"value": "480", "description": "KTP-el terbit", "obstacles": "Blangko terlambat", "files": [upload]},
    )
    assert response.status_code == 302
    assert client.post(task_url(plan, "realisation"), {"decision": "finish"}).status_code == 302
    response = client.post(
        task_url(plan, "self_assessment"), {"results_rating": "AS_EXPECTED", "summary": "Target hampir tercapai."}
    )
    assert response.status_code == 302
    assert stage_of(plan) == "rating"


def rate_through_pages(client, plan, results, behaviour):
    result = plan.results.get()
    data = {
        f"rhk_{result.pk}": results,
        f"rhk_{result.pk}_comment": "",
        "results_rating": results,
        "results_comment": "Sesuai bukti.",
        "behaviour_rating": behaviour,
        "behaviour_comment": "",
    }
    url = task_url(plan, "rating")
    response = client.post(url, data)  # the first submission only shows the outcome, for confirmation
    assert response.status_code == 200 and 'id="rating-confirm"' in response.content.decode()
    assert stage_of(plan) == "rating"
    response = client.post(url, {**data, "confirm": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_the_coaching_branch_runs_from_draft_to_done_with_two_returns(
    plan, employee, supervisor, supervisor_rhk, client_for
):
    me, boss = client_for(employee), client_for(supervisor)
    draft_through_pages(me, plan, supervisor_rhk)

    for round_number in (1, 2):
        assert me.post(task_url(plan, "draft")).status_code == 302
        assert stage_of(plan) == "review"
        assert boss.get(task_url(plan, "review")).status_code == 200
        comment = f"Perjelas target, putaran {round_number}"
        response = boss.post(task_url(plan, "review"), {"decision": "return", "comment": comment})
        assert response.status_code == 302
        assert stage_of(plan) == "draft"
        assert open_task(plan, "draft").owner == employee.user
        assert comment in me.get(plan_url(plan)).content.decode()

    approve_through_pages(me, boss, plan)
    realise_through_pages(me, plan)
    rate_through_pages(boss, plan, results="BELOW", behaviour="AS_EXPECTED")
    plan.refresh_from_db()
    assert (plan.predikat, plan.stage) == ("BUTUH_PERBAIKAN", "coaching")

    response = boss.post(
        task_url(plan, "coaching"),
        {"kind": "bimbingan", "problems": "Target KTP-el", "agreed_actions": "Jadwal harian", "due_on": "2027-03-31"},
    )
    assert response.status_code == 302
    assert me.post(task_url(plan, "acknowledge"), {"note": "Saya setuju"}).status_code == 302
    response = boss.post(
        reverse("workflow:session_add", args=[plan.pk]), {"held_on": "2027-02-01", "notes": "Sesi pertama"}
    )
    assert response.status_code == 302
    assert boss.post(task_url(plan, "close_coaching"), {"outcome": "Membaik"}).status_code == 302

    plan.refresh_from_db()
    assert plan.stage == "done" and plan.finished_at is not None
    assert plan.coaching.sessions.count() == 1 and plan.coaching.acknowledged_at is not None
    assert Process.objects.get(pk=plan.process.pk).status == "DONE"
    assert not Task.objects.filter(process=plan.process.pk, status__in=["NEW", "ASSIGNED", "STARTED"]).exists()
    actions = list(PlanEvent.objects.filter(plan=plan).values_list("action", flat=True))
    assert actions.count(Action.RETURNED) == 2 and actions.count(Action.SUBMITTED) == 3
    assert actions[-1] == Action.COACHING_CLOSED
    page = me.get(plan_url(plan)).content.decode()
    assert "Needs improvement" in page and "Sesi pertama" in page and "laporan.pdf" in page


def test_the_no_coaching_branch_ends_right_after_rating(plan, employee, supervisor, supervisor_rhk, client_for):
    me, boss = client_for(employee), client_for(supervisor)
    draft_through_pages(me, plan, supervisor_rhk)
    approve_through_pages(me, boss, plan)
    realise_through_pages(me, plan)
    rate_through_pages(boss, plan, results="ABOVE", behaviour="ABOVE")

    plan.refresh_from_db()
    assert (plan.predikat, plan.stage) == ("SANGAT_BAIK", "done")
    assert Process.objects.get(pk=plan.process.pk).status == "DONE"
    assert plan.results.get().rating.rating == "ABOVE"
    assert not hasattr(plan, "coaching") or not plan.coaching


def test_a_revision_request_sends_an_approved_plan_back_through_draft_and_review(
    plan, employee, supervisor, supervisor_rhk, client_for
):
    me, boss = client_for(employee), client_for(supervisor)
    draft_through_pages(me, plan, supervisor_rhk)
    approve_through_pages(me, boss, plan)

    response = me.post(task_url(plan, "realisation"), {"decision": "revise", "reason": ""})
    assert response.status_code == 200 and stage_of(plan) == "realisation"
    response = me.post(task_url(plan, "realisation"), {"decision": "revise", "reason": "Target berubah"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.stage, plan.revision) == ("draft", 1)

    indicator = plan.results.get().indicators.get()
    response = me.post(
        reverse("workflow:indicator_edit", args=[plan.pk, indicator.pk]),
        {"aspect": "quantity", "description": "KTP-el terbit", "target_value": "450", "target_unit": "dokumen"},
    )
    assert response.status_code == 302
    approve_through_pages(me, boss, plan)
    indicator.refresh_from_db()
    assert indicator.target_value == 450
    assert open_task(plan, "realisation").owner == employee.user


def test_an_agency_head_cascades_from_an_iku_of_the_agency(head, agency, period, client_for):
    from tests.factories import EmployeeFactory, IndicatorFactory
    from workflow import services

    sekda = EmployeeFactory(user__username="sekda", name="Sekretaris Daerah", position_type="jpt")
    head.supervisor = sekda
    head.save(update_fields=["supervisor"])
    iku = IndicatorFactory(agency=agency)
    plan = services.start_plan(employee=head, period=period)
    me = client_for(head)
    response = me.post(
        reverse("workflow:result_add", args=[plan.pk]),
        {"kind": "main", "text": "Meningkatnya layanan adminduk", "supports_indicator": iku.pk},
    )
    assert response.status_code == 302
    result = plan.results.get()
    assert result.supports_indicator == iku
    me.post(
        reverse("workflow:indicator_add", args=[plan.pk, result.pk]),
        {"aspect": "time", "description": "Waktu layanan", "target_text": "Sesuai SOP"},
    )
    assert me.post(task_url(plan, "draft")).status_code == 302
    assert open_task(plan, "review").owner == sekda.user


@pytest.mark.parametrize(
    ("results", "behaviour", "predikat", "stage"),
    [
        ("ABOVE", "ABOVE", "SANGAT_BAIK", "done"),
        ("ABOVE", "AS_EXPECTED", "BAIK", "done"),
        ("ABOVE", "BELOW", "KURANG", "coaching"),
        ("AS_EXPECTED", "ABOVE", "BAIK", "done"),
        ("AS_EXPECTED", "AS_EXPECTED", "BAIK", "done"),
        ("AS_EXPECTED", "BELOW", "KURANG", "coaching"),
        ("BELOW", "ABOVE", "BUTUH_PERBAIKAN", "coaching"),
        ("BELOW", "AS_EXPECTED", "BUTUH_PERBAIKAN", "coaching"),
        ("BELOW", "BELOW", "SANGAT_KURANG", "coaching"),
    ],
)
def test_rating_through_the_page_derives_the_predikat_and_picks_the_branch(
    filled_plan, employee, supervisor, client_for, results, behaviour, predikat, stage
):
    from workflow import services

    plan = filled_plan
    services.submit_plan(plan=plan, by=employee.user)
    services.approve_plan(plan=plan, by=supervisor.user)
    indicator = plan.results.get().indicators.get()
    services.record_realisation(indicator=indicator, by=employee.user, value=500)
    services.finish_realisation(plan=plan, by=employee.user)
    services.submit_self_assessment(plan=plan, by=employee.user, results_rating="AS_EXPECTED", summary="Cukup")

    rate_through_pages(client_for(supervisor), plan, results=results, behaviour=behaviour)

    plan.refresh_from_db()
    assert (plan.predikat, plan.stage) == (predikat, stage)
    assert (open_task(plan, "coaching") is not None) == (stage == "coaching")


def test_the_review_page_offers_approve_and_return_as_buttons(filled_plan, employee, supervisor, client_for):
    from workflow import services

    services.submit_plan(plan=filled_plan, by=employee.user)
    page = client_for(supervisor).get(task_url(filled_plan, "review")).content.decode()
    assert 'name="decision" value="approve"' in page and 'name="decision" value="return"' in page
    assert "<select" not in page.split('id="task-panel"')[1].split("</form>")[0]
