"""The permission matrix over every plan URL: who gets 200, 403 or 404, and that foreign data never shows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.workflow.conftest import open_task
from workflow import services

PDF = b"%PDF-1.4\nsecret evidence\n"
SEEN, HIDDEN = "seen", "hidden"


def client_as(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def running_plan(filled_plan, employee, supervisor):
    """Approved, with a realisation carrying a file."""
    services.submit_plan(plan=filled_plan, by=employee.user)
    services.approve_plan(plan=filled_plan, by=supervisor.user)
    indicator = filled_plan.results.get().indicators.get()
    upload = SimpleUploadedFile("rahasia.pdf", PDF, content_type="application/pdf")
    services.record_realisation(indicator=indicator, by=employee.user, value=10, files=[upload])
    return filled_plan


READERS = {"employee", "supervisor", "head", "coordinator", "administrator", "staff_reader"}
ALL = ["employee", "colleague", "supervisor", "head", "outsider", "coordinator", "coordinator_elsewhere", "anonymous"]
ADMINISTRATORS = ["administrator", "staff_reader", "staff"]


@pytest.mark.parametrize("persona", ALL + ADMINISTRATORS)
def test_read_urls_answer_by_the_matrix_and_leak_nothing(running_plan, people, persona):
    evidence = running_plan.results.get().indicators.get().realisations.get().evidence.get()
    urls = [
        reverse("workflow:plan_detail", args=[running_plan.pk]),
        reverse("workflow:plan_chart", args=[running_plan.pk]),
        reverse("workflow:evidence_download", args=[running_plan.pk, evidence.pk]),
    ]
    client = client_as(people[persona])
    for url in urls:
        response = client.get(url)
        if persona == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        elif persona in READERS:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 404, url
            assert b"Terbitnya KTP-el" not in response.content and b"secret evidence" not in response.content


def edit_requests(plan):
    """(method, url, data) for every URL that changes a draft plan."""
    result = plan.results.get()
    indicator = result.indicators.get()
    indicator_data = {"aspect": "quantity", "description": "x", "target_value": "1", "target_unit": "u"}
    return [
        ("post", reverse("workflow:result_add", args=[plan.pk]), {"kind": "additional", "text": "Tambahan"}),
        ("get", reverse("workflow:result_edit", args=[plan.pk, result.pk]), {}),
        ("post", reverse("workflow:indicator_add", args=[plan.pk, result.pk]), indicator_data),
        ("post", reverse("workflow:indicator_edit", args=[plan.pk, indicator.pk]), indicator_data),
        ("post", reverse("workflow:plan_copy", args=[plan.pk]), {}),
        ("post", reverse("workflow:indicator_delete", args=[plan.pk, indicator.pk]), {}),
        ("post", reverse("workflow:result_delete", args=[plan.pk, result.pk]), {}),
    ]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("colleague", 404),
        ("outsider", 404),
        ("coordinator_elsewhere", 404),
        ("supervisor", 403),
        ("head", 403),
        ("coordinator", 403),
        ("administrator", 403),
        ("staff_reader", 403),
        ("staff", 404),
    ],
)
def test_only_the_owner_edits_a_draft(filled_plan, people, persona, expected):
    client = client_as(people[persona])
    for method, url, data in edit_requests(filled_plan):
        assert getattr(client, method)(url, data).status_code == expected, url
    assert filled_plan.results.count() == 1 and filled_plan.results.get().indicators.count() == 1


def test_the_owner_can_use_every_edit_url(filled_plan, people):
    client = client_as(people["employee"])
    for method, url, _data in edit_requests(filled_plan):
        assert getattr(client, method)(url, _data).status_code in (200, 302), url
    assert filled_plan.results.count() == 1  # added one, deleted the original


def test_anonymous_edit_requests_go_to_the_login_page(filled_plan, people):
    client = client_as(None)
    for method, url, data in edit_requests(filled_plan):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("employee", 200),
        ("supervisor", 404),
        ("head", 404),
        ("coordinator", 404),
        ("colleague", 404),
        ("outsider", 404),
        ("coordinator_elsewhere", 404),
        ("administrator", 404),
    ],
)
def test_a_task_page_opens_only_for_its_owner(filled_plan, people, persona, expected):
    url = reverse("workflow:task_detail", args=[filled_plan.pk, open_task(filled_plan, "draft").pk])
    client = client_as(people[persona])
    assert client.get(url).status_code == expected
    assert client.post(url).status_code in ((302,) if expected == 200 else (expected,))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("supervisor", 200),
        ("employee", 403),
        ("head", 403),
        ("coordinator", 403),
        ("outsider", 404),
        ("administrator", 403),
    ],
)
def test_behaviour_expectations_are_written_by_the_supervisor(filled_plan, people, persona, expected):
    url = reverse("workflow:expectations_edit", args=[filled_plan.pk])
    assert client_as(people[persona]).get(url).status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("employee", 302),
        ("supervisor", 302),
        ("head", 403),
        ("coordinator", 403),
        ("colleague", 404),
        ("administrator", 403),
    ],
)
def test_feedback_is_a_dialog_between_employee_and_supervisor(running_plan, people, persona, expected):
    url = reverse("workflow:feedback_add", args=[running_plan.pk])
    response = client_as(people[persona]).post(url, {"text": f"Catatan dari {persona}"})
    assert response.status_code == expected
    assert running_plan.feedback.filter(text=f"Catatan dari {persona}").exists() == (expected == 302)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("employee", 403),
        ("supervisor", 403),
        ("head", 403),
        ("coordinator", 200),
        ("coordinator_elsewhere", 404),
        ("outsider", 404),
        ("administrator", 403),
    ],
)
def test_only_a_coordinator_in_scope_opens_the_reassignment_page(filled_plan, people, persona, expected):
    url = reverse("workflow:reassign", args=[filled_plan.pk])
    assert client_as(people[persona]).get(url).status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("employee", 302),
        ("supervisor", 403),
        ("head", 403),
        ("coordinator", 403),
        ("outsider", 404),
        ("administrator", 403),
    ],
)
def test_realisation_is_recorded_only_by_the_employee(running_plan, people, persona, expected):
    indicator = running_plan.results.get().indicators.get()
    url = reverse("workflow:realisation_add", args=[running_plan.pk, indicator.pk])
    assert client_as(people[persona]).post(url, {"value": "3"}).status_code == expected


def test_lists_show_only_what_the_user_may_see(running_plan, people):
    assert b"Andi Wijaya" in client_as(people["supervisor"]).get(reverse("workflow:team")).content
    assert client_as(people["outsider"]).get(reverse("workflow:team")).status_code == 403
    assert b"Andi Wijaya" not in client_as(people["colleague"]).get(reverse("workflow:plan_list")).content
    assert b"Andi Wijaya" not in client_as(people["colleague"]).get(reverse("workflow:inbox")).content
    assert b"Andi Wijaya" in client_as(people["employee"]).get(reverse("workflow:inbox")).content


@pytest.mark.parametrize(("persona", "expected"), [("administrator", 200), ("staff_reader", 200), ("staff", 404)])
def test_an_administrator_downloads_any_plan_document(running_plan, people, persona, expected):
    response = client_as(people[persona]).get(reverse("workflow:plan_skp_pdf", args=[running_plan.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_an_administrator_sees_who_acts_next_but_gets_no_step_of_their_own(running_plan, people):
    page = client_as(people["administrator"]).get(reverse("workflow:plan_detail", args=[running_plan.pk]))
    assert page.context["my_tasks"] == [] and not page.context["can_give_feedback"]
    assert not page.context["can_record_realisation"] and not page.context["can_edit"]
    assert "Waiting for Andi Wijaya" in page.content.decode()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("head", 200),
        ("coordinator", 200),
        ("administrator", 200),
        ("staff_reader", 200),
        ("staff", 404),
        ("supervisor", 404),
        ("coordinator_elsewhere", 404),
    ],
)
def test_a_whole_agency_is_exported_by_those_who_may_read_all_its_plans(agency, people, persona, expected):
    from workflow import permissions

    assert permissions.can_export_agency_plans(people[persona], agency.pk) == (expected == 200)
    response = client_as(people[persona]).get(reverse("workflow:agency_plans_export", args=[agency.pk]))
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("persona", "offered"),
    [("supervisor", True), ("employee", False), ("head", False), ("coordinator", False), ("administrator", False)],
)
def test_only_the_supervisor_is_offered_to_write_the_expectations(filled_plan, people, persona, offered):
    url = reverse("workflow:expectations_edit", args=[filled_plan.pk])
    page = client_as(people[persona]).get(reverse("workflow:plan_detail", args=[filled_plan.pk])).content.decode()
    assert (url in page) == offered
