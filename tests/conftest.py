"""Shared fixtures: named personas so tests read like stories, and a client logged in as anyone."""

import pytest
from django.test import Client

from tests.factories import AgencyFactory, CoordinatorFactory, EmployeeFactory, PeriodFactory, UnitFactory, UserFactory
from tests.resilience_helpers import PrivateRedis, redis_settings


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    # Assertions read English messages; the Indonesian catalog is tested on purpose where it matters.
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def agency(db):
    return AgencyFactory(code="DUKCAPIL", name="Dinas Kependudukan dan Pencatatan Sipil", short_name="Dukcapil")


@pytest.fixture
def other_agency(db):
    return AgencyFactory(code="DINKES", name="Dinas Kesehatan", short_name="Dinkes")


@pytest.fixture
def unit(agency):
    return UnitFactory(agency=agency, code="PIAK", name="Bidang Pelayanan")


@pytest.fixture
def head(agency):
    person = EmployeeFactory(
        user__username="head", name="Budi Santoso", agency=agency, position_title="Kepala Dinas", position_type="jpt"
    )
    agency.head = person
    agency.save(update_fields=["head"])
    return person


@pytest.fixture
def supervisor(agency, unit, head):
    return EmployeeFactory(
        user__username="supervisor",
        name="Siti Rahayu",
        agency=agency,
        unit=unit,
        supervisor=head,
        position_title="Kepala Bidang Pelayanan",
        position_type="administrator",
    )


@pytest.fixture
def employee(agency, unit, supervisor):
    return EmployeeFactory(
        user__username="employee",
        name="Andi Wijaya",
        agency=agency,
        unit=unit,
        supervisor=supervisor,
        position_title="Analis Kependudukan",
    )


@pytest.fixture
def colleague(agency, unit, supervisor):
    return EmployeeFactory(
        user__username="colleague", name="Dewi Lestari", agency=agency, unit=unit, supervisor=supervisor
    )


@pytest.fixture
def outsider(other_agency):
    boss = EmployeeFactory(user__username="outsider_boss", agency=other_agency, position_type="administrator")
    return EmployeeFactory(user__username="outsider", name="Rudi Hartono", agency=other_agency, supervisor=boss)


@pytest.fixture
def coordinator(db):
    user = UserFactory(username="coordinator")
    CoordinatorFactory(user=user, all_agencies=True)
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def period(db):
    return PeriodFactory()


@pytest.fixture
def client_for():
    """client_for(user_or_employee) -> a Django test client logged in as that person."""

    def make(person):
        user = getattr(person, "user", person)
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def private_redis(settings):
    """The production wiring (cache, sessions, channel layer: settings.py) on a Redis server of the test's own."""
    server = PrivateRedis()
    server.start()
    for name, value in redis_settings(server.url).items():
        setattr(settings, name, value)
    yield server
    server.stop()
