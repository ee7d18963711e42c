"""Every task page refuses an empty form: it re-renders with errors and the plan stays where it was."""

import pytest
from django.urls import reverse

from tests.workflow.conftest import advance, open_task
from workflow.models import Plan


@pytest.mark.parametrize(
    ("step", "actor"),
    [
        ("review", "supervisor"),
        ("realisation", "employee"),
        ("self_assessment", "employee"),
        ("rating", "supervisor"),
        ("coaching", "supervisor"),
        ("close_coaching", "supervisor"),
    ],
)
def test_an_empty_step_form_is_refused_and_changes_nothing(filled_plan, employee, supervisor, client_for, step, actor):
    advance(filled_plan, step, employee, supervisor)
    before = Plan.objects.get(pk=filled_plan.pk).stage
    person = {"employee": employee, "supervisor": supervisor}[actor]
    url = reverse("workflow:task_detail", args=[filled_plan.pk, open_task(filled_plan, step).pk])
    response = client_for(person).post(url, {})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert Plan.objects.get(pk=filled_plan.pk).stage == before
    assert open_task(filled_plan, step) is not None


def test_the_acknowledgement_needs_no_input_and_only_the_employee_gives_it(
    filled_plan, employee, supervisor, client_for
):
    advance(filled_plan, "acknowledge", employee, supervisor)
    url = reverse("workflow:task_detail", args=[filled_plan.pk, open_task(filled_plan, "acknowledge").pk])
    assert client_for(supervisor).post(url, {}).status_code == 404
    assert client_for(employee).post(url, {}).status_code == 302
    assert open_task(filled_plan, "close_coaching").owner == supervisor.user


@pytest.mark.parametrize(
    ("persona", "expected"), [("supervisor", 302), ("employee", 403), ("head", 403), ("outsider", 404)]
)
def test_coaching_sessions_are_recorded_by_the_supervisor_only(
    filled_plan, employee, supervisor, head, outsider, client_for, persona, expected
):
    advance(filled_plan, "close_coaching", employee, supervisor)
    person = {"supervisor": supervisor, "employee": employee, "head": head, "outsider": outsider}[persona]
    url = reverse("workflow:session_add", args=[filled_plan.pk])
    response = client_for(person).post(url, {"held_on": "2027-01-20", "notes": "Sesi"})
    assert response.status_code == expected
    assert filled_plan.coaching.sessions.exists() == (expected == 302)


def test_a_coaching_session_in_the_history_is_dated_in_the_reader_s_language(
    filled_plan, employee, supervisor, client_for
):
    advance(filled_plan, "close_coaching", employee, supervisor)
    client_for(supervisor).post(
        reverse("workflow:session_add", args=[filled_plan.pk]), {"held_on": "2027-01-20", "notes": "Sesi"}
    )
    url = reverse("workflow:plan_detail", args=[filled_plan.pk])
    reader = client_for(employee)
    english = reader.get(url).content.decode()
    reader.cookies["django_language"] = "id"
    indonesian = reader.get(url).content.decode()
    assert "20 January 2027" in english and "20 Januari 2027" in indonesian
    assert "2027-01-20" not in english.replace('datetime="2027-01-20', "")
