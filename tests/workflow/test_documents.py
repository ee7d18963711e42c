"""The SKP and evaluation PDFs and the Excel exports, through their URLs, as the people who use them."""

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.factories import (
    CoordinatorFactory,
    EmployeeFactory,
    PlanFactory,
    RealisationFactory,
    ResultIndicatorFactory,
    ResultPlanFactory,
    UserFactory,
)
from workflow import services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def pdf_text(content: bytes) -> str:
    """All text of the PDF with line wrapping undone (one space between words)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def text_positions(page) -> list[tuple[str, float, float]]:
    """Each text fragment drawn on a PDF page with the x, y where it starts."""
    positions = []
    page.extract_text(visitor_text=lambda t, cm, tm, *_: positions.append((t, cm[4] + tm[4], cm[5] + tm[5])))
    return positions


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def approved_plan(filled_plan, employee, supervisor):
    services.set_expectations(
        plan=filled_plan, by=supervisor.user, expectations={"service": "Melayani pemohon KTP-el dengan ramah"}
    )
    services.submit_plan(plan=filled_plan, by=employee.user)
    return services.approve_plan(plan=filled_plan, by=supervisor.user)


@pytest.fixture
def rated_plan(approved_plan, employee, supervisor):
    plan = approved_plan
    indicator = plan.results.get().indicators.get()
    services.record_realisation(
        indicator=indicator, by=employee.user, value=Decimal("480"), description="KTP-el terbit dalam 3 hari"
    )
    services.finish_realisation(plan=plan, by=employee.user)
    services.submit_self_assessment(plan=plan, by=employee.user, results_rating="AS_EXPECTED", summary="Tercapai")
    result = plan.results.get()
    return services.rate_plan(
        plan=plan,
        by=supervisor.user,
        results_rating="ABOVE",
        behaviour_rating="AS_EXPECTED",
        result_ratings={result.pk: ("ABOVE", "Melampaui target waktu layanan")},
        behaviour_ratings={"service": ("ABOVE", "Sangat ramah kepada pemohon")},
    )


def skp_url(plan):
    return reverse("workflow:plan_skp_pdf", args=[plan.pk])


def evaluation_url(plan):
    return reverse("workflow:plan_evaluation_pdf", args=[plan.pk])


# The SKP


def test_the_employee_downloads_their_skp_with_identity_rhk_indicators_and_expectations(
    client_for, employee, supervisor, approved_plan
):
    response = client_for(employee).get(skp_url(approved_plan))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="SKP-{employee.nip}-tahunan-2026.pdf"'
    content = body(response)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "EMPLOYEE PERFORMANCE PLAN (SKP)" in text
    assert employee.nip in text and employee.full_name in text
    assert supervisor.nip in text and supervisor.full_name in text
    assert "Terbitnya KTP-el tepat waktu" in text
    assert "Meningkatnya kecepatan layanan dokumen kependudukan" in text  # the supervisor's RHK it supports
    assert "KTP-el terbit" in text and "500 dokumen" in text
    assert "Melayani pemohon KTP-el dengan ramah" in text
    pages = len(PdfReader(io.BytesIO(content)).pages)
    assert all(f"Page {n} of {pages}" in text for n in range(1, pages + 1))
    assert "Draft" not in text


def test_the_signatures_name_the_place_and_the_day_of_approval(settings, client_for, employee, approved_plan):
    settings.KINERJA_DOCUMENT_PLACE = "Sleman"

    text = pdf_text(body(client_for(employee).get(skp_url(approved_plan))))

    approved = timezone.localtime(approved_plan.approved_at, ZoneInfo("Asia/Jakarta"))
    assert f"Sleman, {approved.day} {approved:%B} {approved.year}" in text
    assert f"Employee being assessed Performance rater {employee.full_name}" in text


def test_the_document_follows_the_chosen_language(settings, client_for, employee, approved_plan):
    client = client_for(employee)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"

    text = pdf_text(body(client.get(skp_url(approved_plan))))

    assert "1 Januari 2026" in text and "31 Desember 2026" in text
    assert "No." in text and "HASIL KERJA" in text.upper()
    assert "Rencana hasil kerja (RHK)".upper() in text.upper()


def test_markup_and_typography_in_plan_text_print_as_written(client_for, employee, supervisor, period):
    text = "Rapat <b>koordinasi</b> & evaluasi — “tahap” 2 <br/> selesai"
    plan = PlanFactory(employee=employee, period=period, stage="realisation", supervisor=supervisor)
    ResultIndicatorFactory(result=ResultPlanFactory(plan=plan, text=text), description="Indeks ≥ 3,5 & rapi")

    content = body(client_for(employee).get(skp_url(plan)))

    printed = pdf_text(content)
    assert text in printed and "Indeks ≥ 3,5 & rapi" in printed


def test_a_head_without_a_recorded_rater_still_gets_an_skp(client_for, head, period):
    plan = PlanFactory(employee=head, period=period, stage="realisation")
    ResultIndicatorFactory(result=ResultPlanFactory(plan=plan, text="Meningkatnya kualitas layanan Dukcapil"))

    response = client_for(head).get(skp_url(plan))

    assert response.status_code == 200
    text = pdf_text(body(response))
    assert head.nip in text and "Meningkatnya kualitas layanan Dukcapil" in text


def test_the_skp_carries_title_metadata(client_for, employee, approved_plan):
    content = body(client_for(employee).get(skp_url(approved_plan)))

    metadata = PdfReader(io.BytesIO(content)).metadata
    assert metadata.title == f"Employee performance plan (SKP) — {employee.full_name} — Tahunan 2026"
    assert metadata.creator == "Kinerja"


def test_a_draft_skp_says_it_is_not_agreed_yet(client_for, employee, filled_plan):
    text = pdf_text(body(client_for(employee).get(skp_url(filled_plan))))

    assert "Draft: not yet agreed by the supervisor." in text


def test_the_skp_is_saved_as_an_attachment_on_request(client_for, employee, approved_plan):
    response = client_for(employee).get(skp_url(approved_plan), {"download": "1"})

    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("reader", ["supervisor", "head", "coordinator"])
def test_those_who_may_read_the_plan_download_its_skp(request, client_for, approved_plan, reader):
    response = client_for(request.getfixturevalue(reader)).get(skp_url(approved_plan))

    assert response.status_code == 200
    assert body(response).startswith(b"%PDF")


@pytest.mark.parametrize("stranger", ["colleague", "outsider"])
def test_colleagues_and_outsiders_get_404_for_the_documents(request, client_for, rated_plan, stranger):
    client = client_for(request.getfixturevalue(stranger))

    assert client.get(skp_url(rated_plan)).status_code == 404
    assert client.get(evaluation_url(rated_plan)).status_code == 404


def test_a_coordinator_of_other_agencies_gets_404(client_for, approved_plan, other_agency):
    user = UserFactory(username="coordinator_elsewhere")
    CoordinatorFactory(user=user, all_agencies=False).agencies.set([other_agency])

    assert client_for(user).get(skp_url(approved_plan)).status_code == 404


def test_a_3000_character_rhk_wraps_over_several_pages_inside_the_page(client_for, employee, supervisor, period):
    words = [f"kata{i:04d}" for i in range(340)]
    long_text = " ".join(words)
    assert len(long_text) >= 3000
    plan = PlanFactory(employee=employee, period=period, stage="realisation", supervisor=supervisor)
    for number in range(3):
        result = ResultPlanFactory(plan=plan, text=long_text if number == 1 else f"RHK pendek {number}")
        ResultIndicatorFactory(result=result, description=long_text if number == 1 else "Jumlah dokumen")

    content = body(client_for(employee).get(skp_url(plan)))

    reader = PdfReader(io.BytesIO(content))
    pages = [page.extract_text() for page in reader.pages]
    first = next(n for n, page in enumerate(pages) if words[0] in page)
    last = next(n for n, page in enumerate(pages) if words[-1] in page)
    assert last > first  # the RHK row itself continues on the next page
    assert "Work result plan" in pages[last]  # under a repeated header row
    assert f"Page {last + 1} of {len(pages)}" in pages[last]
    text = pdf_text(content)
    assert all(word in text for word in words)
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        for fragment, x, y in text_positions(page):
            if fragment.strip():
                assert 0 <= x <= width and 0 <= y <= height, fragment


def without_session(captured) -> int:
    """Queries other than the session's (a cached_db session, as with Redis, is read from the cache instead)."""
    return sum(1 for query in captured.captured_queries if '"django_session"' not in query["sql"])


def test_the_skp_costs_the_same_queries_for_one_or_many_rhk(client_for, employee, supervisor, period, other_agency):
    small = PlanFactory(employee=employee, period=period, stage="realisation", supervisor=supervisor)
    ResultIndicatorFactory(result=ResultPlanFactory(plan=small))
    large_owner = EmployeeFactory(agency=employee.agency, supervisor=supervisor)
    large = PlanFactory(employee=large_owner, period=period, stage="realisation", supervisor=supervisor)
    for number in range(8):
        result = ResultPlanFactory(plan=large, kind="main" if number < 5 else "additional")
        for _ in range(3):
            ResultIndicatorFactory(result=result)
    client = client_for(supervisor)
    client.get(skp_url(small))  # warm the session; both documents issued (their verification codes recorded)
    client.get(skp_url(large))

    with CaptureQueriesContext(connection) as few:
        assert client.get(skp_url(small)).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert client.get(skp_url(large)).status_code == 200

    # plan, RHK, indicators, expectations, the issued document's code (the user with roles: the identity cache)
    assert without_session(few) == without_session(many) == 5


# The evaluation document


def test_the_evaluation_document_is_refused_before_rating(client_for, employee, approved_plan):
    client = client_for(employee)

    response = client.get(evaluation_url(approved_plan), follow=True)

    assert response.redirect_chain == [(reverse("workflow:plan_detail", args=[approved_plan.pk]), 302)]
    assert "available once the supervisor has rated the plan" in response.content.decode()
    assert "application/pdf" not in response["Content-Type"]


def test_the_rated_plan_prints_realisation_ratings_and_predikat(client_for, employee, supervisor, rated_plan):
    response = client_for(supervisor).get(evaluation_url(rated_plan))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="Evaluasi-{employee.nip}-tahunan-2026.pdf"' in response["Content-Disposition"]
    content = body(response)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "EMPLOYEE PERFORMANCE EVALUATION" in text
    assert employee.nip in text and "Terbitnya KTP-el tepat waktu" in text
    assert "480 dokumen" in text and "KTP-el terbit dalam 3 hari" in text
    assert "Melampaui target waktu layanan" in text
    assert "Sangat ramah kepada pemohon" in text
    assert "RESULTS RATING" in text and "Above expectations" in text
    assert "BEHAVIOUR RATING" in text and "As expected" in text
    assert "EMPLOYEE'S PERFORMANCE PREDIKAT" in text and "Good" in text
    assert rated_plan.predikat == "BAIK"


def test_the_evaluation_lists_the_rated_quarters_beside_the_years_rating(client_for, supervisor, rated_plan):
    # The year's rating is informed by the periods (issue 15): the document shows each rated quarter, not an average.
    first = rated_plan.periodic_reviews.order_by("number").first()
    first.results_rating, first.behaviour_rating, first.predikat = "BELOW", "AS_EXPECTED", "BUTUH_PERBAIKAN"
    first.save(update_fields=["results_rating", "behaviour_rating", "predikat"])

    text = pdf_text(body(client_for(supervisor).get(evaluation_url(rated_plan))))

    assert "PERIODIC EVALUATIONS" in text
    assert first.label in text and "Needs improvement" in text


def test_an_evaluation_without_rated_quarters_has_no_periodic_section(client_for, supervisor, rated_plan):
    text = pdf_text(body(client_for(supervisor).get(evaluation_url(rated_plan))))

    assert "PERIODIC EVALUATIONS" not in text


def test_the_employee_downloads_their_own_evaluation(client_for, employee, rated_plan):
    response = client_for(employee).get(evaluation_url(rated_plan))

    assert response.status_code == 200
    assert body(response).startswith(b"%PDF")


def test_the_evaluation_costs_the_same_queries_for_one_or_many_rhk(client_for, supervisor, employee, period):
    def rated(owner, rhk_count):
        plan = PlanFactory(
            employee=owner, period=period, stage="done", supervisor=supervisor, predikat="BAIK",
            results_rating="AS_EXPECTED", behaviour_rating="AS_EXPECTED", rated_by=supervisor,
        )  # fmt: skip
        for _ in range(rhk_count):
            for indicator in ResultIndicatorFactory.create_batch(2, result=ResultPlanFactory(plan=plan)):
                RealisationFactory.create_batch(2, indicator=indicator)
        return plan

    small = rated(employee, 1)
    large = rated(EmployeeFactory(agency=employee.agency, supervisor=supervisor), 6)
    client = client_for(supervisor)
    client.get(evaluation_url(small))  # warm the session; both documents issued (their verification codes recorded)
    client.get(evaluation_url(large))

    with CaptureQueriesContext(connection) as few:
        assert client.get(evaluation_url(small)).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert client.get(evaluation_url(large)).status_code == 200

    # As the SKP, plus realisations, behaviour ratings and the rated periodic evaluations.
    assert without_session(few) == without_session(many) == 8


# Links on the pages


def test_the_plan_page_links_the_skp_and_only_a_rated_plan_its_evaluation(client_for, employee, approved_plan):
    page = client_for(employee).get(reverse("workflow:plan_detail", args=[approved_plan.pk])).content.decode()

    assert skp_url(approved_plan) in page
    assert evaluation_url(approved_plan) not in page


def test_the_plan_page_of_a_rated_plan_links_its_evaluation(client_for, employee, rated_plan):
    page = client_for(employee).get(reverse("workflow:plan_detail", args=[rated_plan.pk])).content.decode()

    assert evaluation_url(rated_plan) in page


def test_the_team_page_links_the_exports(client_for, head, supervisor, employee, period):
    team_page = client_for(supervisor).get(reverse("workflow:team")).content.decode()
    head_page = client_for(head).get(reverse("workflow:team")).content.decode()

    assert f"{reverse('workflow:team_export')}?period={period.pk}" in team_page
    assert reverse("workflow:agency_plans_export", args=[head.agency_id]) not in team_page
    assert f"{reverse('workflow:agency_plans_export', args=[head.agency_id])}?period={period.pk}" in head_page


# Excel exports


@pytest.fixture
def team_records(employee, colleague, supervisor, period, outsider):
    """Two subordinates' plans with known content, and a stranger's plan that must not appear."""
    mine = PlanFactory(employee=employee, period=period, stage="realisation", supervisor=supervisor)
    mine.submitted_at = datetime.datetime(2026, 1, 20, 2, 30, tzinfo=datetime.UTC)  # 09:30 in Jakarta
    mine.approved_at = datetime.datetime(2026, 1, 25, 3, 0, tzinfo=datetime.UTC)
    mine.save(update_fields=["submitted_at", "approved_at"])
    main = ResultPlanFactory(plan=mine, kind="main", text="Terbitnya KTP-el tepat waktu")
    first = ResultIndicatorFactory(result=main, target_value=Decimal("500"), target_unit="dokumen")
    ResultIndicatorFactory(result=main, aspect="time", target_value=Decimal("3.5"), target_unit="hari")
    extra = ResultPlanFactory(plan=mine, kind="additional", text="Menjadi narasumber sosialisasi")
    ResultIndicatorFactory(result=extra, target_value=None, target_unit="", target_text="Terlaksana")
    for month, value in ((6, "480"), (3, "120")):  # the June report is the latest, though entered first
        reported_at = datetime.datetime(2026, month, 1, tzinfo=datetime.UTC)
        RealisationFactory(indicator=first, value=Decimal(value), reported_at=reported_at)
    theirs = PlanFactory(
        employee=colleague, period=period, stage="done", supervisor=supervisor, predikat="SANGAT_BAIK",
        results_rating="ABOVE", behaviour_rating="ABOVE",
    )  # fmt: skip
    ResultIndicatorFactory(result=ResultPlanFactory(plan=theirs))
    stranger = PlanFactory(employee=outsider, period=period)
    ResultIndicatorFactory(result=ResultPlanFactory(plan=stranger, text="RHK orang lain"))
    return {"mine": mine, "theirs": theirs, "stranger": stranger}


def open_workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(body(response)))


def rows_by_nip(sheet):
    header = [cell.value for cell in sheet[1]]
    return header, {row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_the_supervisor_exports_the_team_plans_with_the_numbers_of_the_records(
    client_for, supervisor, employee, colleague, period, team_records
):
    response = client_for(supervisor).get(reverse("workflow:team_export"), {"period": period.pk})

    assert response["Content-Disposition"] == 'attachment; filename="SKP-team-tahunan-2026.xlsx"'
    workbook = open_workbook(response)
    assert workbook.sheetnames == ["Plans", "Indicators"]
    plans = workbook["Plans"]
    header, rows = rows_by_nip(plans)
    assert set(rows) == {employee.nip, colleague.nip}
    mine = rows[employee.nip]
    assert mine["Name"] == employee.full_name and mine["Agency"] == employee.agency.name
    assert mine["Unit"] == employee.unit.name and mine["Reviewer"] == supervisor.name
    assert mine["Stage"] == "Realisation" and mine["Period"] == "Tahunan 2026"
    assert mine["Period starts"] == datetime.datetime(2026, 1, 1)
    assert mine["Submitted"] == datetime.datetime(2026, 1, 20, 9, 30)
    assert mine["Approved"] == datetime.datetime(2026, 1, 25, 10, 0)
    assert (mine["Number of RHK"], mine["Indicators"], mine["Indicators realised"]) == (2, 3, 1)
    assert mine["Realisation progress"] == pytest.approx(1 / 3)
    assert mine["Predikat"] is None
    theirs = rows[colleague.nip]
    assert (theirs["Number of RHK"], theirs["Indicators"], theirs["Indicators realised"]) == (1, 1, 0)
    assert theirs["Realisation progress"] == 0
    assert (theirs["Results rating"], theirs["Behaviour rating"], theirs["Predikat"]) == (
        "Above expectations",
        "Above expectations",
        "Very good",
    )


def test_nip_cells_are_text_and_the_header_is_bold_frozen_and_filtered(client_for, supervisor, team_records):
    workbook = open_workbook(client_for(supervisor).get(reverse("workflow:team_export")))

    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        assert all(cell.font.bold for cell in sheet[1])
        nips = [row[0] for row in sheet.iter_rows(min_row=2)]
        assert nips and all(cell.data_type == "s" and len(cell.value) == 18 for cell in nips)
    plans = workbook["Plans"]
    header = [cell.value for cell in plans[1]]
    dates = plans.cell(2, header.index("Submitted") + 1)
    assert dates.is_date and dates.number_format == "yyyy-mm-dd hh:mm"
    assert plans.cell(2, header.index("Realisation progress") + 1).number_format == "0%"
    assert plans.column_dimensions["B"].width == 30


def test_the_indicator_sheet_lists_every_indicator_with_its_latest_realisation(
    client_for, supervisor, employee, team_records
):
    sheet = open_workbook(client_for(supervisor).get(reverse("workflow:team_export")))["Indicators"]

    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    mine = [row for row in rows if row["NIP"] == employee.nip]
    assert [(row["Kind"], row["RHK no."], row["Aspect"], row["Target"], row["Unit"]) for row in mine] == [
        ("Main", 1, "Quantity", 500, "dokumen"),
        ("Main", 1, "Time", 3.5, "hari"),
        ("Additional", 1, "Quantity", None, None),
    ]
    assert mine[0]["Latest realisation"] == 480 and mine[0]["Reports"] == 2
    assert mine[0]["Work result (RHK)"] == "Terbitnya KTP-el tepat waktu"
    assert mine[2]["Described target"] == "Terlaksana" and mine[2]["Reports"] == 0
    assert len(rows) == 4
    assert all(row["Work result (RHK)"] != "RHK orang lain" for row in rows)


def test_text_that_looks_like_a_formula_stays_text(client_for, supervisor, employee, period):
    plan = PlanFactory(employee=employee, period=period, stage="realisation", supervisor=supervisor)
    ResultIndicatorFactory(result=ResultPlanFactory(plan=plan, text='=HYPERLINK("http://evil.example","klik")'))

    sheet = open_workbook(client_for(supervisor).get(reverse("workflow:team_export")))["Indicators"]

    cell = sheet.cell(2, [c.value for c in sheet[1]].index("Work result (RHK)") + 1)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://evil.example","klik")', "s")


@pytest.mark.parametrize("person", ["employee", "outsider"])
def test_people_without_a_team_cannot_export_one(request, client_for, person):
    response = client_for(request.getfixturevalue(person)).get(reverse("workflow:team_export"))

    assert response.status_code == 403


@pytest.mark.parametrize("exporter", ["head", "coordinator", "admin_user"])
def test_the_head_a_coordinator_and_an_admin_export_the_whole_agency(
    request, client_for, agency, employee, colleague, supervisor, period, team_records, exporter
):
    PlanFactory(employee=supervisor, period=period)
    url = reverse("workflow:agency_plans_export", args=[agency.pk])

    response = client_for(request.getfixturevalue(exporter)).get(url, {"period": period.pk})

    assert response["Content-Disposition"] == 'attachment; filename="SKP-dukcapil-tahunan-2026.xlsx"'
    _header, rows = rows_by_nip(open_workbook(response)["Plans"])
    assert set(rows) == {employee.nip, colleague.nip, supervisor.nip}


@pytest.mark.parametrize("person", ["supervisor", "employee", "outsider"])
def test_others_get_404_for_an_agency_export(request, client_for, agency, person):
    url = reverse("workflow:agency_plans_export", args=[agency.pk])

    assert client_for(request.getfixturevalue(person)).get(url).status_code == 404


def test_a_coordinator_outside_the_agency_and_an_unknown_agency_give_404(client_for, agency, other_agency, admin_user):
    user = UserFactory(username="coordinator_elsewhere")
    CoordinatorFactory(user=user, all_agencies=False).agencies.set([other_agency])

    assert client_for(user).get(reverse("workflow:agency_plans_export", args=[agency.pk])).status_code == 404
    assert client_for(user).get(reverse("workflow:agency_plans_export", args=[other_agency.pk])).status_code == 200
    assert client_for(admin_user).get(reverse("workflow:agency_plans_export", args=[99999])).status_code == 404


def _agency_with_plans(agency, supervisor, period, count):
    for _ in range(count):
        owner = EmployeeFactory(agency=agency, supervisor=supervisor)
        plan = PlanFactory(employee=owner, period=period, stage="realisation", supervisor=supervisor)
        for indicator in ResultIndicatorFactory.create_batch(2, result=ResultPlanFactory(plan=plan)):
            RealisationFactory(indicator=indicator)


def test_an_export_costs_the_same_queries_for_5_or_50_plans(client_for, coordinator, agency, other_agency, period):
    _agency_with_plans(agency, EmployeeFactory(agency=agency), period, 5)
    _agency_with_plans(other_agency, EmployeeFactory(agency=other_agency), period, 50)
    client = client_for(coordinator)
    client.get(reverse("workflow:agency_plans_export", args=[agency.pk]))

    with CaptureQueriesContext(connection) as five:
        small = client.get(reverse("workflow:agency_plans_export", args=[agency.pk]), {"period": period.pk})
        assert small.status_code == 200
        small_rows = open_workbook(small)["Indicators"].max_row - 1
    with CaptureQueriesContext(connection) as fifty:
        large = client.get(reverse("workflow:agency_plans_export", args=[other_agency.pk]), {"period": period.pk})
        assert large.status_code == 200
        large_rows = open_workbook(large)["Indicators"].max_row - 1

    assert (small_rows, large_rows) == (10, 100)
    assert without_session(five) == without_session(fifty) == 5  # agency, period, plans, indicators, audit
