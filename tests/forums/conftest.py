"""Forum fixtures: a practice shared by Dukcapil, a Dinkes reader, a meeting with both agencies, IKU figures."""

import datetime
from decimal import Decimal

import pytest

from tests.factories import (
    CategoryFactory,
    EmployeeFactory,
    IndicatorFactory,
    IndicatorRealisationFactory,
    IndicatorTargetFactory,
    PeriodFactory,
)


@pytest.fixture
def category(db):
    return CategoryFactory(name="Administrasi Kependudukan", slug="adminduk")


@pytest.fixture
def other_category(db):
    return CategoryFactory(name="Kesehatan", slug="kesehatan")


@pytest.fixture
def topic(category, agency, employee):
    """Dukcapil's practice, shared through the service like a person would (author subscribed)."""
    from forums import services

    return services.create_topic(
        author=employee.user,
        category=category,
        title="How Dukcapil cut document completion time",
        body="We moved KTP-el printing to the kecamatan.",
        agency=agency,
        tags="ktp-el",
    )


@pytest.fixture
def outsider_head(other_agency, outsider):
    """Head of Dinkes (the other agency); `outsider` reports to someone else there."""
    person = EmployeeFactory(user__username="dinkes_head", agency=other_agency, position_type="jpt")
    other_agency.head = person
    other_agency.save(update_fields=["head"])
    return person


@pytest.fixture
def scoped_coordinator(agency):
    """A coordinator whose scope is Dukcapil only."""
    from tests.factories import CoordinatorFactory, UserFactory

    user = UserFactory(username="scoped_coordinator")
    coordinator = CoordinatorFactory(user=user, all_agencies=False)
    coordinator.agencies.set([agency])
    return user


@pytest.fixture
def previous_period(db):
    return PeriodFactory(year=2025, name="Tahunan 2025")


@pytest.fixture
def iku(agency, period, previous_period):
    """Dukcapil's document completion time (lower is better): 2025 at 12 days vs 10 (80 %), 2026 at 9 (110 %)."""
    indicator = IndicatorFactory(agency=agency, code="IKU1", direction="lower", unit_of_measure="hari")
    IndicatorTargetFactory(indicator=indicator, year=2025, value=Decimal("10"))
    IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("10"))
    IndicatorRealisationFactory(indicator=indicator, period=previous_period, value=Decimal("12"))
    IndicatorRealisationFactory(indicator=indicator, period=period, value=Decimal("9"))
    return indicator


@pytest.fixture
def dinkes_iku(other_agency, period, previous_period):
    """Dinkes' waiting time (lower is better): 2025 at 40 min vs 30 (66.67 %, red), 2026 at 30 (100 %, green)."""
    indicator = IndicatorFactory(
        agency=other_agency, code="IKU-D1", name="Waktu tunggu pasien", direction="lower", unit_of_measure="menit"
    )
    IndicatorTargetFactory(indicator=indicator, year=2025, value=Decimal("30"))
    IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("30"))
    IndicatorRealisationFactory(indicator=indicator, period=previous_period, value=Decimal("40"))
    IndicatorRealisationFactory(indicator=indicator, period=period, value=Decimal("30"))
    return indicator


@pytest.fixture
def meeting(coordinator, period, agency, other_agency):
    from forums import services

    return services.schedule_meeting(
        by=coordinator,
        period=period,
        title="Forum Evaluasi IKU Semester I",
        starts_at=datetime.datetime(2026, 7, 15, 9, 0, tzinfo=datetime.UTC),
        place="Ruang Rapat Bupati",
        agencies=[agency, other_agency],
    )
