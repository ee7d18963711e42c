"""A figure the PIC entered by hand and a team member verified becomes the IKU's realisation of the IKU period that
spans the entry's window (the month's entry and a monthly period, the year's entry and the annual period): on the
IKU page, verified, with a correction withdrawing and republishing it; a figure already verified on the IKU page is
kept, and windows without such a period stay the calendar's."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agencies import services as agency_services
from agencies.models import IndicatorRealisation
from evaluation import services
from tests.factories import PeriodFactory

from .conftest import YEAR


def published(entry, employee, colleague, value="90"):
    services.submit_entry(entry=entry, by=employee.user, value=Decimal(value), evidence_note="Laporan SIAK")
    return services.verify_entry(entry=entry, by=colleague.user)


@pytest.fixture
def january(db):
    return PeriodFactory(
        name=f"Januari {YEAR}", year=YEAR, kind="monthly", starts_on=datetime.date(YEAR, 1, 1),
        ends_on=datetime.date(YEAR, 1, 31), plan_due=datetime.date(YEAR, 1, 10),
        evaluation_due=datetime.date(YEAR, 2, 10),
    )  # fmt: skip


def test_a_verified_figure_is_published_to_the_iku_page_and_a_correction_republishes_it(
    opened, january, iku, employee, colleague, planner, client_for
):
    entry = opened[0]
    services.submit_entry(entry=entry, by=employee.user, value=Decimal("91.5"), evidence_note="Laporan SIAK")
    assert not IndicatorRealisation.objects.filter(indicator=iku).exists()  # waiting for verification: not yet

    services.verify_entry(entry=entry, by=colleague.user)

    realisation = IndicatorRealisation.objects.get(indicator=iku, period=january)
    assert realisation.value == Decimal("91.5") and realisation.verified_by == colleague.user
    assert realisation.entered_by == employee.user and realisation.verified_elsewhere
    entry.refresh_from_db()
    assert entry.realisation == realisation
    page = client_for(planner).get(reverse("agencies:iku_detail", args=[iku.pk])).content.decode()
    assert "91,5" in page or "91.5" in page

    services.reopen_entry(entry=entry, by=planner.user, reason="Kecamatan baru belum masuk")
    realisation.refresh_from_db()
    assert realisation.verified_by is None  # withdrawn while the PIC corrects it
    published(entry, employee, colleague, value="88")
    realisation.refresh_from_db()
    assert realisation.value == Decimal("88") and realisation.verified_by == colleague.user
    assert IndicatorRealisation.objects.filter(indicator=iku).count() == 1


def test_a_figure_already_verified_on_the_iku_page_is_kept(opened, january, iku, employee, colleague, planner):
    typed = agency_services.record_realisation(indicator=iku, period=january, value=Decimal("75"), by=planner.user)
    agency_services.verify_realisation(realisation=typed, by=colleague.user)

    entry = published(opened[0], employee, colleague, value="90")

    typed.refresh_from_db()
    assert typed.value == Decimal("75") and not typed.verified_elsewhere
    entry.refresh_from_db()
    assert entry.realisation is None


def test_an_unverified_figure_typed_on_the_iku_page_gives_way_to_the_verified_one(
    opened, january, iku, employee, colleague, planner
):
    agency_services.record_realisation(indicator=iku, period=january, value=Decimal("75"), by=planner.user)

    published(opened[0], employee, colleague, value="90")

    realisation = IndicatorRealisation.objects.get(indicator=iku, period=january)
    assert realisation.value == Decimal("90") and realisation.verified_by == colleague.user


def test_a_window_without_an_iku_period_stays_in_the_calendar(opened, iku, employee, colleague):
    published(opened[1], employee, colleague)  # February: no monthly period spans it

    assert not IndicatorRealisation.objects.filter(indicator=iku).exists()
