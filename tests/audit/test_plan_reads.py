"""An administrator reading someone else's plan is audited once per page, PDF or evidence download; readers by role
(owner, supervisor, head, coordinator) and the page's fragments (the flow chart) leave no event."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent, AuditKind
from tests.factories import UserFactory
from workflow import services

PDF = b"%PDF-1.4\nbukti\n"


@pytest.fixture
def running_plan(filled_plan, employee, supervisor):
    services.submit_plan(plan=filled_plan, by=employee.user)
    services.approve_plan(plan=filled_plan, by=supervisor.user)
    upload = SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")
    indicator = filled_plan.results.get().indicators.get()
    services.record_realisation(indicator=indicator, by=employee.user, value=10, files=[upload])
    return filled_plan


def reads():
    return AuditEvent.objects.filter(kind=AuditKind.PLAN_READ)


def urls(plan):
    evidence = plan.results.get().indicators.get().realisations.get().evidence.get()
    return {
        "page": reverse("workflow:plan_detail", args=[plan.pk]),
        "skp_pdf": reverse("workflow:plan_skp_pdf", args=[plan.pk]),
        "evidence": reverse("workflow:evidence_download", args=[plan.pk, evidence.pk]),
    }


@pytest.mark.parametrize("persona", ["administrator", "staff_reader"])
def test_each_read_of_someone_elses_plan_by_an_administrator_is_audited_once(running_plan, people, persona, client_for):
    client = client_for(people[persona])
    for what, url in urls(running_plan).items():
        before = reads().count()
        response = client.get(url, REMOTE_ADDR="10.1.2.3")
        assert response.status_code == 200, url
        assert reads().count() == before + 1, what
        event = reads().order_by("-pk").first()
        assert event.actor == people[persona] and event.username == people[persona].username
        assert event.ip_address == "10.1.2.3" and event.target == str(running_plan)
        assert event.detail["what"] == what and event.detail["plan"] == str(running_plan.pk)


def test_the_flow_chart_of_the_page_is_not_audited_again(running_plan, people, client_for):
    client = client_for(people["administrator"])
    client.get(reverse("workflow:plan_detail", args=[running_plan.pk]))
    assert client.get(reverse("workflow:plan_chart", args=[running_plan.pk])).status_code == 200
    assert reads().count() == 1


def test_the_evaluation_document_is_audited_when_it_is_served(running_plan, people, client_for):
    client = client_for(people["administrator"])
    url = reverse("workflow:plan_evaluation_pdf", args=[running_plan.pk])
    assert client.get(url).status_code == 302  # not rated yet: back to the plan page, nothing was read
    assert not reads().exists()
    running_plan.predikat, running_plan.results_rating, running_plan.behaviour_rating = "BAIK", "ABOVE", "ABOVE"
    running_plan.save(update_fields=["predikat", "results_rating", "behaviour_rating"])
    assert client.get(url).status_code == 200
    assert list(reads().values_list("detail__what", flat=True)) == ["evaluation_pdf"]


@pytest.mark.parametrize("persona", ["employee", "supervisor", "head", "coordinator"])
def test_readers_by_role_leave_no_audit_event(running_plan, people, persona, client_for):
    client = client_for(people[persona])
    for url in urls(running_plan).values():
        assert client.get(url).status_code == 200, url
    assert not reads().exists()


def test_an_administrator_reading_a_plan_they_supervise_reads_by_role(running_plan, supervisor, client_for):
    supervisor.user.is_staff = supervisor.user.is_superuser = True
    supervisor.user.save(update_fields=["is_staff", "is_superuser"])
    assert client_for(supervisor).get(reverse("workflow:plan_detail", args=[running_plan.pk])).status_code == 200
    assert not reads().exists()


def test_staff_without_the_view_permission_neither_reads_nor_is_audited(running_plan, client_for):
    staff = UserFactory(username="helpdesk", is_staff=True)
    assert client_for(staff).get(reverse("workflow:plan_detail", args=[running_plan.pk])).status_code == 404
    assert not reads().exists()
