"""The month-end rush's accounting (bench/rush.py, bench/rush_data.py): every write request carries a unique mark,
the rows are counted per mark afterwards, and a lost, duplicated or unreported write fails the phase."""

import re

import pytest

from bench import load, rush, rush_data
from tests.factories import PlanFactory, PostFactory, RealisationFactory, ResultPlanFactory
from workflow.models import Evidence, Feedback, PlanEvent

BASE = "http://127.0.0.1:8120"


def test_every_successful_write_found_once_passes():
    sent = [("feedback", "rush-0000abcd-1", True), ("reply", "rush-0000abcd-2", True)]

    accounted = rush.account(sent, {"rush-0000abcd-1": 1, "rush-0000abcd-2": 1})

    assert accounted["passed"] is True
    assert accounted["by_kind"]["feedback"] == {
        "succeeded": 1,
        "failed": 0,
        "rows": 1,
        "lost": 0,
        "duplicated": 0,
        "unreported": 0,
    }


def test_a_successful_write_without_its_row_is_lost():
    accounted = rush.account([("realisation", "rush-0000abcd-1", True)], {})

    assert accounted["passed"] is False
    assert accounted["by_kind"]["realisation"]["lost"] == 1


def test_a_mark_on_two_rows_is_a_duplicated_write():
    accounted = rush.account([("approval", "rush-0000abcd-1", True)], {"rush-0000abcd-1": 2})

    assert accounted["passed"] is False
    assert accounted["by_kind"]["approval"]["duplicated"] == 1


def test_a_row_written_by_a_request_the_client_saw_fail_is_unreported():
    accounted = rush.account([("reply", "rush-0000abcd-1", False)], {"rush-0000abcd-1": 1})

    assert accounted["passed"] is False
    assert accounted["by_kind"]["reply"] == {
        "succeeded": 0,
        "failed": 1,
        "rows": 1,
        "lost": 0,
        "duplicated": 0,
        "unreported": 1,
    }


def test_a_failed_write_without_a_row_is_no_accounting_error_and_a_stranger_mark_is():
    assert rush.account([("reply", "rush-0000abcd-1", False)], {})["passed"] is True

    accounted = rush.account([], {"rush-0000abcd-9": 1})

    assert accounted["passed"] is False
    assert accounted["unknown_marks"] == ["rush-0000abcd-9"]


def test_a_write_answered_200_is_a_refused_form_and_fails_the_phase():
    write = load.Request("feedback", "/plans/1/feedback/", b"POST ...", write=True)
    read = load.Request("inbox", "/inbox/", load.build(BASE, "/inbox/", {"sessionid": "s"}))

    figures = load.summarise([(write, 200, 5.0, ""), (write, 302, 5.0, "/plans/1/"), (read, 200, 3.0, "")], seconds=1)

    assert figures["passed"] is False
    assert figures["errors_by_url"] == {"/plans/1/feedback/": {"form refused": 1}}


def _writer(role: str, reviews=()):
    person = {"role": role, "plan_id": 7, "indicators": [70, 71], "topic_id": 3, "reviews": [list(r) for r in reviews]}
    return rush.Writer(BASE, person, {"sessionid": "s", "csrftoken": "c"}, "TOKEN", "0000abcd", [0])


def test_each_write_has_its_own_mark_and_the_csrf_token_and_cookie():
    writer = _writer("employee")
    evidence = rush.evidence_pdf()

    written = [writer.next(evidence) for _ in range(8)]

    marks = [mark for _, mark, _ in written]
    assert len(set(marks)) == 8
    assert all(rush.MARK.fullmatch(mark) for mark in marks)
    for _, mark, request in written:
        assert request.write
        assert mark.encode() in request.raw
        assert b"csrfmiddlewaretoken" in request.raw and b"TOKEN" in request.raw
        assert b"Cookie: sessionid=s; csrftoken=c" in request.raw
    assert [kind for kind, _, _ in written[:4]] == ["realisation", "feedback", "reply", "realisation"]


def test_a_realisation_is_a_multipart_form_with_a_1_mb_pdf():
    kind, _, request = _writer("employee").next(rush.evidence_pdf())

    head, body = request.raw.split(b"\r\n\r\n", 1)
    assert kind == "realisation"
    assert head.startswith(b"POST /plans/7/indicators/")
    assert int(re.search(rb"Content-Length: (\d+)", head).group(1)) == len(body)
    assert b'name="files"; filename="bukti-rush.pdf"' in body
    assert len(body) > rush.EVIDENCE_BYTES
    assert b"%PDF-1.4" in body


def test_each_plan_in_review_is_decided_once_then_the_supervisor_gives_feedback():
    writer = _writer("supervisor", reviews=[(5, 50)])
    evidence = rush.evidence_pdf()

    kinds = [writer.next(evidence) for _ in range(4)]

    assert [kind for kind, _, _ in kinds] == ["approval", "feedback", "reply", "feedback"]
    assert kinds[0][2].url == "/plans/5/tasks/50/"


def test_the_cycle_is_six_reads_and_four_writes():
    assert rush.CYCLE.count("read") == 6
    assert rush.CYCLE.count("write") == 4


@pytest.mark.django_db
def test_the_count_finds_each_mark_on_the_rows_of_every_kind():
    plan = PlanFactory(stage="realisation")
    author = plan.employee.user
    Feedback.objects.create(plan=plan, author=author, text="Catatan (rush-0000abcd-1)")
    complete = RealisationFactory(indicator__result__plan=plan, description="Capaian (rush-0000abcd-2)")
    Evidence.objects.create(realisation=complete, file="evidence/a.pdf", size=rush.EVIDENCE_BYTES, original_name="a")
    RealisationFactory(indicator__result__plan=plan, description="Capaian (rush-0000abcd-3)")  # no evidence file
    PlanEvent.objects.create(plan=plan, actor=author, action="approved", comment="ok (rush-0000abcd-4)")
    PlanEvent.objects.create(plan=plan, actor=author, action="returned", comment="not approval (rush-0000abcd-6)")
    PostFactory(body="Terima kasih (rush-0000abcd-5)")
    Feedback.objects.create(plan=plan, author=author, text="another run (rush-ffffffff-1)")

    found = rush_data.count("0000abcd")

    assert found == {"rush-0000abcd-1": 1, "rush-0000abcd-2": 1, "rush-0000abcd-4": 1, "rush-0000abcd-5": 1}


def _through_the_site(client, request):
    """Send a rush request's own bytes (head and body) to the site through the test client."""
    head, body = request.raw.split(b"\r\n\r\n", 1)
    content_type = re.search(rb"Content-Type: ([^\r\n]+)", head).group(1).decode()
    return client.generic("POST", request.url, data=body, content_type=content_type)


def _person(client, person, run, counter):
    client.get(person["token_page"])
    page = client.get(person["token_page"]).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookies = {"csrftoken": client.cookies["csrftoken"].value}
    return rush.Writer("http://testserver", person, cookies, token, run, counter)


@pytest.mark.django_db
def test_the_rush_writes_go_through_the_real_forms_with_csrf_and_are_each_counted_once(
    employee, colleague, supervisor, period
):
    from django.test import Client
    from viewflow.workflow.models import Task

    from workflow import services
    from workflow.flows import PlanFlow

    above = PlanFactory(employee=supervisor, period=period, stage="realisation", supervisor=supervisor.supervisor)
    supports = ResultPlanFactory(plan=above, text="Meningkatnya kecepatan layanan")  # what their RHK cascade from
    plans = []
    for person in (employee, colleague):
        plan = services.start_plan(employee=person, period=period)
        result = services.add_result(plan=plan, by=person.user, text="Terbitnya KTP-el", supports=supports)
        services.add_indicator(result=result, by=person.user, description="KTP-el", target_value=5, target_unit="d")
        services.submit_plan(plan=plan, by=person.user)
        plans.append(plan)
    services.approve_plan(plan=plans[0], by=supervisor.user)  # the employee's plan is in realisation
    review = Task.objects.get(process__planprocess__plan=plans[1], flow_task=PlanFlow.review, status="ASSIGNED")
    topic = PostFactory().topic
    detail = f"/plans/{plans[0].pk}/"
    indicator = plans[0].results.get().indicators.get().pk
    staff = {"role": "employee", "plan_id": plans[0].pk, "indicators": [indicator], "topic_id": topic.pk}
    boss = {"role": "supervisor", "plan_id": plans[0].pk, "topic_id": topic.pk, "reviews": [[plans[1].pk, review.pk]]}
    counter, sent, evidence = [0], [], rush.evidence_pdf()
    for user, person in ((employee.user, staff), (supervisor.user, boss)):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        writer = _person(client, person | {"token_page": detail}, "0000abcd", counter)
        for _ in range(4):
            kind, mark, request = writer.next(evidence)
            response = _through_the_site(client, request)
            assert response.status_code == 302, (kind, response.status_code)
            sent.append((kind, mark, True))

    accounted = rush.account(sent, rush_data.count("0000abcd"))

    assert accounted["passed"] is True
    written = {kind: row["succeeded"] for kind, row in accounted["by_kind"].items()}
    assert written == {"realisation": 2, "approval": 1, "feedback": 3, "reply": 2}
    assert Evidence.objects.filter(size__gte=rush.EVIDENCE_BYTES).count() == 2


@pytest.mark.django_db
def test_without_the_csrf_token_a_rush_write_is_refused(employee, period):
    from django.test import Client

    plan = PlanFactory(employee=employee, period=period, stage="realisation")
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee.user)
    person = {"role": "employee", "plan_id": plan.pk, "indicators": [1], "topic_id": 1}
    writer = rush.Writer("http://testserver", person, {}, "not-the-token", "0000abcd", [0])
    writer.turn = 1  # feedback

    assert _through_the_site(client, writer.next(b"")[2]).status_code == 403


@pytest.mark.django_db
def test_plans_seeded_for_review_are_decided_by_the_engine_like_submitted_ones(employee, colleague, supervisor, period):
    from viewflow.workflow.models import Task

    from workflow import services
    from workflow.flows import PlanFlow

    above = PlanFactory(employee=supervisor, period=period, stage="realisation", supervisor=supervisor.supervisor)
    supports = ResultPlanFactory(plan=above)
    drafts = []
    for person in (employee, colleague):
        plan = services.start_plan(employee=person, period=period)
        services.add_result(plan=plan, by=person.user, text="Terbitnya KTP-el", supports=supports)
        drafts.append(plan)

    assert rush_data.seed_reviews(period=period, supervisors=1, per_supervisor=1) == 1
    assert rush_data.seed_reviews(period=period, supervisors=1, per_supervisor=1) == 0  # already has one waiting

    waiting = Task.objects.get(flow_task=PlanFlow.review, status="ASSIGNED")
    assert waiting.owner == supervisor.user
    plan = waiting.process.planprocess.plan
    assert plan.stage == "review"
    assert PlanEvent.objects.filter(plan=plan, action="submitted").exists()
    services.approve_plan(plan=plan, by=supervisor.user, comment="ok")
    plan.refresh_from_db()
    assert plan.stage == "realisation"
    assert Task.objects.filter(process__planprocess__plan=plan, flow_task=PlanFlow.realisation).exists()
