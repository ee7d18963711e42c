"""Parallel transitions on PostgreSQL: the process row lock lets exactly one approval through.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_workflow (skipped on SQLite).
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from viewflow.workflow.models import Task

from tests.workflow.conftest import open_task
from workflow import services
from workflow.models import Action, Plan, PlanEvent

PARALLEL = 8


def fire_in_parallel(user, url, data):
    """POST the same form from PARALLEL threads at once; each thread has its own DB connection."""
    barrier = threading.Barrier(PARALLEL)

    def post(_):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=10)
            return client.post(url, data, follow=True).content.decode()
        finally:
            connection.close()

    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(post, range(PARALLEL)))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_approvals_give_exactly_one_transition_and_a_clear_message_to_the_others(
    filled_plan, employee, supervisor
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers and has no row locks")
    services.submit_plan(plan=filled_plan, by=employee.user)
    url = reverse("workflow:task_detail", args=[filled_plan.pk, open_task(filled_plan, "review").pk])

    pages = fire_in_parallel(supervisor.user, url, {"decision": "approve", "comment": ""})

    assert sum("The plan was approved." in page for page in pages) == 1
    assert sum("already handled" in page for page in pages) == PARALLEL - 1
    assert PlanEvent.objects.filter(plan=filled_plan, action=Action.APPROVED).count() == 1
    assert Plan.objects.get(pk=filled_plan.pk).stage == "realisation"
    assert Task.objects.filter(process__planprocess__plan=filled_plan, flow_task_type="HUMAN").count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_of_a_draft_submit_it_once(filled_plan, employee):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    url = reverse("workflow:task_detail", args=[filled_plan.pk, open_task(filled_plan, "draft").pk])

    pages = fire_in_parallel(employee.user, url, {})

    assert sum("submitted for review" in page for page in pages) == 1
    assert PlanEvent.objects.filter(plan=filled_plan, action=Action.SUBMITTED).count() == 1
    assert Task.objects.filter(process__planprocess__plan=filled_plan, status="ASSIGNED").count() == 1
