"""Preparing a year's periods in one step: shown first, created on confirmation, following the year before."""

import calendar
import datetime

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from agencies import selectors
from agencies.models import Period
from agencies.period_years import shift_year
from tests.factories import PeriodFactory

pytestmark = pytest.mark.django_db

URL = reverse("agencies:period_year")


def this_year() -> int:
    return timezone.localdate().year


@pytest.fixture
def last_year_periods():
    """This year's calendar as a Pemda keeps it: the annual period, its quarters, and a monthly period of February."""
    year = this_year()
    annual = PeriodFactory(
        year=year, name=f"Tahunan {year}", status="running", review_frequency="monthly", review_due_days=7
    )
    quarters = [
        PeriodFactory(
            year=year,
            name=f"Triwulan {roman} {year}",
            kind="quarterly",
            starts_on=datetime.date(year, 3 * i + 1, 1),
            ends_on=datetime.date(year, 3 * i + 3, calendar.monthrange(year, 3 * i + 3)[1]),
            plan_due=datetime.date(year, 3 * i + 1, 15),
            evaluation_due=datetime.date(year, 3 * i + 3, 20) + datetime.timedelta(days=20),
            status="closed" if i < 2 else "running",
        )
        for i, roman in enumerate(("I", "II", "III", "IV"))
    ]
    february = PeriodFactory(
        year=year,
        name=f"Februari {year}",
        kind="monthly",
        starts_on=datetime.date(year, 2, 1),
        ends_on=datetime.date(year, 3, 1) - datetime.timedelta(days=1),
        plan_due=datetime.date(year, 2, 5),
        evaluation_due=datetime.date(year, 3, 10),
    )
    return annual, quarters, february


def test_shift_year_keeps_month_ends_and_days():
    assert shift_year(datetime.date(2027, 2, 28), 1) == datetime.date(2028, 2, 29)
    assert shift_year(datetime.date(2028, 2, 29), 1) == datetime.date(2029, 2, 28)
    assert shift_year(datetime.date(2028, 2, 28), 1) == datetime.date(2029, 2, 28)
    assert shift_year(datetime.date(2026, 1, 31), 1) == datetime.date(2027, 1, 31)
    assert shift_year(datetime.date(2026, 4, 15), 1) == datetime.date(2027, 4, 15)


def test_the_preview_shows_next_year_and_creates_nothing(client_for, coordinator, last_year_periods):
    year = this_year() + 1
    response = client_for(coordinator).get(URL, {"year": year})
    assert response.status_code == 200
    page = response.content.decode()
    for name in (f"Tahunan {year}", f"Triwulan I {year}", f"Triwulan IV {year}", f"Februari {year}"):
        assert name in page
    assert f"Following the periods of {year - 1}" in page
    assert "6 periods will be created" in page
    assert not Period.objects.filter(year=year).exists()


def test_confirming_creates_the_year_following_the_one_before(client_for, coordinator, last_year_periods):
    annual, quarters, february = last_year_periods
    year = this_year() + 1
    response = client_for(coordinator).post(URL, {"year": year}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("agencies:period_list")
    assert f"6 periods of {year} were created." in response.content.decode()

    created = {period.name: period for period in Period.objects.filter(year=year)}
    assert set(created) == {
        f"Tahunan {year}",
        *(f"Triwulan {r} {year}" for r in ("I", "II", "III", "IV")),
        f"Februari {year}",
    }
    new_annual = created[f"Tahunan {year}"]
    assert (new_annual.starts_on, new_annual.ends_on) == (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    assert new_annual.plan_due == shift_year(annual.plan_due, 1)
    assert new_annual.evaluation_due == shift_year(annual.evaluation_due, 1)
    # The Pemda's settings carry over; every new period starts in planning, whatever the old one's status.
    assert (new_annual.review_frequency, new_annual.review_due_days) == ("monthly", 7)
    assert {period.status for period in created.values()} == {"planning"}
    new_q3 = created[f"Triwulan III {year}"]
    assert (new_q3.starts_on, new_q3.ends_on) == (datetime.date(year, 7, 1), datetime.date(year, 9, 30))
    new_february = created[f"Februari {year}"]
    last_of_february = datetime.date(year, 3, 1) - datetime.timedelta(days=1)
    assert new_february.ends_on == last_of_february  # 28 or 29 as that year has it


def test_a_second_click_adds_nothing(client_for, coordinator, last_year_periods):
    year = this_year() + 1
    client = client_for(coordinator)
    client.post(URL, {"year": year})
    response = client.post(URL, {"year": year}, follow=True)
    assert f"The periods of {year} were already there; nothing was added." in response.content.decode()
    assert Period.objects.filter(year=year).count() == 6
    preview = client.get(URL, {"year": year}).content.decode()
    assert f"Every period of {year} is already there." in preview
    assert "Create the periods of" not in preview


def test_a_period_entered_by_hand_is_kept_and_not_doubled(client_for, coordinator, last_year_periods):
    year = this_year() + 1
    by_hand = PeriodFactory(year=year, name=f"SKP {year}", status="planning", plan_due=datetime.date(year, 2, 15))
    client = client_for(coordinator)
    preview = client.get(URL, {"year": year}).content.decode()
    assert f"Already there: SKP {year}" in preview
    assert "5 periods will be created" in preview

    client.post(URL, {"year": year})
    annual = Period.objects.get(year=year, kind="annual")
    assert annual == by_hand
    assert annual.plan_due == datetime.date(year, 2, 15)
    assert Period.objects.filter(year=year).count() == 6


def test_without_a_year_before_the_usual_calendar_is_proposed_in_the_pemdas_language(client_for, coordinator, settings):
    settings.LANGUAGE_CODE = "id"
    year = this_year() + 1
    client = client_for(coordinator)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(URL, {"year": year}).content.decode()
    assert "The year before has no periods to follow" in page  # the coordinator reads English

    client.post(URL, {"year": year})
    periods = list(Period.objects.filter(year=year).order_by("kind", "starts_on"))
    assert [(p.name, p.kind) for p in periods] == [
        (f"Tahunan {year}", "annual"),
        (f"Triwulan I {year}", "quarterly"),
        (f"Triwulan II {year}", "quarterly"),
        (f"Triwulan III {year}", "quarterly"),
        (f"Triwulan IV {year}", "quarterly"),
    ]
    annual = periods[0]
    assert (annual.plan_due, annual.evaluation_due) == (datetime.date(year, 1, 31), datetime.date(year + 1, 1, 10))
    second_quarter = periods[2]
    assert (second_quarter.starts_on, second_quarter.ends_on) == (datetime.date(year, 4, 1), datetime.date(year, 6, 30))
    assert second_quarter.plan_due == datetime.date(year, 4, 15)
    assert second_quarter.evaluation_due == datetime.date(year, 7, 10)


@pytest.mark.parametrize("year", ["1999", "abc", str(this_year() + 3)])
def test_a_year_out_of_reach_is_refused_and_nothing_is_created(client_for, coordinator, last_year_periods, year):
    before = Period.objects.count()
    response = client_for(coordinator).post(URL, {"year": year})
    assert response.status_code == 400
    assert 'id="year-error"' in response.content.decode()
    assert Period.objects.count() == before


def test_the_period_list_offers_the_next_year(client_for, coordinator, last_year_periods):
    year = this_year() + 1
    page = client_for(coordinator).get(reverse("agencies:period_list")).content.decode()
    assert f"{URL}?year={year}" in page
    assert f"Prepare {year}" in page


def test_a_coordinator_s_home_reminds_of_a_year_without_periods_and_nobody_else_s_does(
    client_for, coordinator, employee
):
    year = this_year()
    PeriodFactory(year=year - 1, name=f"Tahunan {year - 1}", status="evaluating")  # this year has begun without one
    reminder = f'<a class="button primary" href="{URL}?year={year}">Prepare {year}</a>'
    assert reminder in client_for(coordinator).get(reverse("home")).content.decode()
    assert f"Prepare {year}" not in client_for(employee).get(reverse("home")).content.decode()
    PeriodFactory(year=year, name=f"Tahunan {year}")
    PeriodFactory(year=year + 1, name=f"Tahunan {year + 1}", status="planning")
    assert "has no periods yet" not in client_for(coordinator).get(reverse("home")).content.decode()


def test_the_reminder_comes_in_the_last_quarter_or_when_the_year_has_begun():
    assert selectors.should_prepare_year(year=2027, today=datetime.date(2026, 10, 1))
    assert selectors.should_prepare_year(year=2027, today=datetime.date(2026, 12, 31))
    assert not selectors.should_prepare_year(year=2027, today=datetime.date(2026, 9, 30))
    assert selectors.should_prepare_year(year=2027, today=datetime.date(2027, 2, 1))  # late, so all the more
    assert not selectors.should_prepare_year(year=2028, today=datetime.date(2026, 12, 1))


def test_year_to_prepare_is_the_one_after_the_latest_annual_period(last_year_periods):
    today = timezone.localdate()
    assert selectors.year_to_prepare(today=today) == this_year() + 1


def test_year_to_prepare_without_any_period_is_this_year():
    assert selectors.year_to_prepare(today=datetime.date(2030, 5, 1)) == 2030


def test_the_new_period_form_starts_with_the_next_annual_period(client_for, coordinator, last_year_periods):
    annual, _quarters, _february = last_year_periods
    year = this_year() + 1
    form = client_for(coordinator).get(reverse("agencies:period_create")).context["form"]
    assert form.initial["name"] == f"Tahunan {year}"
    assert form.initial["year"] == year
    assert form.initial["starts_on"] == datetime.date(year, 1, 1)
    assert form.initial["plan_due"] == shift_year(annual.plan_due, 1)


def test_someone_who_does_not_manage_periods_cannot_prepare_a_year(client_for, employee, last_year_periods):
    client = client_for(employee)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"year": this_year() + 1}).status_code == 403
    assert not Period.objects.filter(year=this_year() + 1).exists()


def test_once_next_year_is_prepared_the_year_after_is_not_offered(client_for, coordinator, last_year_periods):
    client = client_for(coordinator)
    client.post(URL, {"year": this_year() + 1})
    page = client.get(reverse("agencies:period_list")).content.decode()
    assert f"Prepare {this_year() + 2}" not in page


def test_a_post_without_a_year_is_refused_and_the_page_without_one_proposes_the_next(
    client_for, coordinator, last_year_periods
):
    client = client_for(coordinator)
    response = client.post(URL, {})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    assert not Period.objects.filter(year=this_year() + 1).exists()
    page = client.get(URL, {"utm_source": "mail"})
    assert page.status_code == 200 and f"Periods of {this_year() + 1}" in page.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_preparing_the_same_year_at_once_create_each_period_once(monkeypatch):
    """Each reads what the year is missing, then creates it: the kinds' advisory locks make the second wait and find
    everything there."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    from agencies import services

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite transactions begin IMMEDIATE and already take turns")
    year = this_year() + 1
    parallel = 3
    barrier = threading.Barrier(parallel)
    validate = Period.full_clean

    def slow_full_clean(self, *args, **kwargs):
        validate(self, *args, **kwargs)
        time.sleep(0.1)  # widen the window between reading what is missing and inserting it

    monkeypatch.setattr(Period, "full_clean", slow_full_clean)

    def prepare(_number):
        try:
            barrier.wait(timeout=10)
            return len(services.prepare_year(year=year))
        finally:
            connection.close()

    with ThreadPoolExecutor(parallel) as pool:
        created = sorted(pool.map(prepare, range(parallel)))

    assert created == [0] * (parallel - 1) + [5]
    assert Period.objects.filter(year=year).count() == 5
