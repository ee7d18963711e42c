"""Socialisation coverage per agency next to plan progress, for the coordinator."""

import pytest
from django.urls import reverse

from tests.development.factories import ParticipationFactory, TrainingFactory
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def test_coverage_counts_people_reached_by_a_sosialisasi_next_to_agreed_plans(
    client_for, coordinator, employee, colleague, supervisor, head, agency, period
):
    sosialisasi = TrainingFactory(kind="sosialisasi", agency=None, jp=2)
    ParticipationFactory(training=sosialisasi, employee=employee, status="registered")
    ParticipationFactory(training=sosialisasi, employee=colleague, status="declined")
    ParticipationFactory(training=TrainingFactory(agency=agency), employee=supervisor, status="completed")
    PlanFactory(employee=employee, period=period, stage="realisation")
    PlanFactory(employee=colleague, period=period, stage="draft")
    response = client_for(coordinator).get(reverse("development:coverage") + "?year=2026")
    row = next(r for r in response.context["rows"] if r["agency_id"] == agency.pk)
    assert (row["people"], row["reached"], row["coverage"]) == (4, 1, 25)
    assert (row["agreed"], row["progress"]) == (1, 25)
    assert "Dinas Kependudukan" in response.content.decode()


def test_coverage_is_for_coordinators(client_for, head):
    assert client_for(head).get(reverse("development:coverage")).status_code == 403
