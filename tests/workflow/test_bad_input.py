"""Bad input at each step: refused with a clear message, nothing lost, nothing half-done; second clicks harmless."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import EmployeeFactory, PlanFactory, ResultPlanFactory
from tests.workflow.conftest import open_task
from workflow import services
from workflow.models import Action, Plan, PlanEvent


def submit_page(client, plan):
    return client.post(reverse("workflow:task_detail", args=[plan.pk, open_task(plan, "draft").pk]), follow=True)


def test_an_empty_plan_is_not_submitted(plan, employee, client_for):
    response = submit_page(client_for(employee), plan)
    assert "The plan is empty" in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).stage == "draft" and open_task(plan, "draft") is not None


def test_an_rhk_without_indicator_is_not_submitted(plan, employee, supervisor_rhk, client_for):
    services.add_result(plan=plan, by=employee.user, text="Tanpa indikator", supports=supervisor_rhk)
    response = submit_page(client_for(employee), plan)
    assert "has no indicator" in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).stage == "draft"


def test_cascading_from_a_plan_that_is_not_approved_is_refused(plan, employee, supervisor, period, client_for):
    draft = PlanFactory(employee=supervisor, period=period, stage="review")
    rhk = ResultPlanFactory(plan=draft)
    result = services.add_result(plan=plan, by=employee.user, text="RHK", supports=rhk)
    services.add_indicator(result=result, by=employee.user, description="i", target_text="Laporan selesai")
    response = submit_page(client_for(employee), plan)
    assert "not approved" in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).stage == "draft"


def test_a_main_rhk_must_cascade_and_only_from_the_own_supervisor(plan, employee, colleague, period):
    stranger_plan = PlanFactory(employee=colleague, period=period, stage="realisation")
    with pytest.raises(ValidationError):
        services.add_result(plan=plan, by=employee.user, text="RHK", supports=ResultPlanFactory(plan=stranger_plan))
    result = services.add_result(plan=plan, by=employee.user, text="Lepas")
    services.add_indicator(result=result, by=employee.user, description="i", target_value=1, target_unit="x")
    assert any("must support an RHK" in error for error in services.submission_errors(plan))


def test_an_employee_without_supervisor_is_told_to_ask_the_coordinator(agency, period):
    loner = EmployeeFactory(agency=agency)
    plan = services.start_plan(employee=loner, period=period)
    assert any("No direct supervisor" in error for error in services.submission_errors(plan))


def test_returning_a_plan_without_comment_is_refused_and_keeps_it_in_review(
    filled_plan, employee, supervisor, client_for
):
    services.submit_plan(plan=filled_plan, by=employee.user)
    url = reverse("workflow:task_detail", args=[filled_plan.pk, open_task(filled_plan, "review").pk])
    response = client_for(supervisor).post(url, {"decision": "return", "comment": "  "})
    assert response.status_code == 200 and "a comment is required" in response.content.decode()
    assert Plan.objects.get(pk=filled_plan.pk).stage == "review"
    with pytest.raises(ValidationError):
        services.return_plan(plan=filled_plan, by=supervisor.user, comment="")


def test_an_invalid_indicator_form_re_renders_with_the_input_kept(plan, employee, supervisor_rhk, client_for):
    result = services.add_result(plan=plan, by=employee.user, text="RHK", supports=supervisor_rhk)
    url = reverse("workflow:indicator_add", args=[plan.pk, result.pk])
    response = client_for(employee).post(url, {"aspect": "quality", "description": "Akurasi data", "target_value": "9"})
    page = response.content.decode()
    assert response.status_code == 200 and "A numeric target needs a unit." in page and "Akurasi data" in page
    assert not result.indicators.exists()


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("virus.exe", b"MZ....", "application/octet-stream", "not accepted"),
        ("laporan.pdf", b"<html>not a pdf</html>", "application/pdf", "does not match"),
        ("foto.png", b"\x89PNG\r\n\x1a\n....", "text/html", "does not match"),
    ],
)
def test_evidence_of_a_wrong_type_is_refused_with_nothing_saved(
    running_plan, employee, client_for, name, content, content_type, message
):
    indicator = running_plan.results.get().indicators.get()
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    url = reverse("workflow:realisation_add", args=[running_plan.pk, indicator.pk])
    response = client_for(employee).post(url, {"value": "5", "description": "Sebagian", "files": [upload]})
    page = response.content.decode()
    assert response.status_code == 200 and message in page and "Sebagian" in page
    assert not indicator.realisations.exists()


def test_oversize_evidence_is_refused(running_plan, employee, client_for, settings):
    settings.KINERJA_UPLOAD_MAX_BYTES = 100
    indicator = running_plan.results.get().indicators.get()
    upload = SimpleUploadedFile("besar.pdf", b"%PDF" + b"x" * 200, content_type="application/pdf")
    url = reverse("workflow:realisation_add", args=[running_plan.pk, indicator.pk])
    response = client_for(employee).post(url, {"value": "5", "files": [upload]})
    assert response.status_code == 200 and "too large" in response.content.decode()
    assert not indicator.realisations.exists()


def test_evidence_is_stored_under_a_random_name_outside_static_and_downloaded_as_attachment(
    running_plan, employee, supervisor, client_for, settings
):
    indicator = running_plan.results.get().indicators.get()
    upload = SimpleUploadedFile("<script>.pdf", b"%PDF-1.4 data", content_type="application/pdf")
    services.record_realisation(indicator=indicator, by=employee.user, value=1, files=[upload], links=["https://x.id"])
    evidence = indicator.realisations.get().evidence.order_by("pk")
    stored = evidence[0]
    assert stored.file.name.startswith("evidence/") and "script" not in stored.file.name
    assert str(settings.MEDIA_ROOT) in stored.file.path and "static" not in stored.file.path
    response = client_for(supervisor).get(reverse("workflow:evidence_download", args=[running_plan.pk, stored.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 data"
    link = client_for(employee).get(reverse("workflow:evidence_download", args=[running_plan.pk, evidence[1].pk]))
    assert link.status_code == 302 and link["Location"] == "https://x.id"


def test_finishing_realisation_needs_a_report_for_every_indicator(running_plan, employee, client_for):
    url = reverse("workflow:task_detail", args=[running_plan.pk, open_task(running_plan, "realisation").pk])
    response = client_for(employee).post(url, {"decision": "finish"})
    assert response.status_code == 200 and "Record a realisation for every indicator" in response.content.decode()
    assert Plan.objects.get(pk=running_plan.pk).stage == "realisation"


def test_an_approved_plan_is_frozen_until_a_revision_is_requested(running_plan, employee, client_for):
    result = running_plan.results.get()
    client = client_for(employee)
    assert client.post(reverse("workflow:result_delete", args=[running_plan.pk, result.pk])).status_code == 403
    response = client.post(reverse("workflow:result_add", args=[running_plan.pk]), {"kind": "main", "text": "Baru"})
    assert response.status_code == 403
    assert running_plan.results.count() == 1


def rated_plan(plan, employee, supervisor, results="ABOVE", behaviour="ABOVE"):
    services.submit_plan(plan=plan, by=employee.user)
    services.approve_plan(plan=plan, by=supervisor.user)
    services.record_realisation(indicator=plan.results.get().indicators.get(), by=employee.user, value=1)
    services.finish_realisation(plan=plan, by=employee.user)
    services.submit_self_assessment(plan=plan, by=employee.user, results_rating="ABOVE", summary="s")
    result = plan.results.get()
    return services.rate_plan(
        plan=plan,
        by=supervisor.user,
        results_rating=results,
        behaviour_rating=behaviour,
        result_ratings={result.pk: (results, "")},
    )


def test_rating_twice_is_harmless(filled_plan, employee, supervisor, client_for):
    rated_plan(filled_plan, employee, supervisor)
    with pytest.raises(services.StepAlreadyHandled):
        services.rate_plan(
            plan=filled_plan,
            by=supervisor.user,
            results_rating="BELOW",
            behaviour_rating="BELOW",
            result_ratings={filled_plan.results.get().pk: ("BELOW", "")},
        )
    assert Plan.objects.get(pk=filled_plan.pk).predikat == "SANGAT_BAIK"
    assert PlanEvent.objects.filter(plan=filled_plan, action=Action.RATED).count() == 1


def test_a_done_plan_refuses_every_change(filled_plan, employee, supervisor, client_for):
    plan = rated_plan(filled_plan, employee, supervisor)
    assert plan.stage == "done"
    result = plan.results.get()
    indicator = result.indicators.get()
    with pytest.raises(PermissionDenied):
        services.add_result(plan=plan, by=employee.user, text="Terlambat")
    with pytest.raises(PermissionDenied):
        services.record_realisation(indicator=indicator, by=employee.user, value=3)
    with pytest.raises(PermissionDenied):
        services.add_feedback(plan=plan, by=supervisor.user, text="Setelah selesai")
    with pytest.raises(PermissionDenied):
        services.add_coaching_session(plan=plan, by=supervisor.user, held_on=datetime.date(2027, 1, 5), notes="n")
    client = client_for(employee)
    assert client.post(reverse("workflow:indicator_delete", args=[plan.pk, indicator.pk])).status_code == 403
    assert client.post(reverse("workflow:feedback_add", args=[plan.pk]), {"text": "x"}).status_code == 403
    assert indicator.realisations.count() == 1 and not plan.feedback.exists()


def test_a_second_click_on_submit_is_harmless(filled_plan, employee, client_for):
    client = client_for(employee)
    url = reverse("workflow:task_detail", args=[filled_plan.pk, open_task(filled_plan, "draft").pk])
    assert client.post(url).status_code == 302
    second = client.post(url, follow=True)
    assert "already handled" in second.content.decode()
    assert PlanEvent.objects.filter(plan=filled_plan, action=Action.SUBMITTED).count() == 1
    assert Plan.objects.get(pk=filled_plan.pk).stage == "review"


def test_a_second_approval_from_another_tab_is_told_it_was_already_handled(
    filled_plan, employee, supervisor, client_for
):
    services.submit_plan(plan=filled_plan, by=employee.user)
    url = reverse("workflow:task_detail", args=[filled_plan.pk, open_task(filled_plan, "review").pk])
    boss = client_for(supervisor)
    assert boss.post(url, {"decision": "approve", "comment": ""}).status_code == 302
    response = boss.post(url, {"decision": "return", "comment": "Eh, tunggu"}, follow=True)
    assert "already handled" in response.content.decode()
    assert Plan.objects.get(pk=filled_plan.pk).stage == "realisation"
    assert PlanEvent.objects.filter(plan=filled_plan, action__in=[Action.APPROVED, Action.RETURNED]).count() == 1


def test_starting_a_plan_twice_returns_the_same_plan(employee, period):
    first = services.start_plan(employee=employee, period=period)
    second = services.start_plan(employee=employee, period=period)
    assert first == second and Plan.objects.filter(employee=employee).count() == 1
    assert PlanEvent.objects.filter(plan=first, action=Action.STARTED).count() == 1


def test_a_bad_second_file_leaves_neither_record_nor_stray_file(running_plan, employee, client_for, settings):
    indicator = running_plan.results.get().indicators.get()
    good = SimpleUploadedFile("ok.pdf", b"%PDF-1.4 ok", content_type="application/pdf")
    bad = SimpleUploadedFile("bad.exe", b"MZ", content_type="application/octet-stream")
    url = reverse("workflow:realisation_add", args=[running_plan.pk, indicator.pk])
    response = client_for(employee).post(url, {"value": "5", "files": [good, bad]})
    assert response.status_code == 200 and not indicator.realisations.exists()
    evidence_dir = settings.MEDIA_ROOT / "evidence"
    assert not evidence_dir.exists() or not any(path.is_file() for path in evidence_dir.rglob("*"))


def test_a_rating_form_left_untouched_is_refused(filled_plan, employee, supervisor, client_for):
    services.submit_plan(plan=filled_plan, by=employee.user)
    services.approve_plan(plan=filled_plan, by=supervisor.user)
    services.record_realisation(indicator=filled_plan.results.get().indicators.get(), by=employee.user, value=1)
    services.finish_realisation(plan=filled_plan, by=employee.user)
    services.submit_self_assessment(plan=filled_plan, by=employee.user, results_rating="ABOVE", summary="s")
    url = reverse("workflow:task_detail", args=[filled_plan.pk, open_task(filled_plan, "rating").pk])
    response = client_for(supervisor).post(url, {"results_comment": "Catatan penilai"})
    assert response.status_code == 200 and "Catatan penilai" in response.content.decode()
    plan = Plan.objects.get(pk=filled_plan.pk)
    assert (plan.stage, plan.predikat) == ("rating", "")


def test_evidence_of_a_refused_realisation_is_kept_for_the_next_attempt(running_plan, employee, client_for):
    """No value and no description is refused; the PDF that came with it is listed as kept and saved next time."""
    indicator = running_plan.results.get().indicators.get()
    upload = SimpleUploadedFile("laporan.pdf", b"%PDF-1.4 laporan", content_type="application/pdf")
    url = reverse("workflow:realisation_add", args=[running_plan.pk, indicator.pk])
    client = client_for(employee)
    response = client.post(url, {"value": "", "description": "", "files": [upload]})
    page = response.content.decode()
    assert response.status_code == 200 and "Give the achieved value" in page and "Leave out laporan.pdf" in page
    assert not indicator.realisations.exists()
    token = re.search(r'name="held_files" value="([^"]+)"', page).group(1)
    response = client.post(url, {"value": "5", "description": "", "held_files": token})
    assert response.status_code == 302
    evidence = indicator.realisations.get().evidence.get()
    assert evidence.original_name == "laporan.pdf" and evidence.file.read() == b"%PDF-1.4 laporan"
