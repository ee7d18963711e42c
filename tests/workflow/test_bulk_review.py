"""Bulk review: the supervisor's list of submitted plans with counts and warnings, several approved at once, each
approval its own recorded transition; plans with warnings are never approved unseen; a second submission is
harmless. The parallel double submission of 50 plans runs on PostgreSQL."""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from viewflow.workflow.models import Task

from tests.factories import EmployeeFactory
from tests.workflow.conftest import open_task
from workflow import services
from workflow.flows import PlanFlow
from workflow.models import Action, Plan, PlanEvent, Stage

URL = reverse("workflow:bulk_review")


def submitted(person, period, supports):
    plan = services.start_plan(employee=person, period=period)
    result = services.add_result(plan=plan, by=person.user, text=f"RHK {person.name}", supports=supports)
    services.add_indicator(
        result=result, by=person.user, description="Dokumen terbit", target_value=10, target_unit="dokumen"
    )
    return services.submit_plan(plan=plan, by=person.user)


@pytest.fixture
def two_submitted(employee, colleague, period, supervisor_rhk):
    return submitted(employee, period, supervisor_rhk), submitted(colleague, period, supervisor_rhk)


def approvals(plan):
    return PlanEvent.objects.filter(plan=plan, action=Action.APPROVED)


def test_the_list_shows_counts_and_warnings_and_only_clean_plans_can_be_ticked(two_submitted, supervisor, client_for):
    clean, revised = two_submitted
    Plan.objects.filter(pk=revised.pk).update(revision=1)
    page = client_for(supervisor).get(URL).content.decode()
    assert f'name="plans" value="{clean.pk}"' in page
    assert f'name="plans" value="{revised.pk}"' not in page
    assert "A revision of an approved plan" in page
    assert reverse("workflow:task_detail", args=[revised.pk, open_task(revised, "review").pk]) in page
    assert "1 / 1" in page  # the main RHK is linked


def test_selected_plans_are_approved_each_as_its_own_transition(two_submitted, supervisor, client_for):
    response = client_for(supervisor).post(URL, {"plans": [plan.pk for plan in two_submitted]}, follow=True)
    assert "2 plans approved." in response.content.decode()
    for plan in two_submitted:
        plan.refresh_from_db()
        assert plan.stage == Stage.REALISATION
        event = approvals(plan).get()
        assert event.actor == supervisor.user and "bulk review" in event.comment
        assert Task.objects.get(process__planprocess__plan=plan, flow_task=PlanFlow.review).status == "DONE"
        assert open_task(plan, "realisation") is not None


def test_a_plan_with_warnings_is_not_approved_even_if_posted(two_submitted, supervisor, client_for):
    clean, revised = two_submitted
    Plan.objects.filter(pk=revised.pk).update(revision=1)
    response = client_for(supervisor).post(URL, {"plans": [clean.pk, revised.pk]}, follow=True)
    assert "the plan has warnings; open it to review" in response.content.decode()
    assert approvals(clean).count() == 1 and not approvals(revised).exists()
    assert Plan.objects.get(pk=revised.pk).stage == Stage.REVIEW


def test_a_second_submission_is_harmless(two_submitted, supervisor, client_for):
    client = client_for(supervisor)
    data = {"plans": [plan.pk for plan in two_submitted]}
    client.post(URL, data)
    again = client.post(URL, data, follow=True).content.decode()
    assert "2 plans were no longer waiting for your review." in again
    assert all(approvals(plan).count() == 1 for plan in two_submitted)


def test_someone_elses_plans_are_not_approved(two_submitted, outsider, client_for):
    boss = outsider.supervisor
    response = client_for(boss).post(URL, {"plans": [plan.pk for plan in two_submitted]}, follow=True)
    assert "no longer waiting for your review" in response.content.decode()
    assert not any(approvals(plan).exists() for plan in two_submitted)


def test_nothing_chosen_and_people_without_a_team(two_submitted, supervisor, employee, client_for):
    assert "Choose the plans" in client_for(supervisor).post(URL, {}, follow=True).content.decode()
    assert client_for(employee).get(URL).status_code == 403
    assert client_for(employee).post(URL, {"plans": [two_submitted[1].pk]}).status_code == 403
    assert not approvals(two_submitted[1]).exists()


def test_the_list_costs_the_same_queries_for_one_plan_or_several(
    employee, colleague, agency, unit, supervisor, period, supervisor_rhk, client_for, django_assert_max_num_queries
):
    submitted(employee, period, supervisor_rhk)
    client = client_for(supervisor)
    client.get(URL)
    with django_assert_max_num_queries(15):
        client.get(URL)
    for n in range(4):
        person = EmployeeFactory(agency=agency, unit=unit, supervisor=supervisor, user__username=f"staff{n}")
        submitted(person, period, supervisor_rhk)
    with django_assert_max_num_queries(15):
        assert client.get(URL).content.decode().count('name="plans"') == 5


PARALLEL = 2  # the same list submitted twice at once (a double click, two tabs)
PLANS = 50


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_plans_submitted_twice_in_parallel_give_exactly_fifty_transitions(
    agency, unit, supervisor, period, supervisor_rhk
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers and has no row locks")
    people = [
        EmployeeFactory(agency=agency, unit=unit, supervisor=supervisor, user__username=f"bulk{n}")
        for n in range(PLANS)
    ]
    plans = [submitted(person, period, supervisor_rhk) for person in people]
    data = {"plans": [plan.pk for plan in plans]}
    barrier = threading.Barrier(PARALLEL)

    def post(_):
        client = Client()
        client.force_login(supervisor.user)
        try:
            barrier.wait(timeout=10)
            started = time.monotonic()
            page = client.post(URL, data, follow=True).content.decode()
            return page, time.monotonic() - started
        finally:
            connection.close()

    with ThreadPoolExecutor(PARALLEL) as pool:
        results = list(pool.map(post, range(PARALLEL)))

    assert PlanEvent.objects.filter(plan__in=plans, action=Action.APPROVED).count() == PLANS
    assert Plan.objects.filter(pk__in=[plan.pk for plan in plans], stage=Stage.REALISATION).count() == PLANS
    reviews = Task.objects.filter(process__planprocess__plan__in=plans, flow_task=PlanFlow.review)
    assert reviews.filter(status="DONE").count() == PLANS and reviews.count() == PLANS
    realisations = Task.objects.filter(process__planprocess__plan__in=plans, flow_task=PlanFlow.realisation)
    assert realisations.count() == PLANS
    pages = [page for page, _seconds in results]
    approved = sum(int(n) for page in pages for n in re.findall(r"(\d+) plans? approved", page))
    assert approved == PLANS
    print(f"bulk approval of {PLANS} plans, {PARALLEL} parallel submissions: {max(s for _p, s in results):.2f} s")
