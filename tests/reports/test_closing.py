"""A period does not close while an agency is over its predikat distribution guideline without a written
justification: the period form, the admin, `manage.py close_period` and the service all refuse, naming the agencies;
a recorded justification (or an agency within the guideline) lets it close."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from agencies import services as agency_services
from agencies.models import PeriodStatus
from reports import services as report_services
from tests.factories import EmployeeFactory, PlanFactory

pytestmark = pytest.mark.django_db

REASON = "Seluruh pegawai mencapai target layanan KTP-el di atas 120 % dengan bukti terverifikasi."


@pytest.fixture
def over_the_guideline(agency, other_agency, period, coordinator):
    """Dukcapil (Istimewa) with 9 of 10 Sangat Baik where 7 are allowed; the other agency within its guideline."""
    for agency_, codes in (
        (agency, ["SANGAT_BAIK"] * 9 + ["BAIK"]),
        (other_agency, ["SANGAT_BAIK"] * 5 + ["BAIK"] * 5),
    ):
        for code in codes:
            PlanFactory(employee=EmployeeFactory(agency=agency_), period=period, stage="done", predikat=code)
        report_services.set_organisation_predikat(agency=agency_, period=period, predikat="ISTIMEWA", by=coordinator)
    period.status = PeriodStatus.EVALUATING
    period.save()
    return period


def closing_form(period):
    return {
        "name": period.name,
        "year": period.year,
        "kind": period.kind,
        "starts_on": period.starts_on.isoformat(),
        "ends_on": period.ends_on.isoformat(),
        "plan_due": period.plan_due.isoformat(),
        "evaluation_due": period.evaluation_due.isoformat(),
        "status": "closed",
    }


def status_of(period):
    period.refresh_from_db()
    return period.status


def test_the_period_form_refuses_to_close_and_names_the_agency(over_the_guideline, agency, other_agency, client_for,
                                                               coordinator):  # fmt: skip
    period = over_the_guideline
    response = client_for(coordinator).post(reverse("agencies:period_edit", args=[period.pk]), closing_form(period))
    page = response.content.decode()
    assert response.status_code == 200 and "cannot be closed" in page
    assert agency.short_name in page and other_agency.short_name not in page.split("cannot be closed")[1].split("</")[0]
    assert status_of(period) == PeriodStatus.EVALUATING


def test_the_admin_refuses_to_close_with_the_same_message(over_the_guideline, agency, client_for, admin_user):
    period = over_the_guideline
    response = client_for(admin_user).post(
        reverse("admin:agencies_period_change", args=[period.pk]), closing_form(period)
    )
    assert response.status_code == 200 and "cannot be closed" in response.content.decode()
    assert agency.short_name in str(response.context["adminform"].form.errors["status"])
    assert status_of(period) == PeriodStatus.EVALUATING


def test_the_command_refuses_to_close(over_the_guideline, agency):
    with pytest.raises(CommandError, match=f"cannot be closed.*{agency.short_name}"):
        call_command("close_period", str(over_the_guideline.pk), stdout=io.StringIO())
    assert status_of(over_the_guideline) == PeriodStatus.EVALUATING


def test_the_service_refuses_any_other_path(over_the_guideline):
    with pytest.raises(ValidationError, match="cannot be closed"):
        agency_services.update_period(period=over_the_guideline, status=PeriodStatus.CLOSED)
    assert status_of(over_the_guideline) == PeriodStatus.EVALUATING


def test_once_justified_every_path_closes(over_the_guideline, agency, coordinator, client_for, admin_user):
    period = over_the_guideline
    client_for(coordinator).post(
        reverse("reports:record_override", args=[period.pk, agency.pk]), {"justification": REASON}
    )
    response = client_for(coordinator).post(reverse("agencies:period_edit", args=[period.pk]), closing_form(period))
    assert response.status_code == 302 and status_of(period) == PeriodStatus.CLOSED
    # Reopening and closing again through the admin and the command work the same way.
    agency_services.update_period(period=period, status=PeriodStatus.EVALUATING)
    response = client_for(admin_user).post(
        reverse("admin:agencies_period_change", args=[period.pk]), closing_form(period)
    )
    assert response.status_code == 302 and status_of(period) == PeriodStatus.CLOSED
    agency_services.update_period(period=period, status=PeriodStatus.EVALUATING)
    out = io.StringIO()
    call_command("close_period", period.name, stdout=out)
    assert "is closed" in out.getvalue() and status_of(period) == PeriodStatus.CLOSED


def test_a_period_without_agencies_over_the_guideline_closes(period, agency):
    PlanFactory(employee=EmployeeFactory(agency=agency), period=period, stage="done", predikat="SANGAT_BAIK")
    assert agency_services.close_period(period=period).status == PeriodStatus.CLOSED  # no organisation predikat yet


def test_a_closed_period_can_still_be_edited_without_being_checked_again(over_the_guideline, agency, coordinator):
    period = over_the_guideline
    report_services.record_distribution_override(agency=agency, period=period, justification=REASON, findings="",
                                                 by=coordinator)  # fmt: skip
    agency_services.close_period(period=period)
    agency.distribution_overrides.all().delete()
    renamed = agency_services.update_period(period=period, name="Tahunan 2026 (final)")
    assert renamed.status == PeriodStatus.CLOSED
