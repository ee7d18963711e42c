"""Monitoring reviews through their pages: the pre-filled agenda, obstacles and actions, escalation onto the next
Pemda evaluation meeting (seen there with its history) and the forum's decisions coming back, the minutes PDF."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluation import services
from evaluation.models import Action, ItemKind, Obstacle, Review
from forums import services as forum_services
from tests.factories import IndicatorTargetFactory
from tests.feedback.factories import ComplaintCategoryFactory, submit

from .conftest import YEAR


@pytest.fixture
def amber_month(opened, iku, employee, colleague):
    """January published at 80 against a target of 100: amber (75–100 %)."""
    IndicatorTargetFactory(indicator=iku, year=YEAR, value=100)
    services.submit_entry(entry=opened[0], by=employee.user, value=Decimal("80"), evidence_note="Laporan SIAK")
    services.verify_entry(entry=opened[0], by=colleague.user)
    services.submit_entry(entry=opened[1], by=employee.user, value=Decimal("82"), evidence_note="Laporan SIAK")
    return opened


@pytest.fixture
def meeting(coordinator, agency, period):
    starts_at = timezone.now() + datetime.timedelta(days=20)
    return forum_services.schedule_meeting(
        by=coordinator, period=period, title="Forum Evaluasi Pemda", starts_at=starts_at, agencies=[agency]
    )


def open_review(client, agency):
    return client.post(
        reverse("evaluation:review_open", args=[agency.pk]),
        {"held_on": f"{YEAR}-04-05", "covers_from": f"{YEAR}-01-01", "covers_to": f"{YEAR}-03-31"},
    )


def test_the_agenda_is_pre_filled_from_the_agency_s_data(amber_month, client_for, colleague, agency):
    category = ComplaintCategoryFactory(agency=agency)
    complaint, _secret = submit(category)
    type(complaint).objects.filter(pk=complaint.pk).update(verify_due=timezone.now() - datetime.timedelta(days=1))
    response = open_review(client_for(colleague), agency)
    assert response.status_code == 302
    review = Review.objects.get()
    kinds = list(review.items.values_list("kind", flat=True))
    assert kinds[0] == ItemKind.IKU_AMBER
    assert kinds.count(ItemKind.LATE_DATA) == 1  # March: past due, not entered (February waits for verification)
    assert ItemKind.UNVERIFIED_DATA in kinds and ItemKind.COMPLAINTS_OVERDUE in kinds
    page = client_for(colleague).get(response["Location"]).content.decode()
    assert "Latest figure 80 against the target 100." in page
    assert re.search(r"Due \d{1,2} [A-Z][a-z]+ \d{4}, not entered\.", page)  # a date in words, not 2026-04-10
    assert "1 complaints past their deadline" in page or "1 complaint" in page


def test_bad_input_re_renders_and_an_outsider_gets_404(amber_month, client_for, colleague, outsider, agency):
    bad = client_for(colleague).post(
        reverse("evaluation:review_open", args=[agency.pk]),
        {"held_on": f"{YEAR}-04-05", "covers_from": f"{YEAR}-03-01", "covers_to": f"{YEAR}-01-31"},
    )
    assert bad.status_code == 400 and not Review.objects.exists()
    assert open_review(client_for(outsider), agency).status_code == 404
    open_review(client_for(colleague), agency)
    review = Review.objects.get()
    assert client_for(outsider).get(reverse("evaluation:review_detail", args=[review.pk])).status_code == 404
    item = review.items.first()
    empty = client_for(colleague).post(reverse("evaluation:obstacle_add", args=[item.pk]), {"category": "budget"})
    assert empty.status_code == 400 and not Obstacle.objects.exists()


def test_obstacle_action_escalation_and_the_forum_s_decision_coming_back(
    amber_month, client_for, colleague, employee, agency, meeting, coordinator
):
    client = client_for(colleague)
    open_review(client, agency)
    item = Review.objects.get().items.get(kind=ItemKind.IKU_AMBER)
    client.post(
        reverse("evaluation:obstacle_add", args=[item.pk]),
        {"category": "system", "description": "Antrean manual", "root_cause": "Belum ada sistem antrean daring"},
    )
    obstacle = Obstacle.objects.get()
    client.post(
        reverse("evaluation:action_add", args=[obstacle.pk]),
        {"owner": employee.pk, "text": "Uji coba antrean daring", "due_on": f"{YEAR}-06-30"},
    )
    assert Action.objects.get().owner == employee

    escalate = reverse("evaluation:obstacle_escalate", args=[obstacle.pk])
    assert client.post(escalate).status_code == 302
    assert client.post(escalate).status_code == 302  # a second click keeps the first escalation
    obstacle.refresh_from_db()
    agenda_item = meeting.items.get(agency=agency)
    assert obstacle.status == "escalated" and obstacle.escalated_to == agenda_item

    forum_page = client_for(coordinator).get(reverse("forums:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Escalated by the agency" in forum_page and "Belum ada sistem antrean daring" in forum_page
    assert "Uji coba antrean daring" in forum_page

    forum_services.add_note(
        meeting=meeting, by=coordinator, item=agenda_item, text="Bantuan Diskominfo", is_decision=True
    )
    forum_services.add_action_item(
        meeting=meeting,
        by=coordinator,
        owner_agency=agency,
        item=agenda_item,
        text="Diskominfo pasang aplikasi antrean",
        due_on=datetime.date(YEAR, 8, 31),
    )
    review_page = client.get(reverse("evaluation:review_detail", args=[item.review_id])).content.decode()
    assert "Forum decision: Bantuan Diskominfo" in review_page
    assert "Forum action: Diskominfo pasang aplikasi antrean" in review_page
    # The escalated obstacle leads to the meeting that takes it up.
    assert f'href="{reverse("forums:meeting_detail", args=[meeting.pk])}"' in review_page


def test_escalation_needs_a_scheduled_meeting(amber_month, client_for, colleague, agency):
    client = client_for(colleague)
    open_review(client, agency)
    item = Review.objects.get().items.first()
    services.add_obstacle(item=item, by=colleague.user, category="data", description="Data telat", root_cause="SDM")
    obstacle = Obstacle.objects.get()
    response = client.post(reverse("evaluation:obstacle_escalate", args=[obstacle.pk]), follow=True)
    assert "No Pemda evaluation meeting is scheduled" in response.content.decode()
    obstacle.refresh_from_db()
    assert obstacle.status == "open"


def test_progress_on_an_action_from_the_agency_s_list(amber_month, client_for, colleague, employee, agency):
    open_review(client_for(colleague), agency)
    item = Review.objects.get().items.first()
    obstacle = services.add_obstacle(item=item, by=colleague.user, category="staff", description="x", root_cause="y")
    action = services.add_action(
        obstacle=obstacle, by=colleague.user, owner=employee, text="Latih petugas", due_on=datetime.date(YEAR, 1, 31)
    )
    listing = client_for(colleague).get(reverse("evaluation:review_list", args=[agency.pk])).content.decode()
    assert "Latih petugas" in listing and "badge overdue" in listing
    client_for(colleague).post(
        reverse("evaluation:action_update", args=[action.pk]), {"status": "done", "progress": "Selesai 20 orang"}
    )
    action.refresh_from_db()
    assert (action.status, action.progress) == ("done", "Selesai 20 orang")
    assert (
        "Latih petugas"
        not in client_for(colleague).get(reverse("evaluation:review_list", args=[agency.pk])).content.decode()
    )


def test_minutes_pdf(amber_month, client_for, colleague, agency):
    open_review(client_for(colleague), agency)
    review = Review.objects.get()
    services.add_obstacle(
        item=review.items.first(), by=colleague.user, category="data", description="x", root_cause="y"
    )
    response = client_for(colleague).get(reverse("evaluation:minutes_pdf", args=[review.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and "notulen-" in response["Content-Disposition"]


def test_the_review_page_costs_the_same_queries_whatever_its_size(amber_month, client_for, colleague, employee, agency):
    client = client_for(colleague)
    open_review(client, agency)
    review = Review.objects.get()
    url = reverse("evaluation:review_detail", args=[review.pk])

    def count():
        client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def grow(items):
        for item in review.items.all()[:items]:
            obstacle = services.add_obstacle(
                item=item, by=colleague.user, category="data", description="d", root_cause="r"
            )
            services.add_action(
                obstacle=obstacle, by=colleague.user, owner=employee, text="a", due_on=datetime.date(YEAR, 5, 1)
            )

    grow(1)  # one obstacle with one action: every kind of row is on the page
    small = count()
    grow(4)
    grow(4)
    assert count() == small <= 15


def test_the_coordinator_s_board_shows_data_quality_and_open_actions(
    amber_month, client_for, coordinator, colleague, employee, agency, outsider
):
    from tests.factories import PeriodFactory

    period = PeriodFactory(
        year=YEAR,
        name="Tahunan 2026",
        starts_on=datetime.date(YEAR, 1, 1),
        ends_on=datetime.date(YEAR, 12, 31),
        plan_due=datetime.date(YEAR, 1, 31),
        evaluation_due=datetime.date(YEAR + 1, 1, 31),
    )
    open_review(client_for(colleague), agency)
    obstacle = services.add_obstacle(
        item=Review.objects.get().items.first(), by=colleague.user, category="data", description="x", root_cause="y"
    )
    services.add_action(
        obstacle=obstacle, by=colleague.user, owner=employee, text="a", due_on=datetime.date(YEAR, 1, 2)
    )
    board = client_for(coordinator).get(reverse("reports:compliance", args=[period.pk])).content.decode()
    assert "IKU data quality" in board
    # Of the figures due by today, January alone is verified; January and February carry evidence.
    due = sum(1 for entry in amber_month if entry.due_on <= timezone.localdate())
    assert f"{due} figures due" in board
    assert f">{round(100 / due)} %<" in board and f">{round(200 / due)} %<" in board
    assert reverse("evaluation:calendar", args=[agency.pk]) in board
    assert reverse("evaluation:review_list", args=[agency.pk]) in board and "1 overdue" in board


def test_a_new_monitoring_meeting_is_suggested_for_today_and_the_three_months_after_the_last_one(
    amber_month, client_for, colleague, agency
):
    """The form's dates were empty: held today, covering the quarter after the latest meeting's (none skipped or
    covered twice), or the last quarter that has ended for the agency's first one; in a date field's ISO form
    whatever the reader's language."""
    client = client_for(colleague)
    url = reverse("evaluation:review_list", args=[agency.pk])
    today = timezone.localdate()
    quarter = (today.month - 1) // 3
    first_year, first_quarter = (today.year, quarter - 1) if quarter else (today.year - 1, 3)
    starts = datetime.date(first_year, 3 * first_quarter + 1, 1)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert f'name="held_on" value="{today.isoformat()}"' in page
    assert f'name="covers_from" value="{starts.isoformat()}"' in page
    open_review(client, agency)  # January to March
    page = client.get(url).content.decode()
    assert f'name="covers_from" value="{YEAR}-04-01"' in page and f'name="covers_to" value="{YEAR}-06-30"' in page
