"""Fixtures for capacity development: a Dukcapil training targeting its IKU, run by a Dukcapil coordinator."""

import datetime
import io

import pytest
from openpyxl import Workbook

from tests.development.factories import TrainingFactory
from tests.factories import CoordinatorFactory, IndicatorFactory, UserFactory
from tests.workflow.conftest import filled_plan, plan, supervisor_plan, supervisor_rhk  # noqa: F401 (plan fixtures)

PDF = b"%PDF-1.4\nsertifikat\n"


@pytest.fixture
def iku(agency):
    return IndicatorFactory(agency=agency, code="IKU-01", direction="lower")


@pytest.fixture
def organiser(agency):
    """A coordinator over Dukcapil only."""
    user = UserFactory(username="organiser")
    CoordinatorFactory(user=user, all_agencies=False).agencies.set([agency])
    return user


@pytest.fixture
def training(agency, iku):
    return TrainingFactory(agency=agency, name="Pelatihan Manajemen Waktu", indicators=[iku])


def xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


DAY1, DAY2 = datetime.date(2026, 2, 10), datetime.date(2026, 2, 11)
