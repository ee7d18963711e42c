"""The JP ledger: completed trainings and verified external ones per employee and year, against the duty."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from development import selectors, services
from development.models import ExternalStatus
from tests.development.conftest import PDF
from tests.development.factories import ExternalTrainingFactory, ParticipationFactory, TrainingFactory
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def _jp(user, employee, year=2026):
    (row,) = [
        person for person in selectors.ledger(user=user, year=year, per_page=1000).page if person.pk == employee.pk
    ]
    return row


def test_only_completed_and_verified_hours_of_the_year_count(coordinator, employee, agency):
    ParticipationFactory(employee=employee, status="completed", training=TrainingFactory(agency=agency, jp=16))
    ParticipationFactory(employee=employee, status="registered", training=TrainingFactory(agency=agency, jp=8))
    last_year = TrainingFactory(
        agency=agency, jp=8, starts_on=datetime.date(2025, 5, 1), ends_on=datetime.date(2025, 5, 2)
    )
    ParticipationFactory(employee=employee, status="completed", training=last_year)
    ExternalTrainingFactory(employee=employee, jp=6, status=ExternalStatus.VERIFIED)
    ExternalTrainingFactory(employee=employee, jp=30, status=ExternalStatus.SUBMITTED)
    row = _jp(coordinator, employee)
    assert (row.jp, row.duty) == (22, 20)
    assert _jp(coordinator, employee, 2025).jp == 8


def test_the_duty_follows_the_employee_type_setting(settings, coordinator, agency):
    settings.KINERJA_JP_DUTY = {"PNS": 20, "PPPK": 12}
    contract = EmployeeFactory(agency=agency, employee_type="PPPK", nip="199001012020121001")
    assert _jp(coordinator, contract).duty == 12


def test_the_ledger_page_lists_who_is_below_per_agency(client_for, coordinator, employee, colleague, agency, outsider):
    ParticipationFactory(employee=employee, status="completed", training=TrainingFactory(agency=agency, jp=20))
    url = reverse("development:jp_ledger") + f"?year=2026&agency={agency.pk}&below=1"
    page = client_for(coordinator).get(url).content.decode()
    assert colleague.name in page and employee.name not in page.split('id="people"')[1]
    summary = selectors.ledger(user=coordinator, year=2026).agencies
    dukcapil = next(row for row in summary if row["agency_id"] == agency.pk)
    assert dukcapil["below"] == dukcapil["people"] - 1 and dukcapil["total_jp"] == 20
    assert any(row["agency_id"] == outsider.agency_id for row in summary)


def test_a_head_sees_only_their_agency_and_an_employee_no_ledger(client_for, head, employee, outsider):
    page = client_for(head).get(reverse("development:jp_ledger")).content.decode()
    assert employee.name in page and outsider.name not in page
    assert client_for(employee).get(reverse("development:jp_ledger")).status_code == 403


def test_my_page_shows_my_hours_against_the_duty(client_for, employee, agency):
    ParticipationFactory(employee=employee, status="completed", training=TrainingFactory(agency=agency, jp=16))
    page = client_for(employee).get(reverse("development:my_development") + "?year=2026").content.decode()
    assert ">16<" in page and ">20<" in page and "4 JP short of the yearly duty" in page
    assert f'href="{reverse("development:training_list")}">Find a training</a>' in page  # and where to find them
    ParticipationFactory(employee=employee, status="completed", training=TrainingFactory(agency=agency, jp=4))
    page = client_for(employee).get(reverse("development:my_development") + "?year=2026").content.decode()
    assert "Yearly duty met" in page and "short of the yearly duty" not in page


def _grow(agency, count):
    for n in range(count):
        person = EmployeeFactory(agency=agency)
        training = TrainingFactory(agency=agency, jp=n % 30 + 1)
        ParticipationFactory(employee=person, status="completed", training=training)
        ExternalTrainingFactory(employee=person, status=ExternalStatus.VERIFIED)


def _queries(client, url) -> int:
    client.get(url)  # the second request of a session, as every later one
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_ledger_page_needs_as_many_queries_on_five_times_the_data(client_for, coordinator, agency):
    client, url = client_for(coordinator), reverse("development:jp_ledger") + "?below=1"
    _grow(agency, 10)
    small = _queries(client, url)
    _grow(agency, 40)
    assert _queries(client, url) == small <= 15


# External trainings


def test_an_employee_records_an_external_training_and_the_supervisor_verifies_it(client_for, employee, supervisor):
    upload = SimpleUploadedFile("sertifikat.pdf", PDF, content_type="application/pdf")
    data = {"kind": "seminar", "name": "Seminar Pelayanan Publik", "organiser": "KemenPANRB"}
    data |= {
        "starts_on": "2026-06-01",
        "ends_on": "2026-06-01",
        "jp": 4,
        "certificate_number": "S-9",
        "certificate": upload,
    }
    assert client_for(employee).post(reverse("development:external_create"), data).status_code == 302
    external = employee.external_trainings.get()
    assert external.status == ExternalStatus.SUBMITTED and external.certificate_name == "sertifikat.pdf"

    page = client_for(supervisor).get(reverse("development:my_development")).content.decode()
    assert "Seminar Pelayanan Publik" in page
    url = reverse("development:external_verify", args=[external.pk])
    assert client_for(employee).post(url, {"decision": "accept"}).status_code == 403
    client_for(supervisor).post(url, {"decision": "accept"})
    external.refresh_from_db()
    assert external.status == ExternalStatus.VERIFIED and external.verified_by == supervisor.user


def test_an_external_certificate_must_be_a_real_document(client_for, employee):
    upload = SimpleUploadedFile("sertifikat.pdf", b"<html>", content_type="application/pdf")
    data = {"kind": "seminar", "name": "Seminar", "organiser": "X", "starts_on": "2026-06-01", "ends_on": "2026-06-01"}
    data |= {"jp": 4, "certificate_number": "S-9", "certificate": upload}
    response = client_for(employee).post(reverse("development:external_create"), data)
    assert response.status_code == 400 and "does not match its name" in response.content.decode()
    assert not employee.external_trainings.exists()


def test_rejecting_needs_a_reason(supervisor, employee):
    external = ExternalTrainingFactory(employee=employee)
    with pytest.raises(Exception) as error:
        services.verify_external(external=external, by=supervisor.user, accept=False)
    assert "note" in error.value.message_dict
    services.verify_external(external=external, by=supervisor.user, accept=False, note="Sertifikat tidak terbaca")
    external.refresh_from_db()
    assert external.status == ExternalStatus.REJECTED


def test_the_list_pages_fewest_jp_first_and_a_page_past_the_end_shows_the_last(coordinator, agency):
    people = [EmployeeFactory(agency=agency) for _ in range(3)]
    for person, jp in zip(people, (12, 4, 30), strict=True):
        ParticipationFactory(employee=person, status="completed", training=TrainingFactory(agency=agency, jp=jp))

    def listed(page, **filters):
        result = selectors.ledger(user=coordinator, year=2026, agency_id=agency.pk, per_page=2, page=page, **filters)
        return [(person.pk, person.jp) for person in result.page], result.matching

    assert listed(1) == ([(people[1].pk, 4), (people[0].pk, 12)], 3)
    assert listed(2) == ([(people[2].pk, 30)], 3)
    assert listed("99") == listed(2) and listed("x") == listed(1)
    assert listed(1, below_only=True) == ([(people[1].pk, 4), (people[0].pk, 12)], 2)


def test_the_ledger_page_links_the_next_page(client_for, coordinator, agency):
    EmployeeFactory.create_batch(51, agency=agency)
    url = reverse("development:jp_ledger") + f"?year=2026&agency={agency.pk}"
    page = client_for(coordinator).get(url).content.decode()
    assert "Page 1 of 2" in page and f"agency={agency.pk}&amp;page=2" in page
    page = client_for(coordinator).get(url + "&page=2").content.decode()
    assert "Page 2 of 2" in page and "page=1" in page
