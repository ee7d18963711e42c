"""Failure and bad input: a database error inside a transition rolls everything back, every transition can be clicked
twice, fuzzed forms and import files never give a 500, and a dump restored into an empty database is the same data.

Covered elsewhere (not repeated here): N parallel approvals on PostgreSQL (tests/workflow/test_concurrency.py), a
period opening killed halfway and resumed (tests/workflow/test_opening.py), a second click on submit and approve and
rating twice (tests/workflow/test_bad_input.py).
"""

import io
import json
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from viewflow.workflow.models import Task

from agencies.models import Employee
from forums.models import Post, PostRevision, Topic
from tests.factories import CategoryFactory, PlanFactory, ResultIndicatorFactory, ResultPlanFactory
from tests.workflow.conftest import advance, open_task
from workflow import services
from workflow.flows import PlanFlow
from workflow.models import Plan, PlanEvent


@pytest.fixture
def filled_plan(employee, supervisor, period):
    boss_plan = PlanFactory(employee=supervisor, period=period, stage="realisation", supervisor=supervisor.supervisor)
    boss_rhk = ResultPlanFactory(plan=boss_plan)
    ResultIndicatorFactory(result=boss_rhk)
    plan = services.start_plan(employee=employee, period=period)
    result = services.add_result(plan=plan, by=employee.user, text="Terbitnya KTP-el", supports=boss_rhk)
    services.add_indicator(result=result, by=employee.user, description="KTP-el", target_value=5, target_unit="dok")
    return plan


def step_data(plan, step):
    """A valid form for the task page of each step."""
    rhk = plan.results.get()
    return {
        "draft": {},
        "review": {"decision": "approve", "comment": ""},
        "realisation": {"decision": "finish"},
        "self_assessment": {"results_rating": "AS_EXPECTED", "summary": "Sesuai target"},
        "rating": {
            "results_rating": "BELOW",
            "behaviour_rating": "BELOW",
            f"rhk_{rhk.pk}": "BELOW",
            "confirm": "1",  # the rating's confirmation step (the preview is tested in tests/workflow)
        },
        "coaching": {"kind": "konseling", "problems": "p", "agreed_actions": "a", "due_on": "2027-02-01"},
        "acknowledge": {"note": ""},
        "close_coaching": {"outcome": "Membaik"},
    }[step]


STEPS = [
    ("draft", "employee"),
    ("review", "supervisor"),
    ("realisation", "employee"),
    ("self_assessment", "employee"),
    ("rating", "supervisor"),
    ("coaching", "supervisor"),
    ("acknowledge", "employee"),
    ("close_coaching", "supervisor"),
]


def prepare(plan, employee, supervisor, step):
    if step != "draft":
        advance(plan, step, employee, supervisor)
    if step == "realisation" and not plan.results.get().indicators.get().realisations.exists():
        services.record_realisation(indicator=plan.results.get().indicators.get(), by=employee.user, value=1)
    assert open_task(plan, step) is not None


def snapshot(plan):
    fresh = Plan.objects.get(pk=plan.pk)
    return {
        "plan": (fresh.stage, fresh.approved_at, fresh.predikat, fresh.revision, fresh.supervisor_id),
        "events": list(PlanEvent.objects.filter(plan=plan).values_list("action", flat=True).order_by("pk")),
        "tasks": list(
            Task.objects.filter(process__planprocess__plan=plan).values_list("flow_task", "status").order_by("pk")
        ),
    }


# ------------------------------------------------------------------------------------------------ rollback


@pytest.mark.parametrize(("step", "actor"), STEPS)
def test_a_database_error_when_the_task_completes_leaves_neither_plan_change_nor_task_move(
    filled_plan, employee, supervisor, client_for, step, actor
):
    prepare(filled_plan, employee, supervisor, step)
    before = snapshot(filled_plan)
    person = {"employee": employee, "supervisor": supervisor}[actor]
    url = reverse("workflow:task_detail", args=[filled_plan.pk, open_task(filled_plan, step).pk])
    node = getattr(PlanFlow, step)
    with (
        mock.patch.object(node.activation_class, "execute", side_effect=DatabaseError("disk full")),
        pytest.raises(DatabaseError),
    ):
        client_for(person).post(url, step_data(filled_plan, step))
    assert snapshot(filled_plan) == before
    # And the step still works once the database is back.
    assert client_for(person).post(url, step_data(filled_plan, step)).status_code == 302
    assert snapshot(filled_plan) != before


@pytest.mark.parametrize(("step", "actor"), STEPS)
def test_a_database_error_writing_the_history_undoes_the_plan_change(
    filled_plan, employee, supervisor, client_for, step, actor
):
    prepare(filled_plan, employee, supervisor, step)
    before = snapshot(filled_plan)
    person = {"employee": employee, "supervisor": supervisor}[actor]
    url = reverse("workflow:task_detail", args=[filled_plan.pk, open_task(filled_plan, step).pk])
    with (
        mock.patch.object(PlanEvent, "save", side_effect=DatabaseError("connection lost")),
        pytest.raises(DatabaseError),
    ):
        client_for(person).post(url, step_data(filled_plan, step))
    assert snapshot(filled_plan) == before


def test_a_database_error_in_a_reassignment_keeps_the_task_with_its_owner(filled_plan, employee, coordinator, agency):
    from tests.factories import EmployeeFactory

    services.submit_plan(plan=filled_plan, by=employee.user)
    stand_in = EmployeeFactory(agency=agency)
    before = snapshot(filled_plan)
    owner = open_task(filled_plan, "review").owner_id
    with (
        mock.patch.object(PlanEvent, "save", side_effect=DatabaseError("connection lost")),
        pytest.raises(DatabaseError),
    ):
        services.reassign_task(plan=filled_plan, by=coordinator, to=stand_in, reason="Cuti")
    assert snapshot(filled_plan) == before and open_task(filled_plan, "review").owner_id == owner


# ------------------------------------------------------------------------------------------------ double submission


@pytest.mark.parametrize(("step", "actor"), STEPS)
def test_submitting_a_step_form_twice_changes_nothing_the_second_time(
    filled_plan, employee, supervisor, client_for, step, actor
):
    prepare(filled_plan, employee, supervisor, step)
    person = {"employee": employee, "supervisor": supervisor}[actor]
    client = client_for(person)
    url = reverse("workflow:task_detail", args=[filled_plan.pk, open_task(filled_plan, step).pk])
    assert client.post(url, step_data(filled_plan, step)).status_code == 302
    after_first = snapshot(filled_plan)
    second = client.post(url, step_data(filled_plan, step), follow=True)
    assert second.status_code == 200
    assert "already handled" in second.content.decode()
    assert snapshot(filled_plan) == after_first


def test_posting_the_same_reply_twice_makes_two_posts_but_never_an_error(client_for, employee, agency):
    from forums import services as forum_services

    topic = forum_services.create_topic(
        author=employee.user, category=CategoryFactory(slug="c"), title="T", body="B", agency=agency
    )
    client = client_for(employee)
    url = reverse("forums:reply_create", args=[topic.pk])
    statuses = [client.post(url, {"body": "Sama"}).status_code for _ in range(2)]
    assert all(status in (200, 302) for status in statuses)
    assert Topic.objects.get(pk=topic.pk).post_count == Post.objects.filter(topic=topic).count() == 3


# ------------------------------------------------------------------------------------------------ fuzzing

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
number = st.one_of(st.text(max_size=30), st.integers().map(str), st.floats(allow_nan=True).map(str))


@FUZZ
@given(kind=text, body=text, target=number, unit=text, aspect=text)
def test_fuzzed_plan_forms_never_fail_with_a_server_error(
    client_for, filled_plan, employee, kind, body, target, unit, aspect
):
    client = client_for(employee)
    result = filled_plan.results.first()
    requests = [
        (reverse("workflow:result_add", args=[filled_plan.pk]), {"kind": kind, "text": body}),
        (
            reverse("workflow:indicator_add", args=[filled_plan.pk, result.pk]),
            {"aspect": aspect, "description": body, "target_value": target, "target_unit": unit},
        ),
        (reverse("workflow:expectations_edit", args=[filled_plan.pk]), {"expectations": body}),
        (reverse("forums:search"), {"q": body}),
    ]
    for url, data in requests:
        response = client.post(url, data) if "search" not in url else client.get(url, data)
        assert response.status_code < 500, (url, data)


@FUZZ
@given(title=text, body=text, tags=text, reason=text)
def test_fuzzed_forum_forms_never_fail_with_a_server_error(client_for, employee, agency, title, body, tags, reason):
    from forums import services as forum_services

    category = CategoryFactory(slug="fuzz")
    client = client_for(employee)
    response = client.post(
        reverse("forums:topic_create"),
        {"title": title, "body": body, "tags": tags, "category": category.pk, "agency": agency.pk},
    )
    assert response.status_code < 500
    topic = forum_services.create_topic(author=employee.user, category=category, title="T", body="B", agency=agency)
    post = topic.posts.get()
    for url, data in [
        (reverse("forums:reply_create", args=[topic.pk]), {"body": body}),
        (reverse("forums:post_edit", args=[post.pk]), {"body": body}),
        (reverse("forums:post_flag", args=[post.pk]), {"reason": reason}),
    ]:
        assert client.post(url, data).status_code < 500, (url, data)
    assert PostRevision.objects.filter(post=post).count() <= 1


@FUZZ
@given(
    name=text,
    year=number,
    starts=number,
    ends=number,
    kind=text,
)
def test_fuzzed_period_form_never_fails_with_a_server_error(client_for, coordinator, name, year, starts, ends, kind):
    response = client_for(coordinator).post(
        reverse("agencies:period_create"),
        {
            "name": name,
            "year": year,
            "kind": kind,
            "starts_on": starts,
            "ends_on": ends,
            "plan_due": starts,
            "evaluation_due": ends,
        },
    )
    assert response.status_code < 500


def csv_rows(rows):
    out = io.StringIO()
    for row in rows:
        out.write(",".join(f'"{cell}"' if "," in cell or '"' in cell else cell for cell in row) + "\n")
    return out.getvalue().encode()


@FUZZ
@given(
    content=st.one_of(
        st.binary(max_size=2000),
        st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=8), max_size=6).map(csv_rows),
        st.lists(st.text(max_size=20), min_size=1, max_size=5).map(
            lambda cells: csv_rows([["nip", "name", "agency_code", "position_title", "username"], cells])
        ),
    ),
    filename=st.sampled_from(["data.csv", "data.xlsx", "data.txt", "data"]),
    kind=st.sampled_from(["agency", "unit", "employee"]),
)
def test_fuzzed_import_files_never_fail_with_a_server_error_and_never_import_half(
    client_for, admin_user, content, filename, kind
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = Employee.objects.count()
    response = client_for(admin_user).post(
        reverse(f"admin:agencies_{kind}_import"), {"file": SimpleUploadedFile(filename, content)}
    )
    assert response.status_code < 500
    result = response.context["result"] if response.context and "result" in response.context else None
    if result is not None and getattr(result, "errors", None):
        assert Employee.objects.count() == before  # all-or-nothing: rows with errors import nothing


# ------------------------------------------------------------------------------------------------ backup and restore


def backup_view():
    """What must survive a restore: plans with their history, tasks, and the forum."""
    return {
        "plans": list(Plan.objects.order_by("pk").values("pk", "employee__nip", "stage", "predikat", "revision")),
        "events": list(PlanEvent.objects.order_by("pk").values("plan_id", "action", "comment", "actor__username")),
        "tasks": list(Task.objects.order_by("pk").values("pk", "flow_task", "status", "owner__username")),
        "topics": list(Topic.objects.order_by("pk").values("pk", "title", "post_count", "agency__code")),
        "posts": list(Post.objects.order_by("pk").values("pk", "topic_id", "body", "html", "author__username")),
    }


@pytest.mark.django_db(transaction=True)
def test_dumpdata_restored_into_an_empty_database_gives_the_same_plans_histories_and_forum(
    filled_plan, employee, supervisor, agency, tmp_path
):
    from forums import services as forum_services

    services.submit_plan(plan=filled_plan, by=employee.user)
    services.approve_plan(plan=filled_plan, by=supervisor.user, comment="Setuju")
    topic = forum_services.create_topic(
        author=employee.user, category=CategoryFactory(slug="b"), title="Jemput bola", body="**Isi**", agency=agency
    )
    forum_services.post_reply(topic=topic, author=supervisor.user, body="Bagus")
    expected = backup_view()
    assert expected["events"] and len(expected["posts"]) == 2

    dump = tmp_path / "kinerja.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        "--exclude=contenttypes",
        "--exclude=auth.permission",
        "--exclude=sessions",
        "--exclude=admin.logentry",
        "--exclude=audit",
        "--exclude=axes",
        output=str(dump),
        verbosity=0,
    )
    call_command("flush", "--no-input", verbosity=0)
    assert not Plan.objects.exists() and not Post.objects.exists()
    call_command("loaddata", str(dump), verbosity=0)

    assert backup_view() == expected
    assert json.loads(dump.read_text())  # a readable, non-empty JSON document
    # The restored plan carries on where it was.
    restored = Plan.objects.get(pk=filled_plan.pk)
    assert restored.stage == "realisation" and open_task(restored, "realisation") is not None
