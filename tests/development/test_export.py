"""Export of completed trainings (CSV and XLSX) with the fields a national HR system asks for."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEvent, AuditKind
from development.models import ExternalStatus
from tests.development.factories import ExternalTrainingFactory, ParticipationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(employee, agency, outsider):
    training = TrainingFactory(agency=agency, name='=HYPERLINK("http://x")', organiser="BKPSDM", jp=16)
    ParticipationFactory(training=training, employee=employee, status="completed", certificate_number="+C-1")
    ParticipationFactory(training=training, employee=outsider, status="completed", certificate_number="C-2")
    ExternalTrainingFactory(employee=employee, status=ExternalStatus.VERIFIED, name="Seminar", certificate_number="S-1")
    ExternalTrainingFactory(employee=employee, status=ExternalStatus.SUBMITTED, name="Belum diverifikasi")


def test_the_csv_holds_completed_and_verified_trainings_with_formulas_neutralised(client_for, head, employee, records):
    response = client_for(head).get(reverse("development:completed_export", args=["csv"]) + "?year=2026")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith(
        "NIP,Name,Type,Training name,Organiser,Start date,End date,Hours (JP),Certificate number"
    )
    assert len(lines) == 3  # the outsider's and the unverified record are not there
    assert "'=HYPERLINK" in text and "'+C-1" in text and "2026-02-10" in text and "Seminar" in text


def test_the_xlsx_has_the_same_rows_and_dates_as_dates(client_for, head, records):
    response = client_for(head).get(reverse("development:completed_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows())
    assert len(rows) == 3 and rows[0][3].value == "Training name"
    internal = next(row for row in rows[1:] if row[7].value == 16)
    # The crafted name stays text shown as typed (Excel's quote prefix), never a formula; dates stay dates.
    assert internal[3].value.startswith("=") and (internal[3].data_type, internal[3].quotePrefix) == ("s", True)
    assert internal[5].value.year == 2026


def test_an_employee_exports_only_their_own(client_for, colleague, records):
    response = client_for(colleague).get(reverse("development:completed_export", args=["csv"]))
    assert len(response.content.decode("utf-8-sig").strip().splitlines()) == 1


def test_an_unknown_format_is_404(client_for, head):
    assert client_for(head).get(reverse("development:completed_export", args=["pdf"])).status_code == 404


def test_an_export_is_audited_with_who_and_how_many_rows(client_for, head, records):
    client_for(head).get(reverse("development:completed_export", args=["csv"]) + "?year=2026")
    event = AuditEvent.objects.get(kind=AuditKind.EXPORTED)
    assert event.actor == head.user and event.detail == {"rows": "2"} and event.target == "trainings-2026"
