"""Figures from other sources follow the data calendar's flow: a figure computed from its source
(`manage.py compute_indicator_sources`) or pushed through the API fills the period's entry as recorded by the source,
waits for the same four-eyes verification (the pusher never verifies it; anyone on the team verifies a computed
one), shows its plausibility checks to the verifier, is published to the IKU only once verified, and a different
value after verification is a correction that goes through the flow again."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.indicator_sources import SourceResult, register_source, unregister_source
from agencies.models import IndicatorRealisation
from evaluation import services
from evaluation.models import DataCorrection, DataEntry, DataReminder, DataReminderKind, DataSchedule, EntryStatus
from tests.api.conftest import api, make_personal  # noqa: F401 (fixtures)
from tests.factories import IndicatorFactory, PeriodFactory

from .conftest import YEAR
from .test_data_entry import open_tasks


@pytest.fixture
def survey():
    """A source whose answer the test sets: {"value": …, "sample": …}."""
    answer = {"value": Decimal("82.5"), "sample": 312}

    def compute(*, indicator, period, params):
        return SourceResult(value=answer["value"], sample_size=answer["sample"], provenance={"responses": "1-312"})

    register_source(key="tests.survey", label="Survey of the test", compute=compute)
    yield answer
    unregister_source("tests.survey")


@pytest.fixture
def march(db):
    return PeriodFactory(
        year=YEAR,
        kind="monthly",
        name="Maret 2026",
        starts_on=datetime.date(YEAR, 3, 1),
        ends_on=datetime.date(YEAR, 3, 31),
        plan_due=datetime.date(YEAR, 3, 1),
        evaluation_due=datetime.date(YEAR, 4, 10),
    )


@pytest.fixture
def sourced(schedule, survey):
    indicator = schedule.indicator
    indicator.source = "tests.survey"
    indicator.save(update_fields=["source"])
    return indicator


def compute(period):
    call_command("compute_indicator_sources", period=period.pk, stdout=io.StringIO())


def march_entry(schedule):
    return DataEntry.objects.get(schedule=schedule, starts_on=datetime.date(YEAR, 3, 1))


def test_a_computed_figure_fills_the_calendar_entry_and_any_team_member_verifies_it(
    sourced, survey, opened, march, client_for, colleague, employee
):
    survey["value"] = Decimal("101.5")  # a percentage above 100: the verifier is shown the check

    compute(march)

    entry = march_entry(sourced.data_schedule)
    realisation = IndicatorRealisation.objects.get(indicator=sourced, period=march)
    assert entry.status == EntryStatus.SUBMITTED and entry.value == Decimal("101.5")
    assert entry.source_origin == "computed" and entry.entered_by is None and entry.realisation == realisation
    assert entry.checks == ["percentage_over_100"] and open_tasks(entry) == ["verify"]
    assert realisation.verified_elsewhere and realisation.verified_by is None  # not published before verification

    page = client_for(colleague).get(reverse("evaluation:entry_detail", args=[entry.pk])).content.decode()
    assert "Computed from its source" in page and "on 312 responses" in page
    assert "A percentage above 100." in page and "Recorded by a source, which cannot explain it" in page
    assert "Verify and publish" in page

    # The IKU page no longer verifies it: one flow.
    refused = client_for(colleague).post(reverse("agencies:realisation_verify", args=[realisation.pk]), follow=True)
    assert "verified in the agency&#x27;s data calendar" in refused.content.decode()
    realisation.refresh_from_db()
    assert realisation.verified_by is None
    iku_page = client_for(colleague).get(reverse("agencies:iku_detail", args=[sourced.pk])).content.decode()
    assert "Waiting for verification in the data calendar" in iku_page

    # No person entered a computed figure: the PIC, a team member like the others, may verify it.
    assert client_for(employee).post(reverse("evaluation:entry_verify", args=[entry.pk])).status_code == 302
    entry.refresh_from_db()
    realisation.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED and entry.verified_by == employee.user
    assert realisation.verified_by == employee.user and realisation.value == Decimal("101.5")


def test_a_figure_for_a_period_the_calendar_has_not_opened_opens_its_entry(sourced, march, team):
    assert not DataEntry.objects.exists()

    compute(march)

    entry = march_entry(sourced.data_schedule)
    assert (entry.starts_on, entry.ends_on, entry.due_on) == (
        datetime.date(YEAR, 3, 1),
        datetime.date(YEAR, 3, 31),
        datetime.date(YEAR, 4, 10),
    )
    assert entry.status == EntryStatus.SUBMITTED and open_tasks(entry) == ["verify"]


def test_a_recomputed_value_after_verification_is_a_correction_through_the_flow(
    sourced, survey, opened, march, client_for, colleague
):
    compute(march)
    entry = march_entry(sourced.data_schedule)
    client_for(colleague).post(reverse("evaluation:entry_verify", args=[entry.pk]))
    compute(march)  # the same answers: nothing changes
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED and not DataCorrection.objects.exists()

    survey["value"], survey["sample"] = Decimal("79"), 340  # late answers came in
    compute(march)

    entry.refresh_from_db()
    realisation = IndicatorRealisation.objects.get(indicator=sourced, period=march)
    assert entry.status == EntryStatus.SUBMITTED and entry.value == Decimal("79") and open_tasks(entry) == ["verify"]
    assert realisation.value == Decimal("79") and realisation.verified_by is None
    correction = DataCorrection.objects.get(entry=entry)
    assert correction.previous_value == Decimal("82.5") and correction.requested_by is None
    assert correction.previously_verified_by == colleague.user
    page = client_for(colleague).get(reverse("evaluation:entry_detail", args=[entry.pk])).content.decode()
    assert "Changed after verification" in page and "The source brought another value" in page
    client_for(colleague).post(reverse("evaluation:entry_verify", args=[entry.pk]))
    realisation.refresh_from_db()
    assert realisation.verified_by == colleague.user and realisation.value == Decimal("79")


def test_a_returned_source_figure_is_corrected_by_the_pic_and_kept_against_the_next_computation(
    sourced, survey, opened, march, client_for, colleague, employee, planner
):
    compute(march)
    entry = march_entry(sourced.data_schedule)
    reason = "Survei Maret belum termasuk loket kecamatan."
    assert (
        client_for(colleague).post(reverse("evaluation:entry_return", args=[entry.pk]), {"reason": reason}).status_code
        == 302
    )

    page = client_for(employee).get(reverse("evaluation:entry_detail", args=[entry.pk])).content.decode()
    assert reason in page and "Submit for verification" in page
    client_for(employee).post(
        reverse("evaluation:entry_submit", args=[entry.pk]),
        {"value": "80", "evidence_note": "Rekap survei dengan loket kecamatan"},
    )
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED and entry.source_origin == "" and entry.entered_by == employee.user
    assert client_for(employee).post(reverse("evaluation:entry_verify", args=[entry.pk])).status_code == 403
    client_for(planner).post(reverse("evaluation:entry_verify", args=[entry.pk]))

    realisation = IndicatorRealisation.objects.get(indicator=sourced, period=march)
    assert realisation.value == Decimal("80") and realisation.verified_by == planner.user
    assert not realisation.is_computed and realisation.provenance["replaced"]["value"] == "82.5000"
    compute(march)  # the nightly run keeps the figure a person corrected
    realisation.refresh_from_db()
    entry.refresh_from_db()
    assert realisation.value == Decimal("80") and entry.status == EntryStatus.PUBLISHED


def test_a_pushed_figure_waits_for_someone_other_than_the_token_s_person(
    schedule,
    opened,
    march,
    client_for,
    colleague,
    head,
    make_personal,  # noqa: F811
    api,  # noqa: F811
):
    caller = api(make_personal(head))  # the agency's head, whose own token pushes what SIAK measured
    url = f"/api/v1/indicators/{schedule.indicator_id}/realisations/"
    body = {"period": march.pk, "value": "91", "source_system": "SIAK", "reference": "r-1"}
    assert caller.post(url, body).status_code == 201

    entry = march_entry(schedule)
    assert entry.status == EntryStatus.SUBMITTED and entry.source_origin == "pushed"
    assert entry.entered_by == head.user and "Pushed through the API by the token “mine”" in entry.source_note
    assert client_for(head).post(reverse("evaluation:entry_verify", args=[entry.pk])).status_code == 403
    page = client_for(head).get(reverse("evaluation:entry_detail", args=[entry.pk])).content.decode()
    assert "Four eyes" in page and "Verify and publish" not in page
    assert client_for(colleague).post(reverse("evaluation:entry_verify", args=[entry.pk])).status_code == 302
    realisation = IndicatorRealisation.objects.get(indicator=schedule.indicator, period=march)
    assert realisation.verified_by == colleague.user

    assert caller.post(url, {**body, "value": "93", "reason": "Koreksi SIAK"}).status_code == 201
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED and entry.value == Decimal("93")
    assert DataCorrection.objects.filter(entry=entry, previous_value=Decimal("91")).exists()


def test_the_verifiers_are_reminded_of_a_waiting_source_figure(sourced, opened, march, employee, colleague, planner):
    compute(march)
    entry = march_entry(sourced.data_schedule)
    DataEntry.objects.filter(pk=entry.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=3))

    call_command("send_data_reminders", stdout=io.StringIO())

    waiting = DataReminder.objects.filter(entry=entry, kind=DataReminderKind.WAITING)
    # Nobody entered it: every member of the team hears of it, the PIC too.
    assert sorted(waiting.values_list("recipient_id", flat=True)) == sorted(
        [employee.user_id, colleague.user_id, planner.user_id]
    )


def test_a_figure_of_an_iku_off_the_calendar_keeps_the_iku_page_s_verification(
    survey, march, team, agency, client_for, colleague
):
    indicator = IndicatorFactory(agency=agency, code="IKU9", source="tests.survey")

    compute(march)

    realisation = IndicatorRealisation.objects.get(indicator=indicator)
    assert not realisation.verified_elsewhere and not DataEntry.objects.exists()
    page = client_for(colleague).get(reverse("evaluation:calendar", args=[agency.pk]) + f"?year={YEAR}")
    assert 'id="from-sources"' in page.content.decode()
    client_for(colleague).post(reverse("agencies:realisation_verify", args=[realisation.pk]))
    realisation.refresh_from_db()
    assert realisation.verified_by == colleague.user


def test_the_calendar_and_entry_pages_cost_the_same_with_more_source_figures(
    sourced, survey, opened, client_for, colleague, agency
):
    months = [
        PeriodFactory(
            year=YEAR,
            kind="monthly",
            name=f"Bulan {month}",
            starts_on=datetime.date(YEAR, month, 1),
            ends_on=DataEntry.objects.get(schedule=sourced.data_schedule, starts_on__month=month).ends_on,
        )
        for month in (1, 2, 3, 4)
    ]
    client = client_for(colleague)
    calendar = reverse("evaluation:calendar", args=[agency.pk]) + f"?year={YEAR}"
    compute(months[0])
    client.get(calendar)  # warm-up: the signed-in identity
    with CaptureQueriesContext(connection) as few:
        assert client.get(calendar).status_code == 200
    for month in months[1:]:
        compute(month)
    with CaptureQueriesContext(connection) as many:
        page = client.get(calendar)
    assert page.content.decode().count("Computed from its source") == 4
    assert len(many) == len(few)
    first, last = (march_entry_of(sourced, month) for month in (1, 4))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("evaluation:entry_detail", args=[first.pk]))
    with CaptureQueriesContext(connection) as other:
        client.get(reverse("evaluation:entry_detail", args=[last.pk]))
    assert len(one) == len(other)


def march_entry_of(indicator, month):
    return DataEntry.objects.get(schedule=indicator.data_schedule, starts_on=datetime.date(YEAR, month, 1))


def test_a_computed_figure_equal_to_the_verified_one_is_published_without_a_correction(
    sourced, survey, opened, march, client_for, employee, colleague
):
    entry = march_entry(sourced.data_schedule)
    client_for(employee).post(
        reverse("evaluation:entry_submit", args=[entry.pk]), {"value": "82.5", "evidence_note": "Rekap survei"}
    )
    client_for(colleague).post(reverse("evaluation:entry_verify", args=[entry.pk]))

    compute(march)

    entry.refresh_from_db()
    realisation = IndicatorRealisation.objects.get(indicator=sourced, period=march)
    assert entry.status == EntryStatus.PUBLISHED and not DataCorrection.objects.exists()
    assert realisation.verified_elsewhere and realisation.verified_by == colleague.user


def test_an_annual_figure_of_a_monthly_iku_stays_on_the_iku_page(sourced, opened, period):
    compute(period)  # the annual period: not one of the monthly calendar's

    realisation = IndicatorRealisation.objects.get(indicator=sourced, period=period)
    assert not realisation.verified_elsewhere
    assert not DataEntry.objects.filter(realisation=realisation).exists()
    assert not DataEntry.objects.exclude(status=EntryStatus.OPEN).exists()


def test_an_imported_figure_waits_for_someone_other_than_the_importer(
    schedule, opened, march, agency, tmp_path, client_for, colleague, planner
):
    bad = tmp_path / "iku-bad.csv"
    bad.write_text(
        f"agency_code,iku_code,period,value\n{agency.code},IKU1,Maret 2026,banyak\n{agency.code},X,Maret 2026,1\n"
    )
    with pytest.raises(CommandError):
        call_command("import_iku_figures", str(bad), by=colleague.user.username, stderr=io.StringIO())
    assert not IndicatorRealisation.objects.exists()
    upload = tmp_path / "iku-maret.csv"
    upload.write_text(f"kode_opd;kode_iku;periode;nilai;bukti\n{agency.code};IKU1;Maret 2026;88,5;Rekap loket\n")

    call_command("import_iku_figures", str(upload), by=colleague.user.username, stdout=io.StringIO())

    entry = march_entry(schedule)
    assert entry.status == EntryStatus.SUBMITTED and entry.source_origin == "imported"
    assert entry.value == Decimal("88.5") and entry.entered_by == colleague.user
    assert "from the file “iku-maret.csv”, row 2" in entry.source_note
    assert client_for(colleague).post(reverse("evaluation:entry_verify", args=[entry.pk])).status_code == 403
    assert client_for(planner).post(reverse("evaluation:entry_verify", args=[entry.pk])).status_code == 302
    realisation = IndicatorRealisation.objects.get(indicator=schedule.indicator, period=march)
    assert realisation.verified_by == planner.user and realisation.value == Decimal("88.5")


def test_putting_an_iku_on_the_calendar_takes_over_its_waiting_computed_figure(
    iku, survey, march, team, client_for, colleague, employee, period
):
    """The figure computed before the IKU was scheduled waited on the IKU page; once scheduled, the calendar verifies
    it (the team verifies in one place, and the PIC is not asked for a figure the source already gave)."""
    iku.source = "tests.survey"
    iku.save(update_fields=["source"])
    compute(march)
    compute(period)  # the annual period: not one of a monthly calendar's, so it stays on the IKU page
    waiting = IndicatorRealisation.objects.get(indicator=iku, period=march)
    assert not waiting.verified_elsewhere

    url = reverse("evaluation:schedule_edit", args=[iku.pk])
    data = {"frequency": "monthly", "pic": employee.pk, "due_day": 10, "value_kind": "number"}
    assert client_for(colleague).post(url, data).status_code == 302

    entry = march_entry(iku.data_schedule)
    assert entry.status == EntryStatus.SUBMITTED and entry.value == Decimal("82.5")
    assert entry.source_origin == "computed" and entry.realisation == waiting and entry.entered_by is None
    assert "Computed from “Survey of the test” on 312 responses." in entry.source_note
    waiting.refresh_from_db()
    assert waiting.verified_elsewhere and waiting.verified_at is None
    annual = IndicatorRealisation.objects.get(indicator=iku, period=period)
    assert not annual.verified_elsewhere
    assert client_for(employee).post(reverse("evaluation:entry_verify", args=[entry.pk])).status_code == 302
    waiting.refresh_from_db()
    assert waiting.verified_by == employee.user

    assert client_for(colleague).post(url, data | {"due_day": 12}).status_code == 302  # saving again adds nothing
    assert DataEntry.objects.filter(schedule=iku.data_schedule).count() == 1


def test_scheduling_leaves_verified_and_hand_typed_figures_where_they_are(
    iku, survey, march, period, team, client_for, colleague, employee, planner
):
    iku.source = "tests.survey"
    iku.save(update_fields=["source"])
    compute(march)
    verified = IndicatorRealisation.objects.get(indicator=iku, period=march)
    assert client_for(planner).post(reverse("agencies:realisation_verify", args=[verified.pk])).status_code == 302
    typed = IndicatorRealisation.objects.create(
        indicator=iku, period=period, value=Decimal("70"), entered_by=planner.user
    )

    url = reverse("evaluation:schedule_edit", args=[iku.pk])
    data = {"frequency": "monthly", "pic": employee.pk, "due_day": 10, "value_kind": "number"}
    assert client_for(colleague).post(url, data).status_code == 302

    assert not DataEntry.objects.exists()
    verified.refresh_from_db()
    typed.refresh_from_db()
    assert verified.verified_by == planner.user and not verified.verified_elsewhere
    assert not typed.verified_elsewhere


def test_a_pushed_figure_waiting_when_the_iku_is_scheduled_still_needs_someone_other_than_the_pusher(
    iku,
    march,
    team,
    client_for,
    colleague,
    employee,
    head,
    make_personal,  # noqa: F811
    api,  # noqa: F811
):
    caller = api(make_personal(head))
    body = {"period": march.pk, "value": "91", "source_system": "SIAK", "reference": "r-1"}
    assert caller.post(f"/api/v1/indicators/{iku.pk}/realisations/", body).status_code == 201

    url = reverse("evaluation:schedule_edit", args=[iku.pk])
    data = {"frequency": "monthly", "pic": employee.pk, "due_day": 10, "value_kind": "number"}
    assert client_for(colleague).post(url, data).status_code == 302

    entry = march_entry(iku.data_schedule)
    assert entry.status == EntryStatus.SUBMITTED and entry.source_origin == "pushed" and entry.entered_by == head.user
    assert "Pushed through the API with the token kin_" in entry.source_note
    assert client_for(head).post(reverse("evaluation:entry_verify", args=[entry.pk])).status_code == 403
    assert client_for(colleague).post(reverse("evaluation:entry_verify", args=[entry.pk])).status_code == 302


def test_the_pic_is_told_that_a_computed_iku_s_figure_arrives_by_itself(
    sourced, opened, client_for, employee, schedule
):
    sourced_entry = opened[0]
    page = client_for(employee).get(reverse("evaluation:entry_detail", args=[sourced_entry.pk])).content.decode()
    assert 'id="computed-hint"' in page and "computed from “Survey of the test” once the period has ended" in page
    assert "Submit for verification" in page  # the PIC may still enter it when the source gives nothing

    sourced.source = ""
    sourced.save(update_fields=["source"])
    page = client_for(employee).get(reverse("evaluation:entry_detail", args=[sourced_entry.pk])).content.decode()
    assert 'id="computed-hint"' not in page and "Submit for verification" in page


def test_my_entries_shows_a_quarter_as_its_three_months_and_marks_a_computed_iku(
    sourced, opened, client_for, employee, coordinator, agency
):
    quarterly = IndicatorFactory(agency=agency, code="IKU7")
    DataSchedule.objects.create(
        indicator=quarterly, frequency="quarterly", pic=employee, due_day=10, value_kind="number"
    )
    services.open_data_entries(year=YEAR, agency_ids=[agency.pk], by=coordinator)

    rows = client_for(employee).get(reverse("evaluation:my_entries")).content.decode().split("<tr>")
    quarter = next(row for row in rows if "IKU7" in row and f"Jan {YEAR} – Mar {YEAR}" in row)
    assert 'badge info">Computed<' not in quarter  # entered by a person
    month = next(row for row in rows if sourced.code in row and f'"Period">Jan {YEAR}<' in row)
    assert 'badge info">Computed<' in month
