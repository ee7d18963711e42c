"""Results pages for agency people and coordinators, and the XLSX export in the regulation's layout."""

import datetime
from io import BytesIO

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from agencies.models import PublicService
from audit.models import AuditEvent, AuditKind
from tests.factories import PublicServiceFactory
from tests.surveys.factories import answers


def test_agency_people_see_their_agencys_results(client_for, employee, ktp, clinic, period):
    answers(ktp, [4] * 9, count=2)
    response = client_for(employee).get(reverse("surveys:results"), {"period": period.pk})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Penerbitan KTP-el" in content and "Rawat Jalan Puskesmas" not in content
    assert "100.00" in content and "Under-sampled" in content
    assert response.context["pemda"] is None  # the Pemda-wide figure is for coordinators


def test_a_coordinator_sees_the_pemda_and_every_agency(client_for, coordinator, ktp, clinic, period):
    answers(ktp, [4] * 9)
    answers(clinic, [2] * 9)
    response = client_for(coordinator).get(reverse("surveys:results"))
    assert response.context["pemda"].ikm == 75
    assert {row.agency.code for row in response.context["agency_rows"]} == {"DUKCAPIL", "DINKES"}


def test_the_service_page_names_the_weakest_elements_with_actions(client_for, head, ktp, period):
    answers(ktp, [4, 4, 1, 4, 4, 4, 4, 4, 4], comment="Antrean terlalu lama")
    content = client_for(head).get(reverse("surveys:service_results", args=[ktp.slug])).content.decode()
    assert "Completion time" in content and "publish a service time standard" in content
    assert "Antrean terlalu lama" in content


def test_another_agencys_service_is_not_found(client_for, outsider, ktp):
    assert client_for(outsider).get(reverse("surveys:service_results", args=[ktp.slug])).status_code == 404


def test_results_need_a_login(ktp):
    response = Client().get(reverse("surveys:results"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_export_has_results_and_answers_with_formulas_neutralised(client_for, head, ktp, kk, period):
    answers(ktp, [4] * 9, comment='=HYPERLINK("http://evil")')
    answers(kk, [2] * 9, comment="+62 812")
    response = client_for(head).get(reverse("surveys:export", args=[ktp.agency_id, period.pk]))
    assert response.status_code == 200
    book = load_workbook(BytesIO(b"".join(response.streaming_content)))
    results = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    by_name = {row[0]: row for row in results[3:]}
    assert by_name["Penerbitan KTP-el"][-2:] == [100.0, "A"]
    assert by_name["Agency (all services)"][1] == 2 and by_name["Agency (all services)"][-2:] == [75.0, "C"]
    comments = [row[-1] for row in book.worksheets[1].iter_rows(min_row=2, max_row=3, values_only=True)]
    assert set(comments) == {'\'=HYPERLINK("http://evil")', "'+62 812"}
    day = book.worksheets[1].cell(row=2, column=3)  # the answer's date: a date cell, not text in one language
    assert day.is_date and day.value.date() == datetime.date(2026, 6, 15) and day.number_format == "yyyy-mm-dd"
    assert AuditEvent.objects.filter(kind=AuditKind.EXPORTED, actor=head.user).exists()


def test_only_those_managing_the_figures_export(client_for, employee, outsider, ktp, period):
    url = reverse("surveys:export", args=[ktp.agency_id, period.pk])
    assert client_for(employee).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404


def test_the_results_pages_need_as_many_queries_on_five_times_the_services(
    client_for, coordinator, agency, other_agency, period
):
    client = client_for(coordinator)
    counts = []
    for scale in (1, 5):
        for _ in range(scale):
            for each in (agency, other_agency):
                answers(PublicServiceFactory(agency=each), [3] * 9, count=2)
        service = PublicService.objects.filter(agency=agency).first()
        pages = [
            reverse("surveys:results"),
            reverse("surveys:service_results", args=[service.slug]),
        ]
        measured = []
        for url in pages:
            client.get(
                url, {"period": period.pk}
            )  # new rows make the next request reload the signed-in identity once (agencies/identity.py)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url, {"period": period.pk}).status_code == 200
            measured.append(len(queries))
        counts.append(measured)
    assert counts[0] == counts[1]
    assert max(counts[1]) <= 15


def test_the_service_page_shows_the_ten_latest_comments_and_opens_the_rest_on_demand(client_for, head, ktp, period):
    start = datetime.datetime(2026, 6, 15, 8, tzinfo=datetime.UTC)
    for number in range(1, 13):
        answers(
            ktp, [3] * 9, comment=f"Komentar nomor {number:02d}", submitted_at=start + datetime.timedelta(hours=number)
        )
    content = client_for(head).get(reverse("surveys:service_results", args=[ktp.slug])).content.decode()
    comments = content.split("Latest comments", 1)[1]
    shown, hidden = comments.split("<details", 1)
    assert all(f"Komentar nomor {number:02d}" in shown for number in range(3, 13))  # the newest ten
    assert "Komentar nomor 02" in hidden and "Komentar nomor 01" in hidden and "2 more comments" in hidden
