"""The scheduled command: overdue steps escalate once to the agency head, silent complaints close, contacts purge
after the retention period (UU 27/2022); running it again changes nothing."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from feedback import services
from feedback.models import Complaint, EventKind, Status
from tests.feedback.factories import submit


def run():
    out = StringIO()
    call_command("complaint_housekeeping", stdout=out)
    return out.getvalue()


@pytest.fixture
def later(monkeypatch):
    """later(days) moves the clock forward for the services."""

    def move(days):
        moment = timezone.now() + datetime.timedelta(days=days)
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
        return moment

    return move


def test_an_overdue_verification_escalates_once_to_the_agency_head(
    category, head, later, django_capture_on_commit_callbacks
):
    complaint, _secret = submit(category)
    later(10)
    with django_capture_on_commit_callbacks(execute=True):
        assert "Escalated: 1" in run()
    complaint.refresh_from_db()
    assert complaint.escalated_at is not None
    assert mail.outbox[-1].to == [head.user.email] and complaint.code in mail.outbox[-1].subject
    assert "Escalated: 0" in run()
    assert complaint.events.filter(kind=EventKind.ESCALATED, is_public=False).count() == 1


def test_an_overdue_complaint_is_flagged_in_the_desk_list(category, coordinator, client_for, later):
    complaint, _secret = submit(category)
    later(10)
    page = client_for(coordinator).get("/pengaduan/?overdue=1").content.decode()
    assert complaint.code in page and "overdue-row" in page


def test_a_fresh_complaint_is_not_in_the_overdue_list(category, coordinator, client_for):
    complaint, _secret = submit(category)
    assert complaint.code not in client_for(coordinator).get("/pengaduan/?overdue=1").content.decode()


def test_silent_complaints_close_through_the_command(category, coordinator, officer, later):
    complaint, _secret = submit(category)
    services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    services.answer_complaint(complaint=complaint, by=officer.user, answer="Sudah.")
    later(15)
    assert "closed automatically: 1" in run()
    assert "closed automatically: 0" in run()
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED


def test_contacts_are_purged_a_year_after_closing_and_only_then(category, coordinator, later, settings):
    settings.KINERJA_COMPLAINT_CONTACT_RETENTION_DAYS = 365
    complaint, _secret = submit(category)
    services.verify_complaint(complaint=complaint, by=coordinator, decision="spam")
    later(300)
    assert "contacts purged: 0" in run()
    later(366)
    assert "contacts purged: 1" in run()
    assert "contacts purged: 0" in run()
    complaint.refresh_from_db()
    assert (complaint.reporter_name, complaint.reporter_email, complaint.reporter_phone) == ("", "", "")
    assert complaint.contact_purged_at is not None
    assert Complaint.objects.filter(reporter_email="warga@example.org").count() == 0
