"""The compliance board: who is late per agency and for the Pemda, the list behind it, and the bulk reminder."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent, AuditKind
from forums.models import Notification, NotificationKind
from reminders.models import Reminder
from reminders.services import set_email_preference
from tests.factories import AgencyFactory, CoordinatorFactory, EmployeeFactory, PeriodFactory, PlanFactory, UserFactory


def period_with_plan_due(days_from_today: int):
    today = timezone.localdate()
    starts = today - datetime.timedelta(days=90)
    return PeriodFactory(
        year=starts.year,
        name="Tahunan uji",
        starts_on=starts,
        plan_due=today + datetime.timedelta(days=days_from_today),
        ends_on=today + datetime.timedelta(days=200),
        evaluation_due=today + datetime.timedelta(days=220),
    )


@pytest.fixture
def late_agency(db):
    """Dukcapil: 3 people without a plan, 1 draft, 1 in review, 1 approved, 1 rated; plus one inactive."""
    agency = AgencyFactory(code="DUKCAPIL", short_name="Dukcapil", name="Dinas Kependudukan")
    people = {
        "none": [EmployeeFactory(agency=agency, name=f"Tanpa Rencana {n}") for n in range(3)],
        "draft": EmployeeFactory(agency=agency, name="Dina Draf"),
        "review": EmployeeFactory(agency=agency, name="Rika Reviu"),
        "approved": EmployeeFactory(agency=agency, name="Ari Setuju"),
        "rated": EmployeeFactory(agency=agency, name="Nilai Selesai"),
    }
    EmployeeFactory(agency=agency, is_active=False, name="Sudah Pensiun")
    return agency, people


def give_plans(people, period):
    for key, stage in (("draft", "draft"), ("review", "review"), ("approved", "realisation"), ("rated", "done")):
        PlanFactory(employee=people[key], period=period, stage=stage)


@pytest.fixture
def dukcapil_coordinator(late_agency):
    user = UserFactory(username="koordinator", first_name="Wulan", last_name="Sari")
    CoordinatorFactory(user=user, all_agencies=False).agencies.set([late_agency[0]])
    return user


def test_people_without_a_plan_after_the_plan_deadline_are_late_on_the_board_and_the_overview(
    late_agency, dukcapil_coordinator, client_for
):
    agency, people = late_agency
    period = period_with_plan_due(-30)
    give_plans(people, period)
    other = AgencyFactory(short_name="Dinkes")  # outside the coordinator's scope
    EmployeeFactory(agency=other, name="Orang Dinkes")
    client = client_for(dukcapil_coordinator)

    board = client.get(reverse("reports:compliance", args=[period.pk]))
    assert board.status_code == 200
    row = board.context["board"].rows[0]
    assert [r.name for r in board.context["board"].rows] == ["Dukcapil"]
    assert row.employees == 7
    assert row.counts == {"not_started": 3, "drafted": 1, "submitted": 1, "approved": 1, "rated": 1}
    assert row.late == 5 and row.level == "red"  # 3 without a plan, the draft and the one still in review
    plan_cell = row.cells[0]
    assert (plan_cell.deadline.key, plan_cell.met, plan_cell.pending, plan_cell.level) == ("plan", 2, 5, "red")
    content = board.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart progress-chart"' in content
    assert "<title" in content and "<desc" in content
    assert "Orang Dinkes" not in content and "Dinkes" not in content

    overview = client.get(reverse("reports:period_overview", args=[period.pk]))
    assert overview.context["overview"].rows[0].late == 5
    assert overview.context["overview"].totals.late == 5
    assert reverse("reminders:agency_people", args=[period.pk, agency.pk]) + "?status=late" in overview.content.decode()


def test_a_province_board_shows_its_agencies_fifty_a_page_the_most_late_first_with_totals_of_all(
    coordinator, client_for
):
    period = period_with_plan_due(-30)
    agencies = AgencyFactory.create_batch(51)
    for agency in agencies:
        EmployeeFactory(agency=agency)  # no plan after the deadline: late
    on_time = agencies[0]
    PlanFactory(employee=on_time.employees.get(), period=period, stage="done")
    client = client_for(coordinator)
    url = reverse("reports:compliance", args=[period.pk])

    first, second = client.get(url), client.get(url + "?page=2")

    assert len(first.context["rows"]) == 50 and all(row.late == 1 for row, _bar in first.context["rows"])
    assert [row.agency_id for row, _bar in second.context["rows"]] == [on_time.pk]
    assert first.context["board"].totals.late == second.context["board"].totals.late == 50
    assert first.content.decode().count('class="board-row ') == 50
    assert "Page 1 of 2" in first.content.decode()


def test_before_the_deadline_nobody_is_late_and_a_close_deadline_shows_amber(
    late_agency, dukcapil_coordinator, client_for
):
    agency, people = late_agency
    period = period_with_plan_due(5)
    give_plans(people, period)
    row = client_for(dukcapil_coordinator).get(reverse("reports:compliance", args=[period.pk])).context["board"].rows[0]
    assert row.late == 0
    assert row.soon == 5 and row.level == "amber"
    assert row.cells[0].level == "amber"


def test_the_people_list_filters_the_late_and_a_coordinator_reaches_it_in_two_clicks_from_home(
    late_agency, dukcapil_coordinator, client_for
):
    agency, people = late_agency
    period = period_with_plan_due(-30)
    give_plans(people, period)
    client = client_for(dukcapil_coordinator)

    home = client.get(reverse("home")).content.decode()
    board_url = reverse("reports:compliance", args=[period.pk])
    assert f'href="{board_url}"' in home  # click 1
    board = client.get(board_url).content.decode()
    late_url = reverse("reminders:agency_people", args=[period.pk, agency.pk]) + "?status=late"
    assert f'href="{late_url}"' in board  # click 2
    page = client.get(late_url)
    names = {item["person"].name for item in page.context["people"]}
    assert names == {"Tanpa Rencana 0", "Tanpa Rencana 1", "Tanpa Rencana 2", "Dina Draf", "Rika Reviu"}
    assert all(item["late"] for item in page.context["people"])
    approved = client.get(reverse("reminders:agency_people", args=[period.pk, agency.pk]) + "?status=approved")
    assert [item["person"].name for item in approved.context["people"]] == ["Ari Setuju"]
    assert not approved.context["people"][0]["late"]


def test_reminding_everyone_late_reaches_them_in_app_and_by_email_once_and_is_audited(
    late_agency, dukcapil_coordinator, client_for, django_capture_on_commit_callbacks
):
    agency, people = late_agency
    period = period_with_plan_due(-30)
    give_plans(people, period)
    set_email_preference(user=people["draft"].user, email=False)
    url = reverse("reminders:remind_agency", args=[period.pk, agency.pk])
    client = client_for(dukcapil_coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"everyone_late": "1"}, follow=True)
    assert "Reminders about 5 people are on their way" in response.content.decode()
    reminded = Notification.objects.filter(kind=NotificationKind.REMINDER)
    assert reminded.count() == 5
    assert set(reminded.values_list("user_id", flat=True)) == {
        *(person.user_id for person in people["none"]),
        people["draft"].user_id,
        people["review"].user_id,
    }
    notice = reminded.get(user=people["draft"].user)
    assert (
        notice.message
        == f"Wulan Sari reminds you of your plan (SKP) for Tahunan uji, due on {period.plan_due:%-d %B %Y}."
    )
    assert notice.url == reverse("workflow:plan_detail", args=[people["draft"].plans.get().pk])
    assert len(mail.outbox) == 4  # the person who turned e-mail off gets only the in-app one
    assert people["draft"].user.email not in {address for message in mail.outbox for address in message.to}
    assert "Wulan Sari reminds you" in mail.outbox[0].body
    event = AuditEvent.objects.get(kind=AuditKind.REMINDED)
    assert event.actor == dukcapil_coordinator and event.detail["people"] == "5"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"everyone_late": "1"})  # a second click the same day
    assert reminded.count() == 5 and len(mail.outbox) == 4
    assert Reminder.objects.count() == 5
    page = client.get(reverse("reminders:agency_people", args=[period.pk, agency.pk]) + "?status=late")
    assert all(item["reminded"] for item in page.context["people"])


def test_reminding_chosen_people_only_reaches_them_and_an_empty_choice_says_what_to_do(
    late_agency, dukcapil_coordinator, client_for, django_capture_on_commit_callbacks
):
    agency, people = late_agency
    period = period_with_plan_due(-30)
    give_plans(people, period)
    url = reverse("reminders:remind_agency", args=[period.pk, agency.pk])
    client = client_for(dukcapil_coordinator)
    response = client.post(url, {}, follow=True)
    assert "Choose at least one person, or remind everyone who is late." in response.content.decode()
    assert not Reminder.objects.exists()

    stranger = EmployeeFactory(agency=AgencyFactory())
    response = client.post(url, {"people": [stranger.pk]}, follow=True)  # not of this agency: refused, not sent
    assert "Only active employees of this agency can be reminded here." in response.content.decode()
    assert not Reminder.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"people": [people["approved"].pk]})
    assert list(Notification.objects.filter(kind=NotificationKind.REMINDER).values_list("user_id", flat=True)) == [
        people["approved"].user_id
    ]


def test_the_distribution_page_draws_each_agency_against_its_guideline(kabupaten, coordinator, client_for):
    period = kabupaten["period"]
    content = client_for(coordinator).get(reverse("reports:distribution", args=[period.pk])).content.decode()
    assert content.count('class="chart band-chart"') == 2
    assert re.search(r"<desc id=\"chart-\d+-d\">[^<]*%", content)


def test_the_recap_pdf_names_the_coordinator_in_full_and_keeps_predikat_headings_whole(kabupaten, client_for, settings):
    import io

    from pypdf import PdfReader

    user = UserFactory(username="199201252017061006", first_name="Wulan", last_name="Sari")  # a NIP username
    CoordinatorFactory(user=user, all_agencies=True)
    response = client_for(user).get(reverse("reports:recap_pdf", args=[kabupaten["period"].pk]))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "by Wulan Sari." in text and "199201252017061006" not in text
    assert "Needs improvement" in text or "Needs\nimprovement" in text
    assert "Needs improve\nment" not in text and "improv\nement" not in text


def test_the_guideline_in_force_is_listed_by_rank(kabupaten, coordinator, client_for):
    period = kabupaten["period"]
    rules = client_for(coordinator).get(reverse("reports:distribution", args=[period.pk])).context["rules"]
    assert list(rules) == ["ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"]


def test_an_agencys_dashboard_shows_its_late_people_in_red_and_a_zero_in_plain(
    late_agency, dukcapil_coordinator, client_for
):
    agency, people = late_agency
    period = period_with_plan_due(-30)
    give_plans(people, period)
    url = reverse("reports:agency_dashboard", args=[period.pk, agency.pk])
    late_url = reverse("reminders:agency_people", args=[period.pk, agency.pk]) + "?status=late"
    page = client_for(dukcapil_coordinator).get(url).content.decode()
    assert f'<div class="card is-late"><div class="stat"><a class="overdue-link" href="{late_url}">5</a>' in page
    assert '<div class="card"><div class="stat">0</div><div class="stat-label">Overdue tasks' in page  # nothing: plain
