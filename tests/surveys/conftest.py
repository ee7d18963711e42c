import pytest

from tests.factories import PublicServiceFactory


@pytest.fixture(autouse=True)
def _no_minimum_fill_time(settings):
    # Test clients answer instantly; the minimum fill time is tested on purpose where it matters.
    settings.KINERJA_SURVEY_MIN_SECONDS = 0


@pytest.fixture
def ktp(agency):
    return PublicServiceFactory(agency=agency, name="Penerbitan KTP-el", slug="ktp-el", annual_users=1000)


@pytest.fixture
def kk(agency):
    return PublicServiceFactory(agency=agency, name="Penerbitan Kartu Keluarga", slug="kk", annual_users=100)


@pytest.fixture
def clinic(other_agency):
    return PublicServiceFactory(agency=other_agency, name="Rawat Jalan Puskesmas", slug="rawat-jalan", annual_users=50)
