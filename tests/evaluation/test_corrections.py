"""Correcting a published figure: a team member reopens it with a reason, it goes back to the PIC through the same
flow and is verified again by someone else; the correction is kept and counts on the board's data quality."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.status import PROCESS

from evaluation import services
from evaluation.flows import DataEntryFlow
from evaluation.models import DataCorrection, DataEntry, EntryStatus

from .test_data_entry import open_tasks


def published(entry, employee, colleague, value="90"):
    services.submit_entry(entry=entry, by=employee.user, value=Decimal(value), evidence_note="Laporan SIAK")
    return services.verify_entry(entry=entry, by=colleague.user)


def test_a_published_figure_is_reopened_corrected_and_verified_again(opened, client_for, employee, colleague, planner):
    entry = published(opened[0], employee, colleague)
    url = reverse("evaluation:entry_reopen", args=[entry.pk])
    assert client_for(planner).post(url, {"reason": ""}).status_code == 400
    assert client_for(planner).post(url, {"reason": "Data SIAK belum termasuk kecamatan baru."}).status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.RETURNED and entry.verified_by is None
    assert entry.process.status == PROCESS.NEW and open_tasks(entry) == ["enter"]
    assert entry.process.task_set.get(flow_task=DataEntryFlow.enter, finished__isnull=True).owner == employee.user
    correction = DataCorrection.objects.get()
    assert correction.previous_value == Decimal("90") and correction.previously_verified_by == colleague.user
    again = client_for(planner).post(url, {"reason": "Lagi"}, follow=True)  # a second click
    assert "already reopened" in again.content.decode() and DataCorrection.objects.count() == 1

    page = client_for(employee).get(reverse("evaluation:entry_detail", args=[entry.pk])).content.decode()
    assert "Data SIAK belum termasuk kecamatan baru." in page and "Submit for verification" in page
    services.submit_entry(entry=entry, by=employee.user, value=Decimal("88"), evidence_note="Laporan SIAK revisi")
    services.verify_entry(entry=entry, by=colleague.user)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED and entry.value == Decimal("88")
    assert entry.process.status == PROCESS.DONE and open_tasks(entry) == []


def test_only_a_published_figure_is_reopened_and_only_by_the_agency_s_reach(
    opened, client_for, employee, colleague, outsider
):
    url = reverse("evaluation:entry_reopen", args=[opened[0].pk])
    assert client_for(colleague).post(url, {"reason": "Salah"}).status_code == 403  # still open: nothing to reopen
    published(opened[0], employee, colleague)
    assert client_for(outsider).post(url, {"reason": "Salah"}).status_code == 404
    assert DataEntry.objects.get(pk=opened[0].pk).status == EntryStatus.PUBLISHED
    assert not DataCorrection.objects.exists()


def test_the_board_counts_figures_changed_after_verification(opened, client_for, employee, colleague, coordinator):
    from tests.factories import PeriodFactory

    today = timezone.localdate()
    period = PeriodFactory(
        year=today.year,
        starts_on=datetime.date(today.year, 1, 1),
        ends_on=datetime.date(today.year, 12, 31),
        plan_due=datetime.date(today.year, 1, 31),
        evaluation_due=datetime.date(today.year + 1, 1, 31),
    )
    DataEntry.objects.filter(pk__in=[entry.pk for entry in opened]).update(due_on=today + datetime.timedelta(days=9))
    DataEntry.objects.filter(pk__in=[opened[0].pk, opened[1].pk]).update(due_on=today)
    for entry in opened[:2]:
        published(entry, employee, colleague)
    services.reopen_entry(entry=opened[0], by=colleague.user, reason="Salah hitung")

    board = client_for(coordinator).get(reverse("reports:compliance", args=[period.pk])).content.decode()

    assert "Changed after verification" in board
    row = board[board.index("2 figures due") :]
    # Of 2 due: on time 2, verified 1 (the other reopened), evidence 2, changed 1 → (100 + 50 + 100 + 50) / 4 = 75.
    assert ">75</span>" in row and '<td class="num" data-label="Changed after verification">1</td>' in row


def test_the_board_trends_each_agency_s_quality_by_quarter_and_links_to_its_calendar(
    opened, client_for, employee, colleague, coordinator, agency
):
    from tests.factories import PeriodFactory

    today = timezone.localdate()
    period = PeriodFactory(
        year=today.year,
        starts_on=datetime.date(today.year, 1, 1),
        ends_on=datetime.date(today.year, 12, 31),
        plan_due=datetime.date(today.year, 1, 31),
        evaluation_due=datetime.date(today.year + 1, 1, 31),
    )
    DataEntry.objects.filter(pk__in=[entry.pk for entry in opened]).update(due_on=today + datetime.timedelta(days=9))
    january = published(opened[0], employee, colleague)
    DataEntry.objects.filter(pk=january.pk).update(
        due_on=datetime.date(today.year, 1, 20), submitted_at=timezone.now().replace(year=today.year, month=1, day=15)
    )
    DataEntry.objects.filter(pk=opened[1].pk).update(due_on=today)  # still open: late, unverified, no evidence

    board = client_for(coordinator).get(reverse("reports:compliance", args=[period.pk])).content.decode()

    trend = board[board.index('data-label="Trend by quarter"') :]
    trend = trend[: trend.index("</td>")]
    quarter_now = (today.month - 1) // 3 + 1
    assert "Q1 100</span>" in trend and f"Q{quarter_now} 25</span>" in trend
    reviews_link = f'<a href="{reverse("evaluation:review_list", args=[agency.pk])}">0</a>'
    assert reviews_link in board  # no open action: the link still reads 0 (never an empty, nameless link)
    assert trend.count("–</span>") == 4 - len({1, quarter_now})  # the other quarters: nothing due
    assert f"{reverse('evaluation:calendar', args=[agency.pk])}?year={today.year}" in trend
