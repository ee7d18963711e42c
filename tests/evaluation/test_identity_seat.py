"""A team seat widens a person's reach (agencies/access.py); the signed-in identity is cached per session
(agencies/identity.py), so seating or unseating someone must be seen by their very next request."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from evaluation import services
from tests.factories import CoordinatorFactory, UserFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_new_seat_opens_the_agency_calendar_at_the_next_request_and_removing_it_closes_it(client, agency, planner):
    from agencies.models import EvaluationTeam

    coordinator = UserFactory(username="bkpsdm")
    CoordinatorFactory(user=coordinator)
    team = EvaluationTeam.objects.create(
        agency=agency, decree_number="800/1/2026", decree_date=datetime.date(2026, 1, 5)
    )
    client.force_login(planner.user)
    calendar = reverse("evaluation:calendar", args=[agency.pk])
    assert client.get(calendar).status_code in (403, 404)  # Bappeda's planner: not Dukcapil's; identity now cached

    seat = services.add_member(
        team=team,
        by=coordinator,
        employee=planner,
        role="member",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2099, 12, 31),
    )
    assert client.get(calendar).status_code == 200

    services.remove_member(member=seat, by=coordinator)
    assert client.get(calendar).status_code in (403, 404)
