"""Objections (keberatan): filing within the deadline, who sees them, the decision by the rater's supervisor and the
re-grading it sets off in the plan's own process (coaching cancelled or started), all through the pages."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from forums.models import Notification
from tests.factories import EmployeeFactory, UserFactory
from tests.workflow.conftest import open_task
from tests.workflow.test_bad_input import rated_plan
from workflow import services
from workflow.flows import PlanFlow
from workflow.models import Action, Objection, Stage
from workflow.objections import services as objection_services
from workflow.objections.flows import ObjectionFlow


def file_url(plan):
    return reverse("workflow:objection_file", args=[plan.pk])


def detail_url(objection):
    return reverse("workflow:objection_detail", args=[objection.pk])


def decide_url(objection):
    return reverse("workflow:objection_decide", args=[objection.pk])


@pytest.fixture
def good_plan(filled_plan, employee, supervisor):
    """Rated as expected on both: Baik, done without coaching."""
    return rated_plan(filled_plan, employee, supervisor, results="AS_EXPECTED", behaviour="AS_EXPECTED")


@pytest.fixture
def poor_plan(filled_plan, employee, supervisor):
    """Rated below on both: Sangat Kurang, waiting for the supervisor's coaching plan."""
    return rated_plan(filled_plan, employee, supervisor, results="BELOW", behaviour="BELOW")


def file(plan, employee, **extra):
    return objection_services.file_objection(plan=plan, by=employee.user, reasons="Target tercapai", **extra)


def decision_task(objection):
    return Task.objects.get(process__objectionprocess__objection=objection, flow_task=ObjectionFlow.decide)


def test_the_employee_files_an_objection_that_goes_to_the_raters_supervisor(poor_plan, employee, head, client_for):
    page = client_for(employee).get(reverse("workflow:plan_detail", args=[poor_plan.pk]))
    assert file_url(poor_plan).encode() in page.content
    pdf = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\nbukti\n", content_type="application/pdf")
    response = client_for(employee).post(file_url(poor_plan), {"reasons": "Semua target tercapai", "evidence": pdf})
    objection = Objection.objects.get(plan=poor_plan)
    assert response.status_code == 302 and response["Location"] == detail_url(objection)
    assert objection.decider == head and objection.previous_predikat == "SANGAT_KURANG"
    task = decision_task(objection)
    assert task.owner == head.user and task.status == "ASSIGNED"
    assert poor_plan.events.filter(action=Action.OBJECTION_FILED).exists()
    notice = Notification.objects.get(user=head.user, data__task_id=task.pk)
    assert notice.url == decide_url(objection)
    inbox = client_for(head).get(reverse("workflow:inbox"))
    assert decide_url(objection).encode() in inbox.content
    # The evidence reaches those who may see the objection, as a download.
    download = client_for(head).get(reverse("workflow:objection_evidence", args=[objection.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_second_objection_is_harmless(poor_plan, employee, client_for):
    objection = file(poor_plan, employee)
    response = client_for(employee).post(file_url(poor_plan), {"reasons": "Lagi"})
    assert response.status_code == 302 and response["Location"] == detail_url(objection)
    with pytest.raises(services.StepAlreadyHandled):
        file(poor_plan, employee)
    assert Objection.objects.count() == 1


def test_a_late_objection_is_refused_with_the_deadline_shown(poor_plan, employee, client_for, settings):
    settings.KINERJA_OBJECTION_DAYS = 14
    poor_plan.rated_at = timezone.now() - datetime.timedelta(days=15)
    poor_plan.save(update_fields=["rated_at"])
    deadline = poor_plan.rated_at + datetime.timedelta(days=14)
    client = client_for(employee)
    page = client.get(file_url(poor_plan))
    assert b"deadline for objecting to this predikat passed" in page.content
    assert b'<form method="post"' not in page.content
    assert file_url(poor_plan).encode() not in client.get(reverse("workflow:plan_detail", args=[poor_plan.pk])).content
    response = client.post(file_url(poor_plan), {"reasons": "Terlambat"})
    assert response.status_code == 200 and b"passed on" in response.content
    assert deadline.strftime("%Y").encode() in response.content
    assert not Objection.objects.exists()


def test_filing_is_for_the_owner_of_a_rated_plan_only(poor_plan, filled_plan, supervisor, colleague, client_for):
    assert client_for(supervisor).post(file_url(poor_plan), {"reasons": "x"}).status_code == 403
    assert client_for(colleague).post(file_url(poor_plan), {"reasons": "x"}).status_code == 404
    assert not Objection.objects.exists()


def test_no_objection_before_the_plan_is_rated(filled_plan, employee, client_for):
    assert client_for(employee).post(file_url(filled_plan), {"reasons": "x"}).status_code == 403


def test_the_evidence_file_is_checked_by_its_bytes(poor_plan, employee, client_for):
    fake = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00program", content_type="application/pdf")
    response = client_for(employee).post(file_url(poor_plan), {"reasons": "x", "evidence": fake})
    assert response.status_code == 200 and not Objection.objects.exists()


def test_the_evidence_of_an_objection_without_reasons_is_kept(poor_plan, employee, client_for):
    pdf = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti", content_type="application/pdf")
    client = client_for(employee)
    refused = client.post(file_url(poor_plan), {"reasons": "", "evidence": pdf}).content.decode()
    assert "Leave out bukti.pdf" in refused and not Objection.objects.exists()
    token = re.search(r'name="held_files" value="([^"]+)"', refused).group(1)
    response = client.post(file_url(poor_plan), {"reasons": "Target tercapai.", "held_files": token})
    assert response.status_code == 302
    assert Objection.objects.get().evidence.read() == b"%PDF-1.4 bukti"


def test_only_the_employee_both_supervisors_and_the_coordinator_see_an_objection(
    poor_plan, employee, supervisor, head, colleague, outsider, coordinator, admin_user, client_for
):
    objection = file(poor_plan, employee)
    for person in (employee, supervisor, head, coordinator):
        assert client_for(person).get(detail_url(objection)).status_code == 200
    for person in (colleague, outsider, admin_user):
        assert client_for(person).get(detail_url(objection)).status_code == 404
        assert client_for(person).get(reverse("workflow:objection_evidence", args=[objection.pk])).status_code == 404


def test_only_the_decider_decides(poor_plan, employee, supervisor, colleague, coordinator, client_for):
    objection = file(poor_plan, employee)
    data = {"decision": "rejected", "reasons": "Tidak terbukti"}
    for person in (employee, supervisor, coordinator):
        assert client_for(person).post(decide_url(objection), data).status_code == 403
    assert client_for(colleague).post(decide_url(objection), data).status_code == 404
    objection.refresh_from_db()
    assert not objection.is_decided


def test_a_rejected_objection_leaves_the_predikat_and_coaching(poor_plan, employee, head, client_for):
    objection = file(poor_plan, employee)
    response = client_for(head).post(decide_url(objection), {"decision": "rejected", "reasons": "Tidak terbukti"})
    assert response.status_code == 302
    objection.refresh_from_db()
    poor_plan.refresh_from_db()
    assert objection.decision == "rejected" and objection.new_predikat == ""
    assert poor_plan.predikat == "SANGAT_KURANG" and open_task(poor_plan, "coaching") is not None
    process = objection.process
    assert process.status == "DONE"
    assert not Task.objects.filter(process=process, flow_task=ObjectionFlow.regrade).exists()
    # A second decision is harmless.
    again = client_for(head).post(decide_url(objection), {"decision": "accepted", "reasons": "x"})
    assert again.status_code == 302
    with pytest.raises(services.StepAlreadyHandled):
        objection_services.decide_objection(objection=objection, by=head.user, decision="rejected", reasons="x")


def test_an_accepted_objection_regrades_and_cancels_coaching(poor_plan, employee, supervisor, head, client_for):
    objection = file(poor_plan, employee)
    data = {"decision": "accepted", "reasons": "Bukti lengkap", "results_rating": "AS_EXPECTED"}
    data["behaviour_rating"] = "AS_EXPECTED"
    assert client_for(head).post(decide_url(objection), data).status_code == 302
    objection.refresh_from_db()
    poor_plan.refresh_from_db()
    assert objection.new_predikat == "BAIK" and poor_plan.predikat == "BAIK"
    assert poor_plan.stage == Stage.DONE and poor_plan.process.status == "DONE"
    coaching_task = Task.objects.get(process__planprocess__plan=poor_plan, flow_task=PlanFlow.coaching)
    assert coaching_task.status == "CANCELED"
    actions = list(poor_plan.events.values_list("action", flat=True))
    assert actions[-4:] == ["objection_filed", "objection_decided", "regraded", "coaching_cancelled"]
    assert Task.objects.get(process=objection.process, flow_task=ObjectionFlow.regrade).status == "DONE"
    page = client_for(employee).get(detail_url(objection))
    assert b"Accepted" in page.content and b"Good" in page.content


def test_the_decision_and_the_regrade_read_in_each_readers_language(poor_plan, employee, head, client_for):
    objection = file(poor_plan, employee)
    data = {"decision": "accepted", "reasons": "Bukti lengkap", "results_rating": "AS_EXPECTED"}
    data["behaviour_rating"] = "AS_EXPECTED"
    deciding = client_for(head)
    deciding.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert deciding.post(decide_url(objection), data).status_code == 302
    reading = client_for(employee)
    reading.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    history = reading.get(reverse("workflow:plan_detail", args=[poor_plan.pk])).content.decode()
    history = history.split('id="history-title"')[1]
    assert "Diterima: Bukti lengkap" in history and "Sangat Kurang → Baik" in history
    assert "Accepted" not in history and "Very poor" not in history


def test_a_partly_accepted_objection_can_start_coaching_through_the_usual_steps(
    good_plan, employee, supervisor, head, client_for
):
    assert good_plan.stage == Stage.DONE
    objection = file(good_plan, employee)
    data = {"decision": "partly_accepted", "reasons": "Sebagian", "results_rating": "BELOW"}
    data["behaviour_rating"] = "AS_EXPECTED"
    assert client_for(head).post(decide_url(objection), data).status_code == 302
    good_plan.refresh_from_db()
    assert good_plan.predikat == "BUTUH_PERBAIKAN" and good_plan.stage == Stage.COACHING
    task = open_task(good_plan, "coaching")
    assert task is not None and task.owner == supervisor.user
    assert good_plan.process.status == "NEW"
    services.plan_coaching(
        plan=good_plan,
        by=supervisor.user,
        kind="bimbingan",
        problems="p",
        agreed_actions="a",
        due_on=datetime.date(2027, 3, 1),
    )
    assert open_task(good_plan, "acknowledge").owner == employee.user


def test_an_upheld_objection_must_change_the_ratings(poor_plan, employee, head, client_for):
    objection = file(poor_plan, employee)
    data = {"decision": "accepted", "reasons": "r", "results_rating": "BELOW", "behaviour_rating": "BELOW"}
    response = client_for(head).post(decide_url(objection), data)
    assert response.status_code == 200 and b"same as before" in response.content
    missing = client_for(head).post(decide_url(objection), {"decision": "accepted", "reasons": "r"})
    assert missing.status_code == 200 and b"sets new ratings" in missing.content
    objection.refresh_from_db()
    assert not objection.is_decided


def test_without_a_supervisor_of_the_rater_the_objection_is_refused(filled_plan, employee, supervisor, client_for):
    plan = rated_plan(filled_plan, employee, supervisor, results="BELOW", behaviour="BELOW")
    supervisor.supervisor = None
    supervisor.save(update_fields=["supervisor"])
    response = client_for(employee).post(file_url(plan), {"reasons": "x"})
    assert response.status_code == 200 and b"ask your coordinator" in response.content


def test_an_unrelated_decider_account_is_not_enough(poor_plan, employee, head, client_for):
    """A second account of nobody in particular cannot act on the decision task."""
    objection = file(poor_plan, employee)
    other = EmployeeFactory(user=UserFactory(username="other_boss"), agency=head.agency)
    assert client_for(other).get(decide_url(objection)).status_code == 404


def test_the_decision_counts_in_the_deciders_inbox_badge(poor_plan, employee, head, client_for):
    client = client_for(head)
    before = client.get(reverse("workflow:inbox")).content.decode()
    file(poor_plan, employee)
    after = client.get(reverse("workflow:inbox")).content.decode()

    def badge(page):
        marker = 'class="nav-badge"'
        return page.split(marker, 1)[1].split(">", 1)[1].split("<", 1)[0] if marker in page else "0"

    assert int(badge(after)) == int(badge(before)) + 1
