"""Two people act on the same complaint step at the same moment (PostgreSQL, real row locks, one connection per
person): exactly one transition is recorded, and the other person is told the step was already handled."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from feedback import services
from feedback.models import Complaint, EventKind, Status
from tests.factories import CoordinatorFactory, EmployeeFactory, UserFactory
from tests.feedback.factories import OfficerFactory, submit

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers and has no row locks")


def at_once(users, url, data):
    """POST `data` to `url` as each user at the same moment; returns each one's (status code, messages)."""
    barrier = threading.Barrier(len(users))

    def act(user):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=10)
            response = client.post(url, data)
            return response.status_code, [str(message) for message in get_messages(response.wsgi_request)]
        finally:
            connection.close()

    with ThreadPoolExecutor(len(users)) as pool:
        return list(pool.map(act, users))


def assert_one_won(results):
    assert sorted(code for code, _messages in results) == [302, 302], results
    said = sorted(message for _code, messages in results for message in messages)
    assert said == ["Saved.", "This step was already handled: the page shows its outcome."], said


def test_two_desk_members_verifying_at_once_send_it_to_the_agency_once(category):
    complaint, _secret = submit(category)
    desk = [UserFactory(username=f"desk{number}") for number in range(2)]
    for user in desk:
        CoordinatorFactory(user=user, all_agencies=True)

    results = at_once(desk, f"/pengaduan/{complaint.pk}/verifikasi/", {"decision": "verify", "category": category.pk})

    assert_one_won(results)
    complaint.refresh_from_db()
    assert complaint.status == Status.WITH_AGENCY
    assert complaint.events.filter(kind=EventKind.VERIFIED).count() == 1
    verify_tasks = Task.objects.filter(process__complaintprocess__complaint=complaint, flow_task_type="HUMAN")
    assert verify_tasks.filter(status=STATUS.DONE).count() == 1
    assert verify_tasks.filter(status__in=services.OPEN_TASK_STATUSES).count() == 1  # the agency's answer, once


def test_two_officers_answering_at_once_publish_one_answer(category, agency, coordinator):
    complaint, _secret = submit(category)
    services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    officers = [EmployeeFactory(agency=agency, user__username=f"petugas{number}").user for number in range(2)]
    for user in officers:
        OfficerFactory(agency=agency, user=user)

    results = at_once(officers, f"/pengaduan/{complaint.pk}/jawab/", {"answer": "KTP-el sudah dicetak."})

    assert_one_won(results)
    complaint = Complaint.objects.get(pk=complaint.pk)
    assert complaint.status == Status.ANSWERED and complaint.answer == "KTP-el sudah dicetak."
    assert complaint.events.filter(kind=EventKind.ANSWERED).count() == 1
