"""Admin writes of domain objects go through the site's services, with the same audit (or the field is read-only):
an IKU realisation changed in the admin loses its verification and is audited; a supervisor changed in the admin is
audited with who did it; periods, targets, organisation predikat and justifications use their services; forum
moderation state is read-only in the admin."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import IndicatorRealisation
from audit.models import AuditEvent, AuditKind
from reports.models import AgencyPredikat
from tests.factories import IndicatorFactory, IndicatorRealisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified(agency, period, coordinator):
    indicator = IndicatorFactory(agency=agency, code="IKU1")
    entered_by = UserFactory(username="operator")
    return IndicatorRealisationFactory(
        indicator=indicator,
        period=period,
        value=Decimal("9"),
        entered_by=entered_by,
        verified_by=coordinator,
        verified_at=timezone.now(),
    )


def test_changing_an_iku_realisation_in_the_admin_clears_its_verification_and_is_audited(
    client_for, admin_user, verified
):
    url = reverse("admin:agencies_indicatorrealisation_change", args=[verified.pk])
    response = client_for(admin_user).post(url, {"value": "12", "evidence_note": "Laporan triwulan"})
    assert response.status_code == 302
    verified.refresh_from_db()
    assert verified.value == Decimal("12") and verified.entered_by == admin_user
    assert verified.verified_by is None and verified.verified_at is None
    event = AuditEvent.objects.get(kind=AuditKind.IKU_RECORDED)
    assert event.actor == admin_user and event.detail["old"] == "9.0000" and event.detail["new"] == "12"


def test_the_iku_page_audits_the_same_way(client_for, coordinator, verified, agency):
    url = reverse("agencies:realisation_record", args=[verified.indicator_id])
    response = client_for(coordinator).post(url, {"period": verified.period_id, "value": "11", "evidence_note": ""})
    assert response.status_code == 302
    assert AuditEvent.objects.get(kind=AuditKind.IKU_RECORDED).actor == coordinator


def test_a_realisation_cannot_be_edited_through_the_indicator_page_inline(client_for, admin_user, verified):
    page = client_for(admin_user).get(reverse("admin:agencies_indicator_change", args=[verified.indicator_id]))
    inline = next(formset for formset in page.context["inline_admin_formsets"] if formset.opts.model is
                  IndicatorRealisation)  # fmt: skip
    assert not inline.has_add_permission and not inline.has_change_permission


def test_a_supervisor_changed_in_the_admin_is_audited_with_the_administrator(
    client_for, admin_user, employee, colleague, supervisor
):
    data = {
        "user": employee.user_id,
        "nip": employee.nip,
        "employee_type": "PNS",
        "is_active": "on",
        "name": employee.name,
        "position_title": employee.position_title,
        "position_type": employee.position_type,
        "agency": employee.agency_id,
        "unit": employee.unit_id,
        "supervisor": colleague.pk,
    }
    response = client_for(admin_user).post(reverse("admin:agencies_employee_change", args=[employee.pk]), data)
    assert response.status_code == 302
    event = AuditEvent.objects.get(kind=AuditKind.ROLE_CHANGED)
    assert event.actor == admin_user and event.detail == {
        "change": "supervisor",
        "old": str(supervisor.pk),
        "new": str(colleague.pk),
    }


def test_an_organisation_predikat_set_in_the_admin_records_who_set_it(client_for, admin_user, agency, period):
    response = client_for(admin_user).post(
        reverse("admin:reports_agencypredikat_add"),
        {"agency": agency.pk, "period": period.pk, "predikat": "BAIK", "note": ""},
    )
    assert response.status_code == 302
    assert AgencyPredikat.objects.get().set_by == admin_user


def test_a_period_typed_in_the_admin_is_created_by_the_service(client_for, admin_user):
    data = {
        "name": "Tahunan 2030",
        "year": 2030,
        "kind": "annual",
        "starts_on": "2030-01-01",
        "ends_on": "2030-12-31",
        "plan_due": "2030-01-31",
        "evaluation_due": "2031-01-10",
        "status": "planning",
    }
    response = client_for(admin_user).post(reverse("admin:agencies_period_add"), data)
    assert response.status_code == 302
    overlapping = {**data, "name": "Overlap", "starts_on": "2030-06-01", "year": 2030}
    response = client_for(admin_user).post(reverse("admin:agencies_period_add"), overlapping)
    assert response.status_code == 200 and "overlaps" in response.content.decode()
