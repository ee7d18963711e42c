"""A period whose status lags its dates is pointed out on the period list, and one click moves it forward."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import Period
from agencies.selectors import status_by_dates
from tests.factories import PeriodFactory

pytestmark = pytest.mark.django_db

LIST = reverse("agencies:period_list")


def period_around(today, *, status, starts_in_days, lasts_days=90, name="Triwulan uji"):
    starts_on = today + datetime.timedelta(days=starts_in_days)
    ends_on = starts_on + datetime.timedelta(days=lasts_days)
    return PeriodFactory(
        year=starts_on.year,
        name=name,
        kind="quarterly",
        starts_on=starts_on,
        ends_on=ends_on,
        plan_due=starts_on,
        evaluation_due=ends_on + datetime.timedelta(days=10),
        status=status,
    )


@pytest.mark.parametrize(
    "status, starts_in_days, expected",
    [
        ("planning", 5, None),  # not begun
        ("planning", 0, "running"),  # begins today
        ("planning", -100, "evaluating"),  # over, never marked running
        ("running", -10, None),
        ("running", -100, "evaluating"),
        ("evaluating", -100, None),
        ("closed", -100, None),  # closing has checks of its own
    ],
)
def test_the_status_a_periods_dates_have_reached(status, starts_in_days, expected):
    today = datetime.date(2027, 1, 1)
    starts_on = today + datetime.timedelta(days=starts_in_days)
    period = Period(status=status, starts_on=starts_on, ends_on=starts_on + datetime.timedelta(days=90))
    assert status_by_dates(period, today=today) == expected


def test_a_started_period_still_in_planning_is_marked_running_in_one_click(client_for, coordinator):
    period = period_around(timezone.localdate(), status="planning", starts_in_days=-3)
    client = client_for(coordinator)
    page = client.get(LIST).content.decode()
    action = reverse("agencies:period_advance", args=[period.pk])
    assert f'action="{action}"' in page and "It has started: mark it running" in page

    response = client.post(action, {"status": "running"}, follow=True)
    assert "Triwulan uji is now running." in response.content.decode()
    period.refresh_from_db()
    assert period.status == "running"
    assert f'action="{action}"' not in response.content.decode()

    again = client.post(action, {"status": "running"}, follow=True)  # a second click, or a stale page
    assert "Triwulan uji is already running." in again.content.decode()
    period.refresh_from_db()
    assert period.status == "running"


def test_an_ended_running_period_moves_to_evaluation(client_for, coordinator):
    period = period_around(timezone.localdate(), status="running", starts_in_days=-120)
    client = client_for(coordinator)
    assert "It has ended: start evaluating" in client.get(LIST).content.decode()
    client.post(reverse("agencies:period_advance", args=[period.pk]), {"status": "evaluating"})
    period.refresh_from_db()
    assert period.status == "evaluating"


def test_only_the_suggested_status_is_taken(client_for, coordinator):
    """The button cannot be turned into a back door for closing (which has checks) or moving back."""
    period = period_around(timezone.localdate(), status="running", starts_in_days=-120)
    url = reverse("agencies:period_advance", args=[period.pk])
    for status in ("closed", "planning", "nonsense", ""):
        client_for(coordinator).post(url, {"status": status})
        period.refresh_from_db()
        assert period.status == "running"


def test_a_get_goes_back_to_the_list_and_others_may_not_advance(client_for, coordinator, employee):
    period = period_around(timezone.localdate(), status="planning", starts_in_days=-3)
    url = reverse("agencies:period_advance", args=[period.pk])
    response = client_for(coordinator).get(url)
    assert response.status_code == 302 and response["Location"] == LIST
    assert client_for(employee).post(url, {"status": "running"}).status_code == 403
    period.refresh_from_db()
    assert period.status == "planning"
