"""Complaint figures for IKU and the public: received, answered within the deadline, median working days, per
category, agency and period; the IKU sources over them; the public page and its open data."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from feedback import indicator_sources, selectors, services
from feedback.models import Complaint
from tests.factories import IndicatorFactory, IndicatorRealisationFactory, IndicatorTargetFactory, PeriodFactory
from tests.feedback.factories import ComplaintCategoryFactory, submit


@pytest.fixture
def this_year(db):
    year = timezone.localdate().year
    return PeriodFactory(
        year=year, name=f"Tahunan {year}", starts_on=datetime.date(year, 1, 1), ends_on=datetime.date(year, 12, 31)
    )


def answered(category, coordinator, officer, *, days: int, on_time: bool, action="Loket tambahan"):
    complaint, _secret = submit(category)
    services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    services.answer_complaint(complaint=complaint, by=officer.user, answer="Sudah.", action_taken=action)
    # The working days and timeliness are fixed at the answer; set them as a slower agency would have.
    Complaint.objects.filter(pk=complaint.pk).update(answer_working_days=days, answered_on_time=on_time)
    return complaint


@pytest.fixture
def history(category, coordinator, officer, agency):
    """Dukcapil: four answered (3 on time; 1, 2, 4, 9 working days), one waiting, one spam (not counted)."""
    for days, on_time in ((1, True), (2, True), (4, True), (9, False)):
        answered(category, coordinator, officer, days=days, on_time=on_time)
    waiting, _ = submit(category)
    services.verify_complaint(complaint=waiting, by=coordinator, decision="verify")
    spam, _ = submit(category)
    services.verify_complaint(complaint=spam, by=coordinator, decision="spam")
    submit(category)  # not verified yet: not counted either


def test_figures_count_verified_complaints_and_their_answers(history, this_year, agency, category):
    figures = selectors.complaint_figures(period=this_year, agency_id=agency.pk)
    assert (figures.received, figures.answered, figures.answered_on_time) == (5, 4, 3)
    assert figures.on_time_share == 75.0 and figures.median_days == 3.0
    assert selectors.complaint_figures_by_agency(period=this_year)[agency.pk] == figures
    assert selectors.complaint_figures(period=this_year, category_id=category.pk) == figures


def test_figures_per_category_and_outside_the_period(history, this_year, agency, category):
    other = ComplaintCategoryFactory(agency=agency, name="Akta")
    assert selectors.complaint_figures(period=this_year, category_id=other.pk).received == 0
    counts = selectors.complaint_counts_by_category(period=this_year, agency_id=agency.pk)
    assert [(row["category__name"], row["received"]) for row in counts] == [("Penerbitan KTP-el", 5)]
    last_year = PeriodFactory(
        year=this_year.year - 1, starts_on=datetime.date(this_year.year - 1, 1, 1),
        ends_on=datetime.date(this_year.year - 1, 12, 31),
    )  # fmt: skip
    assert selectors.complaint_figures(period=last_year, agency_id=agency.pk).received == 0


def test_iku_sources_report_value_sample_and_provenance(history, this_year, agency, category):
    iku = IndicatorFactory(agency=agency, code="IKU-09")
    share = indicator_sources.answered_on_time_share(indicator=iku, period=this_year, params={})
    assert (share.value, share.sample_size) == (Decimal("75.0"), 4)
    assert share.provenance["source"] == "complaints_answered_on_time" and share.provenance["answered_on_time"] == 3
    median = indicator_sources.median_days_to_answer(indicator=iku, period=this_year, params={})
    assert (median.value, median.sample_size) == (Decimal("3.0"), 4)
    received = indicator_sources.received(indicator=iku, period=this_year, params={"category_id": category.pk})
    assert (received.value, received.provenance["params"]) == (Decimal(5), {"category_id": category.pk})
    import json

    json.dumps(received.provenance)  # JSON-serialisable, as the realisation's provenance must be


def test_iku_sources_have_nothing_to_say_without_answers(this_year, agency):
    iku = IndicatorFactory(agency=agency)
    assert indicator_sources.answered_on_time_share(indicator=iku, period=this_year, params={}) is None
    assert indicator_sources.median_days_to_answer(indicator=iku, period=this_year, params={}) is None
    assert indicator_sources.received(indicator=iku, period=this_year, params={}).value == 0
    assert set(indicator_sources.SOURCES) == {
        "feedback.complaints_received", "feedback.complaints_answered_on_time", "feedback.complaints_median_days",
    }  # fmt: skip


def test_an_iku_takes_its_figure_from_the_complaints_on_the_compute_button(history, this_year, agency, head):
    from django.urls import reverse

    from agencies import services as agency_services
    from agencies.models import IndicatorRealisation

    iku = IndicatorFactory(agency=agency, code="IKU-ADU")
    agency_services.set_indicator_source(indicator=iku, source="feedback.complaints_answered_on_time", params={})
    client = Client()
    client.force_login(head.user)
    response = client.post(reverse("agencies:realisation_compute", args=[iku.pk]), {"period": this_year.pk})
    assert response.status_code in (200, 302)
    figure = IndicatorRealisation.objects.get(indicator=iku, period=this_year)
    assert figure.value == Decimal("75") and figure.sample_size == 4 and figure.verified_at is None
    assert figure.source == "feedback.complaints_answered_on_time"


def test_a_complaint_source_refuses_an_unknown_category(agency):
    from django.core.exceptions import ValidationError

    from agencies import services as agency_services

    iku = IndicatorFactory(agency=agency)
    with pytest.raises(ValidationError):
        agency_services.set_indicator_source(
            indicator=iku, source="feedback.complaints_received", params={"category_id": 999999}
        )


def test_the_public_page_hides_figures_below_the_minimum_sample(history, this_year, agency, settings):
    settings.KINERJA_PUBLIC_MIN_SAMPLE = 5
    page = Client().get(f"/publik/?period={this_year.pk}").content.decode()
    assert "Figures are shown once at least 5 complaints have been answered" in page
    assert "75 %" not in page


def test_the_public_page_shows_figures_iku_and_what_was_done(history, this_year, agency, settings, coordinator):
    settings.KINERJA_PUBLIC_MIN_SAMPLE = 4
    iku = IndicatorFactory(agency=agency, code="IKU-01", name="Waktu penyelesaian dokumen")
    IndicatorTargetFactory(indicator=iku, year=this_year.year, value=3)
    IndicatorRealisationFactory(
        indicator=iku, period=this_year, value=3, verified_by=coordinator, verified_at=timezone.now()
    )
    response = Client().get(f"/publik/?period={this_year.pk}")
    page = response.content.decode()
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    assert "75 %" in page and "Waktu penyelesaian dokumen" in page
    assert "You reported, we acted" in page and "Loket tambahan" in page
    assert "Warga Pelapor" not in page and "warga@example.org" not in page


def test_the_open_data_csv_has_the_figures_and_nothing_personal(history, this_year, agency, settings):
    settings.KINERJA_PUBLIC_MIN_SAMPLE = 4
    response = Client().get(f"/publik/data.csv?period={this_year.pk}")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert f"{this_year.name},DUKCAPIL,{agency.name},5,4,75.0,3.0" in body
    assert "Warga" not in body and "@" not in body


def test_an_answer_reaches_the_public_figures_at_once(history, this_year, settings, category, coordinator, officer):
    from django.core.cache import cache

    settings.KINERJA_PUBLIC_MIN_SAMPLE = 1
    url = f"/publik/data.csv?period={this_year.pk}"
    assert ",5,4,75.0,3.0" in Client().get(url).content.decode()
    answered(category, coordinator, officer, days=1, on_time=True)  # the step forgets the agency's snapshots
    cache.clear()
    assert ",6,5,80.0,2.0" in Client().get(url).content.decode()


def test_the_hourly_refresh_brings_changes_made_outside_the_complaint_steps(history, this_year, agency, coordinator):
    from django.core.cache import cache
    from django.core.management import call_command

    from feedback.models import PublicSnapshot

    url = f"/publik/?period={this_year.pk}"
    assert "Waktu penyelesaian dokumen" not in Client().get(url).content.decode()
    # A verified IKU figure is the agencies' business: nothing on the complaint side tells the public page.
    iku = IndicatorFactory(agency=agency, code="IKU-01", name="Waktu penyelesaian dokumen")
    IndicatorRealisationFactory(
        indicator=iku, period=this_year, value=3, verified_by=coordinator, verified_at=timezone.now()
    )
    cache.clear()
    assert "Waktu penyelesaian dokumen" not in Client().get(url).content.decode()  # the snapshot as it was
    call_command("complaint_housekeeping", stdout=__import__("io").StringIO())
    assert PublicSnapshot.objects.filter(period=this_year, agency=agency).count() == 2  # Indonesian and English
    cache.clear()
    assert "Waktu penyelesaian dokumen" in Client().get(url).content.decode()


def test_without_snapshots_the_first_visit_computes_them_once(history, this_year, agency, settings):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from feedback.models import PublicSnapshot

    settings.KINERJA_PUBLIC_MIN_SAMPLE = 4
    assert not PublicSnapshot.objects.exists()
    url = f"/publik/?period={this_year.pk}"
    with CaptureQueriesContext(connection) as first:
        page = Client().get(url).content.decode()
    assert "75 %" in page and any("feedback_complaint" in query["sql"] for query in first)
    assert {row.language for row in PublicSnapshot.objects.filter(agency=agency)} == {"id", "en"}
    cache.clear()
    with CaptureQueriesContext(connection) as second:
        again = Client().get(url).content.decode()
    assert "75 %" in again and again.count('class="card public-agency"') == page.count('class="card public-agency"')
    # The second cold visit reads the snapshot: no complaint, IKU or survey table is aggregated again.
    assert not any("feedback_complaint" in query["sql"] for query in second), second.captured_queries
    assert len(second) < len(first)


def test_a_section_drawn_by_an_earlier_release_is_drawn_again_not_shown(history, this_year, agency, settings):
    from django.core.cache import cache

    from feedback.models import PublicSnapshot

    url = f"/publik/?period={this_year.pk}"
    Client().get(url)
    drawn = PublicSnapshot.objects.filter(period=this_year, agency=agency)
    assert drawn.count() == 2 and set(drawn.values_list("drawn_with", flat=True)) == {selectors.section_release()}
    # A release changed the section's template or wording; its sections have not been refreshed yet.
    drawn.update(drawn_with="earlier-release", html="<section>LAST RELEASE'S SECTION</section>")
    cache.clear()
    page = Client().get(url).content.decode()
    assert "LAST RELEASE'S SECTION" not in page and f'id="agency-{agency.pk}"' in page
    assert set(drawn.values_list("drawn_with", flat=True)) == {selectors.section_release()}  # replaced in place
    assert drawn.count() == 2


def test_the_snapshot_is_drawn_in_the_visitors_language(history, this_year, settings):
    settings.KINERJA_PUBLIC_MIN_SAMPLE = 50
    url = f"/publik/?period={this_year.pk}"
    english = Client().get(url).content.decode()
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    indonesian = client.get(url).content.decode()
    assert "Figures are shown once at least 50 complaints" in english
    assert "Figures are shown once" not in indonesian and "50" in indonesian


def test_a_coordinator_puts_complaints_about_a_category_on_the_next_meeting(
    history, category, coordinator, client_for, agency, period
):
    from forums import services as forum_services

    meeting = forum_services.schedule_meeting(
        by=coordinator, period=period, title="Forum Evaluasi IKU", agencies=[agency],
        starts_at=timezone.now() + datetime.timedelta(days=7),
    )  # fmt: skip
    response = client_for(coordinator).post("/pengaduan/agenda/", {"category": category.pk})
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    item = meeting.items.get(agency=agency)
    assert Complaint.objects.filter(agenda_item=item).count() == 6
    assert "Complaints about Penerbitan KTP-el: 6 received." in meeting.notes.get().text


def test_the_agenda_note_is_in_the_pemdas_language_whatever_the_clickers(
    history, category, coordinator, client_for, agency, period, settings
):
    from forums import services as forum_services

    settings.LANGUAGE_CODE = "id"
    meeting = forum_services.schedule_meeting(
        by=coordinator, period=period, title="Forum Evaluasi IKU", agencies=[agency],
        starts_at=timezone.now() + datetime.timedelta(days=7),
    )  # fmt: skip
    clicking = client_for(coordinator)
    clicking.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert clicking.post("/pengaduan/agenda/", {"category": category.pk}).status_code == 302
    assert meeting.notes.get().text == "Pengaduan tentang Penerbitan KTP-el: 6 diterima."


@pytest.mark.parametrize(
    ("histogram", "median"),
    [({}, None), ({4: 1}, 4.0), ({1: 1, 2: 1, 4: 1, 9: 1}, 3.0), ({0: 3, 7: 2}, 0.0), ({2: 2, 5: 2}, 3.5)],
)
def test_the_median_comes_from_the_histogram_of_working_days(histogram, median):
    assert selectors._median_of_histogram(histogram) == median  # noqa: SLF001


def test_the_public_page_shows_each_services_satisfaction_with_its_sample(this_year, agency):
    from tests.factories import PublicServiceFactory
    from tests.surveys.factories import answers

    service = PublicServiceFactory(agency=agency, name="Penerbitan KTP-el", annual_users=100)
    answers(service, [4] * 9, count=3, on=this_year.starts_on + datetime.timedelta(days=30))
    page = Client().get(f"/publik/?period={this_year.pk}").content.decode()
    assert "Satisfaction (IKM) per service" in page and "Penerbitan KTP-el" in page
    assert "100.00" in page or "100,00" in page  # every element at 4: IKM 100, grade A
    assert "below the minimum sample of 80" in page  # 3 answers for a population of 100


def test_the_public_page_lets_a_citizen_rate_every_active_service_even_before_its_first_answer(this_year, agency):
    from tests.factories import PublicServiceFactory
    from tests.surveys.factories import answers

    rated = PublicServiceFactory(agency=agency, name="Penerbitan KTP-el", annual_users=100)
    answers(rated, [4] * 9, count=3, on=this_year.starts_on + datetime.timedelta(days=30))
    new = PublicServiceFactory(agency=agency, name="Legalisir dokumen", annual_users=100)
    PublicServiceFactory(agency=agency, name="Layanan yang ditutup", is_active=False)
    page = Client().get(f"/publik/?period={this_year.pk}").content.decode()
    assert f'href="/survei/{rated.slug}/" aria-label="Rate Penerbitan KTP-el">Rate</a>' in page
    assert "A (Very good)" in page  # the grade says what its letter means
    new_row = page.split("Legalisir dokumen", 1)[1].split("</tr>", 1)[0]
    assert "none yet" in new_row and f'href="/survei/{new.slug}/" aria-label="Rate Legalisir dokumen">' in new_row
    assert "Layanan yang ditutup" not in page


def test_the_public_page_shows_agencies_a_page_at_a_time_and_one_chosen_agency(this_year):
    from feedback.views.public import AGENCIES_PER_PAGE
    from tests.factories import AgencyFactory

    agencies = [AgencyFactory(name=f"Dinas Uji {number:02d}") for number in range(AGENCIES_PER_PAGE + 2)]
    first = Client().get(f"/publik/?period={this_year.pk}").content.decode()
    assert all(f'id="agency-{agency.pk}"' in first for agency in agencies[:AGENCIES_PER_PAGE])
    assert f'id="agency-{agencies[-1].pk}"' not in first and "Next agencies" in first
    assert f'<option value="{agencies[-1].pk}">Dinas Uji 11</option>' in first  # the chooser lists every agency
    second = Client().get(f"/publik/?period={this_year.pk}&page=2").content.decode()
    assert f'id="agency-{agencies[-1].pk}"' in second and f'id="agency-{agencies[0].pk}"' not in second
    one = Client().get(f"/publik/?period={this_year.pk}&agency={agencies[-1].pk}").content.decode()
    assert one.count('class="card public-agency"') == 1 and f'id="agency-{agencies[-1].pk}"' in one
    unknown = Client().get(f"/publik/?period={this_year.pk}&agency=999999&page=x").content.decode()
    assert f'id="agency-{agencies[0].pk}"' in unknown  # an unknown agency or page falls back to the first page


def test_next_years_periods_are_not_offered_to_the_public_until_they_begin(this_year, agency, settings):
    """At the end of a year the coordinator prepares the next one: the public page keeps showing this year."""
    quarter = PeriodFactory(
        year=this_year.year,
        name="Triwulan berjalan",
        kind="quarterly",
        starts_on=timezone.localdate().replace(day=1),
        ends_on=timezone.localdate().replace(day=28),
    )
    coming = PeriodFactory(year=this_year.year + 1, name=f"Tahunan {this_year.year + 1}", status="planning")
    page = Client().get("/publik/").content.decode()
    assert f"Tahunan {this_year.year + 1}" not in page
    assert f'<option value="{quarter.pk}" selected>' in page  # the newest period that has begun is the default
    assert f'value="{this_year.pk}"' in page
    # Asked for by its id (an old link, a guess), the coming period falls back to the default too.
    page = Client().get(f"/publik/?period={coming.pk}").content.decode()
    assert f'<option value="{quarter.pk}" selected>' in page
