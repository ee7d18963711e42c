"""The year's data calendar opens at once, so a PIC holds every later month's entry from January on. A figure can be
entered from its period's first day: before that it is not "to enter" on the home page or in the inbox, "My IKU
data" lists it apart as coming up, and its page says when it opens instead of offering the form."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation import services
from evaluation.models import DataEntry, EntryStatus

from .test_data_entry import evidence, open_tasks

HOME = reverse("home")


@pytest.fixture
def next_year(schedule, coordinator, team):
    """Next year's twelve entries: every one of a period still to come."""
    year = timezone.localdate().year + 1
    services.open_data_entries(year=year, agency_ids=[schedule.indicator.agency_id], by=coordinator)
    return list(schedule.entries.filter(starts_on__year=year).order_by("starts_on"))


def section(html: str, pattern: str) -> str:
    found = re.search(pattern, html, re.S)
    return found.group(0) if found else ""


def test_entries_of_periods_still_to_come_are_not_to_enter_at_home_or_in_the_inbox(
    client_for, employee, opened, next_year
):
    client = client_for(employee)
    home = section(client.get(HOME, HTTP_ACCEPT_LANGUAGE="en").content.decode(), r'id="iku-data">.*?</section>')
    assert "12 figures to enter" in home  # this year's, not next year's 12 on top
    inbox = client.get(reverse("workflow:inbox"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    listed = {int(pk) for pk in re.findall(r"/evaluasi/entri/(\d+)/", inbox)}
    assert listed and not listed & {entry.pk for entry in next_year}


def test_my_iku_data_lists_what_is_coming_up_apart_with_the_day_each_opens(client_for, employee, opened, next_year):
    page = client_for(employee).get(reverse("evaluation:my_entries"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    main, coming = page.split('id="upcoming"')
    assert "Coming up: 12 figures of periods still to come" in coming
    first = next_year[0]
    assert reverse("evaluation:entry_detail", args=[first.pk]) in coming
    assert f"1 Jan {first.starts_on.year}" in coming
    assert reverse("evaluation:entry_detail", args=[first.pk]) not in main
    assert reverse("evaluation:entry_detail", args=[opened[-1].pk]) in main


def test_a_figure_of_a_period_still_to_come_cannot_be_entered_and_its_page_says_when_it_opens(
    client_for, employee, next_year
):
    entry, client = next_year[0], client_for(employee)
    page = client.get(reverse("evaluation:entry_detail", args=[entry.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert f"This figure can be entered from 1 January {entry.starts_on.year}, when its period begins." in html
    assert reverse("evaluation:entry_submit", args=[entry.pk]) not in html

    refused = client.post(
        reverse("evaluation:entry_submit", args=[entry.pk]),
        {"value": "90", "evidence": evidence()},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert refused.redirect_chain[-1][0] == reverse("evaluation:entry_detail", args=[entry.pk])
    assert "when its period begins" in str(list(refused.context["messages"])[0])
    entry.refresh_from_db()
    assert entry.status == EntryStatus.OPEN and entry.value is None and open_tasks(entry) == ["enter"]


def test_the_figure_opens_on_its_periods_first_day(client_for, employee, next_year):
    entry = next_year[0]
    today = timezone.localdate()
    DataEntry.objects.filter(pk=entry.pk).update(starts_on=today, ends_on=today + datetime.timedelta(days=30))
    response = client_for(employee).post(
        reverse("evaluation:entry_submit", args=[entry.pk]), {"value": "90", "evidence": evidence()}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED and open_tasks(entry) == ["verify"]


def test_the_inbox_badge_counts_the_figures_to_enter_now_and_to_verify_not_those_to_come(
    client_for, employee, colleague, opened, next_year
):
    from tests.feedback.test_waiting import inbox_badge

    DataEntry.objects.filter(pk=opened[0].pk).update(status=EntryStatus.SUBMITTED, entered_by=employee.user)
    assert inbox_badge(client_for(employee).get(HOME)) == 11  # this year's other figures; none of next year's
    assert inbox_badge(client_for(colleague).get(reverse("evaluation:my_entries"))) == 1  # to verify
