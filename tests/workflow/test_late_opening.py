"""Opening a period after its plan deadline warns first and may extend the deadline in the same step."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.factories import PeriodFactory
from workflow.models import Plan


def late_period():
    today = timezone.localdate()
    starts = today - datetime.timedelta(days=60)
    return PeriodFactory(
        year=starts.year,
        starts_on=starts,
        plan_due=today - datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=200),
        evaluation_due=today + datetime.timedelta(days=220),
        status="planning",
    )


def test_opening_after_the_plan_deadline_warns_and_needs_a_decision(agency, employee, coordinator, client_for):
    period = late_period()
    client = client_for(coordinator)
    url = reverse("workflow:period_open", args=[period.pk])
    assert "has passed" in client.get(url).content.decode()

    response = client.post(url, {"agencies": [agency.pk]})
    assert response.status_code == 200
    assert "Choose whether to extend the plan deadline before opening." in response.content.decode()
    assert not Plan.objects.filter(period=period).exists()

    response = client.post(url, {"agencies": [agency.pk], "late-decision": "extend"})
    assert "Give the new plan deadline." in response.content.decode()


def test_extending_the_deadline_in_the_same_step_opens_with_the_new_deadline(
    agency, employee, coordinator, client_for, django_capture_on_commit_callbacks
):
    period = late_period()
    new_due = timezone.localdate() + datetime.timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            reverse("workflow:period_open", args=[period.pk]),
            {"agencies": [agency.pk], "late-decision": "extend", "late-plan_due": new_due.isoformat()},
        )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.plan_due == new_due
    assert Plan.objects.filter(period=period, employee=employee).exists()


def test_keeping_the_deadline_opens_knowingly_and_a_future_deadline_asks_nothing(
    agency, employee, coordinator, client_for, django_capture_on_commit_callbacks
):
    period = late_period()
    due = period.plan_due
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            reverse("workflow:period_open", args=[period.pk]), {"agencies": [agency.pk], "late-decision": "keep"}
        )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.plan_due == due and Plan.objects.filter(period=period).exists()

    future = PeriodFactory(year=2031, status="planning")
    assert (
        "has passed"
        not in client_for(coordinator).get(reverse("workflow:period_open", args=[future.pk])).content.decode()
    )
