"""The home page's IKU data panel (evaluation/panels.py): a PIC finds their figures to enter, a team member the
figures waiting for their verification and their agency's calendar, reviews and team; nobody else sees it."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluation.models import DataEntry, EntryStatus

HOME = reverse("home")


def panel(response) -> str:
    found = re.search(r'<section class="card" id="iku-data">.*?</section>', response.content.decode(), re.S)
    return found.group(0) if found else ""


def test_the_pic_finds_their_figures_to_enter_and_the_late_ones(client_for, employee, opened):
    late = DataEntry.objects.filter(due_on__lt=timezone.localdate()).count()
    html = panel(client_for(employee).get(HOME, HTTP_ACCEPT_LANGUAGE="en"))
    assert reverse("evaluation:my_entries") in html
    assert "12 figures to enter" in html
    assert (f"{late} late" in html) == bool(late)


def test_a_team_member_sees_what_waits_for_verification_but_not_what_they_entered(
    client_for, employee, colleague, agency, opened
):
    DataEntry.objects.filter(pk=opened[0].pk).update(status=EntryStatus.SUBMITTED, entered_by=employee.user)
    member = panel(client_for(colleague).get(HOME, HTTP_ACCEPT_LANGUAGE="en"))
    assert "1 figure waits for your verification" in member
    assert reverse("evaluation:calendar", args=[agency.pk]) in member
    assert reverse("evaluation:review_list", args=[agency.pk]) in member
    pic = panel(client_for(employee).get(HOME, HTTP_ACCEPT_LANGUAGE="en"))
    assert "verification" not in pic  # four eyes: their own figure is someone else's to verify


def test_the_count_leads_to_the_figures_waiting_and_each_to_its_page(client_for, employee, colleague, agency, opened):
    """The home page's "1 figure waits for your verification" is a link; the list it leads to names the same figures
    (not the person's own) and each one leads to the page where it is verified."""
    waiting, own = opened[0], opened[1]
    DataEntry.objects.filter(pk=waiting.pk).update(status=EntryStatus.SUBMITTED, entered_by=employee.user)
    DataEntry.objects.filter(pk=own.pk).update(status=EntryStatus.SUBMITTED, entered_by=colleague.user)
    client = client_for(colleague)
    link = reverse("evaluation:my_entries") + "#to-verify"
    assert f'<a href="{link}">1 figure waits for your verification</a>' in panel(client.get(HOME))
    page = client.get(reverse("evaluation:my_entries")).content.decode()
    section = re.search(r'<section id="to-verify">.*?</section>', page, re.S).group(0)
    assert "Waiting for your verification" in section and employee.full_name in section
    assert reverse("evaluation:entry_detail", args=[waiting.pk]) in section
    assert reverse("evaluation:entry_detail", args=[own.pk]) not in section  # four eyes
    verify = client.get(reverse("evaluation:entry_detail", args=[waiting.pk])).content.decode()
    assert reverse("evaluation:entry_verify", args=[waiting.pk]) in verify


def test_nothing_waiting_shows_no_verification_section(client_for, employee, opened):
    page = client_for(employee).get(reverse("evaluation:my_entries")).content.decode()
    assert 'id="to-verify"' not in page


def test_someone_without_figures_or_a_team_seat_sees_no_panel(client_for, outsider, opened):
    response = client_for(outsider).get(HOME)
    assert response.status_code == 200 and panel(response) == ""


def test_the_home_page_costs_the_same_queries_with_more_figures(client_for, employee, opened, schedule, coordinator):
    from evaluation import services
    from evaluation.models import DataSchedule, ValueKind
    from tests.factories import IndicatorFactory

    client = client_for(employee)
    client.get(HOME)
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    for _ in range(3):
        indicator = IndicatorFactory(agency=schedule.indicator.agency)
        DataSchedule.objects.create(
            indicator=indicator, frequency="monthly", pic=employee, due_day=10, value_kind=ValueKind.COUNT
        )
    services.open_data_entries(year=opened[0].starts_on.year, agency_ids=[schedule.indicator.agency_id], by=coordinator)
    client.get(HOME)  # new rows make the next request reload the signed-in identity once (agencies/identity.py)
    with CaptureQueriesContext(connection) as many:
        html = panel(client.get(HOME, HTTP_ACCEPT_LANGUAGE="en"))
    assert "48 figures to enter" in html
    assert len(many) == len(few) <= 15


def test_the_inbox_lists_the_figures_to_enter_and_to_verify_soonest_due_first(client_for, employee, colleague, opened):
    DataEntry.objects.filter(pk=opened[0].pk).update(status=EntryStatus.SUBMITTED, entered_by=employee.user)
    inbox = reverse("workflow:inbox")
    pic = client_for(employee).get(inbox, HTTP_ACCEPT_LANGUAGE="en").content.decode().split("IKU figures", 1)[1]
    rows = re.findall(r'href="/evaluasi/entri/(\d+)/"', pic)
    assert rows == [str(entry.pk) for entry in opened[1:11]]  # ten, soonest due first; the submitted one is not theirs
    assert reverse("evaluation:my_entries") in pic and "All my IKU data" in pic  # two more wait there
    member = client_for(colleague).get(inbox, HTTP_ACCEPT_LANGUAGE="en").content.decode().split("IKU figures", 1)[1]
    assert re.findall(r'href="/evaluasi/entri/(\d+)/"', member) == [str(opened[0].pk)]
    assert "To verify" in member and "To enter" not in member


def test_a_figure_waiting_for_verification_says_since_when_and_is_late_after_two_days(
    client_for, colleague, employee, opened
):
    import datetime

    sent = timezone.now() - datetime.timedelta(days=5)
    DataEntry.objects.filter(pk=opened[0].pk).update(
        status=EntryStatus.SUBMITTED, entered_by=employee.user, submitted_at=sent
    )
    DataEntry.objects.filter(pk=opened[1].pk).update(
        status=EntryStatus.SUBMITTED, entered_by=employee.user, submitted_at=timezone.now()
    )
    day = timezone.localtime(sent).strftime("%-d %b %Y")
    for url in (reverse("workflow:inbox"), reverse("evaluation:my_entries")):
        page = client_for(colleague).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        old, fresh = (
            re.search(rf'href="/evaluasi/entri/{entry.pk}/".*?</tr>', page, re.S).group(0) for entry in opened[:2]
        )
        assert f"Sent {day}" in old and "Waiting 5 days" in old and 'class="badge overdue"' in old
        assert "Sent " in fresh and not re.search(r"Waiting \d+ day", fresh)  # sent today: not late yet


def test_a_team_member_sees_how_many_of_the_agencys_iku_are_not_on_the_calendar(
    client_for, colleague, agency, schedule, team
):
    from tests.factories import IndicatorFactory

    IndicatorFactory(agency=agency, code="IKU2", name="Cakupan akta kelahiran")
    IndicatorFactory(agency=agency, code="IKU3", name="Lama antrean", is_active=False)  # not asked for
    html = panel(client_for(colleague).get(HOME, HTTP_ACCEPT_LANGUAGE="en"))
    assert "1 IKU not on the data calendar" in html
    assert f'href="{reverse("evaluation:calendar", args=[agency.pk])}"' in html
