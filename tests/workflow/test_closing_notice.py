"""Closing a period freezes its plans: the period form and `manage.py close_period` say how many are not yet rated
before the coordinator closes it (a notice, not a refusal: closing goes ahead)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from agencies.models import PeriodStatus
from tests.factories import EmployeeFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_end(agency, period):
    """Three plans not yet rated (a draft, one in realisation, one waiting for its rating), one rated and in
    coaching, one done, and one ended at a transfer (its continuation counts, not it)."""
    for stage in ("draft", "realisation", "rating", "coaching", "done"):
        PlanFactory(employee=EmployeeFactory(agency=agency), period=period, stage=stage)
    PlanFactory(
        employee=EmployeeFactory(agency=agency), period=period, stage="realisation", ended_on=datetime.date(2026, 6, 30)
    )
    period.status = PeriodStatus.EVALUATING
    period.save()
    return period


def test_the_period_form_says_how_many_plans_closing_would_freeze_unrated(year_end, coordinator, client_for):
    page = client_for(coordinator).get(reverse("agencies:period_edit", args=[year_end.pk])).content.decode()
    assert 'id="closing-notices"' in page
    assert "3 plans of this period are not yet rated: closing freezes them as they are, without a predikat." in page


def test_a_closed_period_or_one_whose_plans_are_all_rated_shows_no_notice(year_end, coordinator, client_for):
    year_end.plans.filter(stage__in=["draft", "realisation", "rating"]).update(stage="done")
    page = client_for(coordinator).get(reverse("agencies:period_edit", args=[year_end.pk])).content.decode()
    assert 'id="closing-notices"' not in page
    year_end.plans.filter(pk=year_end.plans.first().pk).update(stage="rating")
    year_end.status = PeriodStatus.CLOSED
    year_end.save()
    page = client_for(coordinator).get(reverse("agencies:period_edit", args=[year_end.pk])).content.decode()
    assert 'id="closing-notices"' not in page


def test_the_command_warns_and_closes(year_end):
    out, err = io.StringIO(), io.StringIO()
    call_command("close_period", year_end.name, stdout=out, stderr=err)
    assert "3 plans of this period are not yet rated" in err.getvalue() and "is closed" in out.getvalue()
    year_end.refresh_from_db()
    assert year_end.status == PeriodStatus.CLOSED
