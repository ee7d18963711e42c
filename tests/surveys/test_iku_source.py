"""An IKU fed by the IKM of some services: computed on demand and at a period's end, with its provenance, waiting
for verification; a manual change of the computed figure needs a reason and is audited."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from agencies import services as agency_services
from agencies.indicator_sources import get_source, source_choices
from agencies.models import IndicatorRealisation
from audit.models import AuditEvent, AuditKind
from tests.factories import IndicatorFactory, PeriodFactory
from tests.surveys.factories import answers


@pytest.fixture
def iku(agency, ktp, kk):
    indicator = IndicatorFactory(
        agency=agency, code="IKU-IKM", name="Indeks Kepuasan Masyarakat", unit_of_measure="indeks"
    )
    return agency_services.set_indicator_source(
        indicator=indicator, source="surveys.ikm", params={"services": ["ktp-el", kk.pk]}
    )


def test_the_surveys_app_registers_its_source():
    assert ("surveys.ikm", "IKM of these services") in [(key, str(label)) for key, label in source_choices()]


def test_parameters_name_services_by_slug_or_id_and_must_exist(iku, ktp, kk):
    assert iku.source_params == {"services": sorted([ktp.pk, kk.pk])}
    with pytest.raises(ValidationError, match="do not exist: nope"):
        get_source("surveys.ikm").clean_params({"services": ["nope"]})
    with pytest.raises(ValidationError, match="List the services"):
        get_source("surveys.ikm").clean_params({})


def test_the_button_records_the_computed_figure_with_its_provenance_unverified(client_for, head, iku, ktp, kk, period):
    answers(ktp, [4] * 9, count=3)
    answers(kk, [2] * 9, count=1)
    response = client_for(head).post(reverse("agencies:realisation_compute", args=[iku.pk]), {"period": period.pk})
    assert response.status_code == 302
    realisation = IndicatorRealisation.objects.get(indicator=iku, period=period)
    assert realisation.value == Decimal("87.5000") and realisation.sample_size == 4
    assert realisation.source == "surveys.ikm" and realisation.computed_at is not None
    assert realisation.verified_by is None and realisation.entered_by == head.user
    provenance = realisation.provenance
    assert provenance["source"] == "surveys.ikm" and provenance["grade"] == "B" and provenance["under_sampled"] is True
    assert {each["name"]: each["responses"] for each in provenance["services"]} == {
        "Penerbitan KTP-el": 3,
        "Penerbitan Kartu Keluarga": 1,
    }
    page = client_for(head).get(reverse("agencies:iku_detail", args=[iku.pk])).content.decode()
    assert "from 4 responses" in page and "Under-sampled" in page


def test_the_compute_and_entry_forms_of_a_computed_iku_label_their_own_period_fields(client_for, head, iku):
    page = client_for(head).get(reverse("agencies:iku_detail", args=[iku.pk])).content.decode()
    forms = re.findall(r'<form method="post" action="([^"]+)".*?</form>', page, flags=re.S)
    assert len(forms) == 2  # compute now, and enter by hand
    period_ids = re.findall(r'<select name="period"[^>]*\sid="([^"]+)"', page)
    assert len(period_ids) == 2 and len(set(period_ids)) == 2
    for field_id in period_ids:
        assert page.count(f'for="{field_id}"') == 1


def test_computing_again_on_the_same_answers_keeps_the_verification(coordinator, head, iku, ktp, period):
    answers(ktp, [3] * 9, count=2)
    _, realisation = agency_services.record_computed_realisation(indicator=iku, period=period, by=head.user)
    agency_services.verify_realisation(realisation=realisation, by=coordinator)
    outcome, again = agency_services.record_computed_realisation(indicator=iku, period=period, by=head.user)
    assert outcome == "unchanged" and again.verified_by == coordinator
    answers(ktp, [4] * 9)
    outcome, changed = agency_services.record_computed_realisation(indicator=iku, period=period, by=head.user)
    assert outcome == "recorded" and changed.verified_by is None and changed.sample_size == 3


def test_nothing_is_recorded_without_answers(client_for, head, iku, period):
    response = client_for(head).post(
        reverse("agencies:realisation_compute", args=[iku.pk]), {"period": period.pk}, follow=True
    )
    assert "no data for this period yet" in response.content.decode()
    assert not IndicatorRealisation.objects.exists()


def test_an_iku_entered_by_a_person_has_no_compute_button(client_for, head, agency, period):
    manual = IndicatorFactory(agency=agency)
    page = client_for(head).get(reverse("agencies:iku_detail", args=[manual.pk])).content.decode()
    assert "Compute now" not in page
    response = client_for(head).post(reverse("agencies:realisation_compute", args=[manual.pk]), {"period": period.pk})
    assert response.status_code == 200 and "no source to compute from" in response.content.decode()


def test_others_may_not_compute(client_for, outsider, employee, iku, period):
    url = reverse("agencies:realisation_compute", args=[iku.pk])
    assert client_for(outsider).post(url, {"period": period.pk}).status_code == 404
    assert client_for(employee).post(url, {"period": period.pk}).status_code == 403


def test_changing_a_computed_figure_by_hand_needs_a_reason_and_is_audited(client_for, head, iku, ktp, period):
    answers(ktp, [3] * 9)
    agency_services.record_computed_realisation(indicator=iku, period=period, by=head.user)
    url = reverse("agencies:realisation_record", args=[iku.pk])
    refused = client_for(head).post(url, {"period": period.pk, "value": "90"})
    assert refused.status_code == 200 and "say why you change it by hand" in refused.content.decode()
    assert IndicatorRealisation.objects.get().value == Decimal("75.0000")
    accepted = client_for(head).post(url, {"period": period.pk, "value": "90", "reason": "Survei kertas ditambahkan"})
    assert accepted.status_code == 302
    realisation = IndicatorRealisation.objects.get()
    assert realisation.value == Decimal("90") and not realisation.is_computed
    assert realisation.provenance["replaced"]["value"] == "75.0000"
    assert realisation.provenance["reason"] == "Survei kertas ditambahkan"
    event = AuditEvent.objects.get(kind=AuditKind.FIGURE_OVERRIDDEN)
    assert event.actor == head.user and event.detail["reason"] == "Survei kertas ditambahkan"
    assert event.detail["computed_value"] == "75.0000" and event.detail["new_value"] == "90"


def test_the_period_end_command_computes_ended_periods_and_keeps_a_persons_figure(head, iku, ktp, agency):
    quarter = PeriodFactory(
        kind="quarterly",
        name="Triwulan I 2026",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 3, 31),
        plan_due=datetime.date(2026, 1, 10),
        evaluation_due=datetime.date(2026, 4, 10),
    )
    closed = PeriodFactory(year=2025, name="Tahunan 2025", status="closed")
    answers(ktp, [3] * 9, count=2, on=datetime.date(2026, 2, 1))
    answers(ktp, [3] * 9, count=2, on=datetime.date(2025, 2, 1))
    other = IndicatorFactory(agency=agency)
    agency_services.set_indicator_source(indicator=other, source="surveys.ikm", params={"services": [ktp.pk]})
    agency_services.record_realisation(indicator=other, period=quarter, value=Decimal(80), by=head.user)

    call_command("compute_indicator_sources")
    computed = IndicatorRealisation.objects.get(indicator=iku, period=quarter)
    assert computed.value == Decimal("75.0000") and computed.entered_by is None
    assert IndicatorRealisation.objects.get(indicator=other, period=quarter).value == Decimal(80)
    assert not IndicatorRealisation.objects.filter(period=closed).exists()
    call_command("compute_indicator_sources")  # idempotent
    assert IndicatorRealisation.objects.filter(period=quarter).count() == 2


def test_the_admin_shows_a_computed_figure_read_only(client_for, admin_user, head, iku, ktp, period):
    answers(ktp, [3] * 9)
    _, realisation = agency_services.record_computed_realisation(indicator=iku, period=period, by=head.user)
    client = client_for(admin_user)
    page = client.get(reverse("admin:agencies_indicatorrealisation_change", args=[realisation.pk])).content.decode()
    assert 'name="value"' not in page
    page = client.get(reverse("admin:agencies_indicator_change", args=[iku.pk])).content.decode()
    assert 'name="realisations-0-value"' not in page and "IKM of these services" in page


def test_the_computed_figures_note_is_stored_in_the_pemdas_language_and_names_the_services(
    settings, head, iku, ktp, kk, period
):
    settings.LANGUAGE_CODE = "id"
    answers(ktp, [3] * 9)
    with translation.override("en"):
        _, realisation = agency_services.record_computed_realisation(indicator=iku, period=period, by=head.user)
    # Both of the IKU's services, the one without answers too: the figure is theirs.
    assert realisation.evidence_note == (
        f"Dihitung dari “IKM layanan berikut” ({ktp.name}, {kk.name}) atas 1 responden."
    )
