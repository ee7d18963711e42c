"""Reads from a replica (common/replicas.py): which pages use it, read-your-writes, and the fall back to the primary.

The "replica" here is Django's test mirror of the test database (config/test_settings.py): the same rows through a
second connection, so the queries counted on each connection show where a page read from. A real streaming replica,
stopped and lagging, is in tests/faults/test_replica.py.
"""

import time

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.replicas import WROTE_COOKIE, forget_health

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture(autouse=True)
def replica_reads(settings):
    settings.KINERJA_REPLICA_READS = True
    forget_health()
    yield
    forget_health()
    connections["replica"].close()


def get(client, url):
    """The response, and the queries it ran on the primary and on the replica."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(url)
    return response, [q["sql"] for q in primary.captured_queries], [q["sql"] for q in replica.captured_queries]


@pytest.fixture
def board(coordinator, period, employee):
    return reverse("reports:compliance", args=[period.pk])


def test_the_compliance_board_reads_from_the_replica(client_for, coordinator, board, employee):
    client = client_for(coordinator)
    response, primary, replica = get(client, board)
    assert response.status_code == 200
    assert employee.agency.short_name in response.content.decode()
    assert any("workflow_plan" in sql for sql in replica)
    # the plans from the replica; viewflow's tasks (also on the board) always from the primary
    assert not [sql for sql in primary if "workflow_plan" in sql and "viewflow_task" not in sql]


def test_without_replica_reads_every_page_reads_from_the_primary(settings, client_for, coordinator, board):
    settings.KINERJA_REPLICA_READS = False
    response, primary, replica = get(client_for(coordinator), board)
    assert response.status_code == 200
    assert replica == [] and primary


def test_pages_not_declared_for_the_replica_read_from_the_primary(client_for, employee):
    response, primary, replica = get(client_for(employee), reverse("workflow:plan_list"))
    assert response.status_code == 200
    assert replica == [] and primary


def test_the_signed_in_identity_is_loaded_from_the_primary_on_a_replica_page(client_for, coordinator, period):
    response, primary, replica = get(client_for(coordinator), reverse("feedback:public_page"))
    assert response.status_code == 200
    assert replica, "the public page reads from the replica"
    assert any("auth_user" in sql for sql in primary)
    assert not any('"auth_user"' in sql for sql in replica)


def test_whoever_wrote_reads_from_the_primary_for_a_while(settings, client_for, coordinator, board):
    # Three seconds, not one: on a loaded machine the next page can come a second after the write.
    settings.KINERJA_REPLICA_STICKY_SECONDS = 3
    client = client_for(coordinator)
    wrote = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert wrote.cookies[WROTE_COOKIE]["max-age"] == 3
    response, _, replica = get(client, board)
    assert response.status_code == 200 and replica == []

    time.sleep(4.1)  # the cookie's signature carries its time in whole seconds
    _, _, replica = get(client, board)
    assert replica


def test_a_replica_that_cannot_be_reached_leaves_the_page_to_the_primary(client_for, coordinator, board, employee):
    replica = connections["replica"]
    if replica.connection is not None:  # Django keeps an in-memory database's connection open on close()
        replica.connection.close()
        replica.connection = None
    name = replica.settings_dict["NAME"]
    replica.settings_dict["NAME"] = "/nonexistent/kinerja-replica.sqlite3"
    try:
        with CaptureQueriesContext(connections["default"]) as primary:  # (capturing would connect to the replica)
            response = client_for(coordinator).get(board)
    finally:
        replica.settings_dict["NAME"] = name
    assert response.status_code == 200
    assert employee.agency.short_name in response.content.decode()
    assert any("workflow_plan" in sql["sql"] for sql in primary.captured_queries)


def test_a_page_whose_replica_read_fails_is_served_again_from_the_primary(client_for, coordinator, board, employee):
    def failing(execute, sql, params, many, context):
        return execute("SELECT * FROM table_lost_on_the_replica", None, many, context)

    client = client_for(coordinator)
    client.raise_request_exception = False  # the first run's error is logged; the page is what counts
    with connections["replica"].execute_wrapper(failing):
        response, primary, _ = get(client, board)
    assert response.status_code == 200
    assert employee.agency.short_name in response.content.decode()
    assert any("workflow_plan" in sql for sql in primary)
