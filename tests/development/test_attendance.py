"""Attendance import (all or nothing, row-level errors) and the printable sheet."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from development.models import AttendanceDay, ParticipantStatus
from tests.development.conftest import xlsx
from tests.development.factories import ParticipationFactory

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(client, training, rows, name="hadir.xlsx"):
    content = xlsx(rows) if name.endswith(".xlsx") else "\n".join(",".join(map(str, r)) for r in rows).encode()
    upload = SimpleUploadedFile(name, content, content_type=XLSX)
    return client.post(reverse("development:attendance_import", args=[training.pk]), {"file": upload})


def test_a_valid_workbook_records_every_day_and_registers_who_came(
    client_for, organiser, training, employee, colleague
):
    ParticipationFactory(training=training, employee=employee)
    ParticipationFactory(training=training, employee=colleague, status="registered")
    rows = [
        ["NIP", "Tanggal", "Hadir"],
        [employee.nip, "2026-02-10", "ya"],
        [employee.nip, "2026-02-11", "tidak"],
        [colleague.nip, "10/02/2026", ""],
    ]
    response = _upload(client_for(organiser), training, rows)
    assert response.status_code == 302
    assert AttendanceDay.objects.count() == 3
    assert AttendanceDay.objects.filter(present=True).count() == 2
    assert training.participants.get(employee=employee).status == ParticipantStatus.REGISTERED


def test_any_bad_row_saves_nothing_and_every_problem_is_listed_by_row(client_for, organiser, training, employee):
    ParticipationFactory(training=training, employee=employee)
    rows = [
        ["nip", "date", "present"],
        [employee.nip, "2026-02-10", "ya"],
        ["199001012015031001", "2026-02-10", "ya"],
        [employee.nip, "2026-03-01", "mungkin"],
        [employee.nip, "2026-02-10", "ya"],
    ]
    response = _upload(client_for(organiser), training, rows)
    page = response.content.decode()
    assert response.status_code == 400
    assert "No participant of this training has NIP 199001012015031001" in page
    assert "1 March 2026 is not a day of this training" in page and "“ya” or “tidak”" in page
    assert "appear twice" in page and "nothing was saved" in page
    assert not AttendanceDay.objects.exists()


def test_a_file_without_the_required_columns_is_refused(client_for, organiser, training):
    response = _upload(client_for(organiser), training, [["nama"], ["Andi"]])
    assert response.status_code == 400 and "Required column missing" in response.content.decode()


def test_importing_the_same_file_twice_changes_nothing_more(client_for, organiser, training, employee):
    ParticipationFactory(training=training, employee=employee)
    rows = [["nip", "tanggal"], [employee.nip, "2026-02-10"]]
    _upload(client_for(organiser), training, rows)
    _upload(client_for(organiser), training, rows)
    assert AttendanceDay.objects.count() == 1


def test_only_the_organiser_imports(client_for, training, employee, supervisor):
    ParticipationFactory(training=training, employee=employee)
    response = _upload(client_for(supervisor), training, [["nip", "tanggal"], [employee.nip, "2026-02-10"]])
    assert response.status_code == 403 and not AttendanceDay.objects.exists()


def test_the_attendance_sheet_is_a_pdf_with_the_registered_people(client_for, organiser, training, employee):
    ParticipationFactory(training=training, employee=employee, status="registered")
    response = client_for(organiser).get(reverse("development:attendance_sheet", args=[training.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
