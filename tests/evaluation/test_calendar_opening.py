"""Opening a year's data calendar, found where a coordinator looks: their home reminds them of a year still to open
(this year's, or the next one's from October), the opening page shows each agency's IKU on the calendar and already
opened, with those still to open ticked, and an agency's calendar offers the opening of the year it shows."""

import datetime
import re

import pytest
from django.urls import reverse

from agencies.models import Agency
from evaluation import selectors, services
from evaluation.models import DataEntry
from tests.factories import CoordinatorFactory, IndicatorFactory, UserFactory

from .conftest import YEAR

OPEN = reverse("evaluation:calendar_open")


@pytest.fixture
def unscheduled_agency(other_agency):
    IndicatorFactory(agency=other_agency, code="IKU-K1", name="Waktu tunggu Puskesmas")
    return other_agency


def row_of(page: str, agency) -> str:
    found = re.search(rf"<tr>(?:(?!</tr>).)*{re.escape(agency.name)}.*?</tr>", page, re.S)
    return found.group(0) if found else ""


def test_the_page_shows_each_agency_and_ticks_those_with_scheduled_iku_still_to_open(
    client_for, coordinator, schedule, unscheduled_agency
):
    page = client_for(coordinator).get(f"{OPEN}?year={YEAR}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Open the data calendar of {YEAR}" in page
    mine = row_of(page, schedule.indicator.agency)
    assert 'name="agencies"' in mine and "checked" in mine and "Not opened" in mine
    other = row_of(page, unscheduled_agency)
    assert 'name="agencies"' not in other and "No IKU on the calendar" in other and "1 without a schedule" in other


def test_opening_from_the_page_opens_the_ticked_agencies_and_a_second_time_opens_nothing(
    client_for, coordinator, schedule, team
):
    client = client_for(coordinator)
    agency = schedule.indicator.agency
    response = client.post(OPEN, {"year": YEAR, "agencies": [agency.pk]}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.redirect_chain[-1][0] == f"{OPEN}?year={YEAR}"
    assert "12 data-entry tasks opened." in response.content.decode()
    assert "Opened" in row_of(response.content.decode(), agency)
    assert "checked" not in row_of(response.content.decode(), agency)  # nothing left to open there
    again = client.post(OPEN, {"year": YEAR, "agencies": [agency.pk]}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "0 data-entry tasks opened." in again.content.decode()
    assert DataEntry.objects.filter(schedule=schedule, starts_on__year=YEAR).count() == 12


def test_nothing_ticked_re_renders_with_the_error_and_opens_nothing(client_for, coordinator, schedule):
    response = client_for(coordinator).post(OPEN, {"year": YEAR}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page and f"Open the data calendar of {YEAR}" in page
    assert "checked" not in row_of(page, schedule.indicator.agency)  # the choice as sent, not the default
    assert not DataEntry.objects.exists()


def test_the_agency_calendar_offers_the_opening_of_its_year_to_a_coordinator_only(
    client_for, coordinator, colleague, schedule, team
):
    agency = schedule.indicator.agency
    url = f"{reverse('evaluation:calendar', args=[agency.pk])}?year={YEAR + 1}"
    page = client_for(coordinator).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"The {YEAR + 1} calendar is not open yet" in page and 'id="open-year"' in page
    assert f'href="?year={YEAR}"' in page and f'href="?year={YEAR + 2}"' in page
    member = client_for(colleague).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="open-year"' not in member  # a team member reads the calendar; a coordinator opens it

    response = client_for(coordinator).post(
        OPEN, {"year": YEAR + 1, "agencies": [agency.pk], "back": "calendar"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302 and response["Location"] == url
    page = client_for(coordinator).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="open-year"' not in page and DataEntry.objects.filter(starts_on__year=YEAR + 1).count() == 12


def test_a_coordinator_of_other_agencies_cannot_open_this_one(client_for, schedule, other_agency):
    scoped = UserFactory(username="coordinator_dinkes")
    CoordinatorFactory(user=scoped, all_agencies=False).agencies.add(other_agency)
    agency = schedule.indicator.agency
    response = client_for(scoped).post(OPEN, {"year": YEAR, "agencies": [agency.pk]})
    assert response.status_code == 400  # not one of their choices
    assert not DataEntry.objects.exists()
    page = client_for(scoped).get(OPEN).content.decode()
    assert agency.name not in page


def test_the_year_to_remind_is_this_years_else_from_october_the_next_ones(coordinator, schedule, team):
    agencies = Agency.objects.all()
    assert selectors.calendar_year_to_remind(agencies=agencies, today=datetime.date(YEAR, 3, 1)) == (YEAR, 1)
    services.open_data_entries(year=YEAR, agency_ids=[schedule.indicator.agency_id], by=coordinator)
    assert selectors.calendar_year_to_remind(agencies=agencies, today=datetime.date(YEAR, 9, 30)) is None
    assert selectors.calendar_year_to_remind(agencies=agencies, today=datetime.date(YEAR, 10, 1)) == (YEAR + 1, 1)
    services.open_data_entries(year=YEAR + 1, agency_ids=[schedule.indicator.agency_id], by=coordinator)
    assert selectors.calendar_year_to_remind(agencies=agencies, today=datetime.date(YEAR, 12, 1)) is None


def test_the_coordinators_home_reminds_of_the_calendar_still_to_open(client_for, coordinator, employee, schedule):
    home = client_for(coordinator).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    reminder = re.search(r'<section class="card" id="calendar-to-open">.*?</section>', home, re.S).group(0)
    year = re.search(r"(\d{4}): not open for 1 agency", reminder).group(1)
    assert f"{OPEN}?year={year}" in reminder
    assert 'id="calendar-to-open"' not in client_for(employee).get(reverse("home")).content.decode()
