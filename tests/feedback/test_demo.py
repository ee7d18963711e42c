"""The complaints step of seed_demo: a story told in the past whose public steps agree with its dates."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from feedback import services
from feedback.models import Complaint, Event, EventKind, Status
from forums.models import Notification


@pytest.fixture
def demo(db, settings):
    """The demo up to its complaints, as `make run` loads it."""
    settings.KINERJA_DEMO_SEEDERS = [
        "agencies.demo.seed",
        "workflow.demo.seed",
        "forums.demo.seed",
        "feedback.demo.seed",
    ]
    call_command("seed_demo", force=True, verbosity=0)


def test_the_demo_s_answered_complaints_show_their_answer_on_the_day_it_was_given(demo):
    answered = Complaint.objects.exclude(answered_at=None)
    assert answered.exists()
    for complaint in answered:
        answer = Event.objects.get(complaint=complaint, kind=EventKind.ANSWERED)
        received = Event.objects.get(complaint=complaint, kind=EventKind.SUBMITTED)
        assert answer.created_at.date() == complaint.answered_at.date()  # the timeline says what the answer says
        assert received.created_at.date() == complaint.submitted_at.date()
    # The officers' "answer it" notices carry the deadline the complaint page shows, and only the open one is new.
    for complaint in Complaint.objects.all():
        notices = Notification.objects.filter(url=reverse("feedback:complaint_detail", args=[complaint.pk]))
        assert notices.exists()
        for notice in notices:
            assert notice.data["due"] == timezone.localdate(complaint.answer_due).isoformat()
            assert notice.created_at >= complaint.submitted_at
            assert (notice.read_at is None) == (complaint.answered_at is None)


def test_the_demo_s_unanswered_verdict_closed_when_the_rule_says_not_on_the_day_the_demo_is_loaded(demo, settings):
    """An answer with no response from the reporter for the set days is closed automatically; the demo's old one was
    closed then, and the housekeeping that `make run` starts finds nothing more to close."""
    silent = Complaint.objects.get(status=Status.CLOSED, events__kind=EventKind.AUTO_CLOSED)
    closes_at = silent.answered_at + datetime.timedelta(days=settings.KINERJA_COMPLAINT_AUTO_CLOSE_DAYS)
    assert silent.closed_at == closes_at < timezone.now() - datetime.timedelta(days=1)
    assert silent.events.get(kind=EventKind.AUTO_CLOSED).created_at == closes_at  # the public timeline agrees
    assert services.close_silent_complaints() == 0
