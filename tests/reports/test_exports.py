"""Exports carry the page's numbers: xlsx (bold frozen header, filters, number formats) and CSV (UTF-8 BOM), and
the recap PDF renders with its figures and charts."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from agencies.models import Indicator
from tests.factories import IndicatorFactory, IndicatorRealisationFactory, IndicatorTargetFactory

pytestmark = pytest.mark.django_db


def export(client, period, table, fmt, **params):
    url = reverse("reports:export", args=[period.pk, table, fmt])
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response


def read_xlsx(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return sheet, [list(row) for row in sheet.iter_rows(values_only=True)]


def read_csv(response):
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def overview_numbers(response):
    return [
        [row.name, row.employees, row.plans, *row.counts.values(), row.overdue]
        for row in [*response.context["overview"].rows, response.context["overview"].totals]
    ]


def test_the_overview_in_excel_has_the_pages_numbers_under_a_bold_frozen_filtered_header(
    kabupaten, coordinator, client_for
):
    client, period = client_for(coordinator), kabupaten["period"]
    page = client.get(reverse("reports:period_overview", args=[period.pk]))
    response = export(client, period, "overview", "xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet, rows = read_xlsx(response)
    assert rows[0][:4] == ["Agency", "Active employees", "Plans", "Not started"]
    assert rows[1:] == overview_numbers(page)
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:L{len(rows)}"  # agency, employees, plans, not started, 7 stages, overdue
    assert sheet["B2"].number_format == "#,##0"


def test_the_overview_as_csv_has_the_same_numbers(kabupaten, coordinator, client_for):
    client, period = client_for(coordinator), kabupaten["period"]
    page = client.get(reverse("reports:period_overview", args=[period.pk]))
    rows = read_csv(export(client, period, "overview", "csv"))
    assert rows[1:] == [[str(value) for value in row] for row in overview_numbers(page)]


def test_overdue_owners_and_the_distribution_export_their_tables(kabupaten, coordinator, client_for):
    client, period = client_for(coordinator), kabupaten["period"]
    page = client.get(reverse("reports:period_overview", args=[period.pk]))
    _, rows = read_xlsx(export(client, period, "overdue", "xlsx"))
    assert rows[1:] == [[o["name"], o["agency"], o["overdue"]] for o in page.context["owners"]]
    distribution = client.get(reverse("reports:distribution", args=[period.pk])).context["distribution"]
    _, rows = read_xlsx(export(client, period, "distribution", "xlsx"))
    by_agency = {row[0]: row for row in rows[1:]}
    for row in distribution:
        exported = by_agency[row.name]
        assert exported[2] == row.rated
        assert exported[3:13:2] == [row.by_predikat[code] for code in row.by_predikat]


@pytest.fixture
def iku_figures(agency, other_agency, period, past_period):
    """Dukcapil's completion time (lower is better) and Dinkes' IKM (higher is better), two years of figures."""
    days = IndicatorFactory(agency=agency, code="IKU-01", direction="lower", unit_of_measure="hari")
    ikm = IndicatorFactory(agency=other_agency, code="IKU-01", name="IKM Puskesmas", unit_of_measure="indeks")
    for indicator, targets, values in ((days, (5, 4), (6, 3)), (ikm, (80, 82), (78, 90.2))):
        for year, target in zip((2025, 2026), targets, strict=True):
            IndicatorTargetFactory(indicator=indicator, year=year, value=target)
        for each, value in zip((past_period, period), values, strict=True):
            IndicatorRealisationFactory(indicator=indicator, period=each, value=value)
    return {"days": days, "ikm": ikm}


def test_the_iku_tables_export_the_achievement_shown_on_the_page(iku_figures, period, coordinator, client_for):
    client = client_for(coordinator)
    page = client.get(reverse("reports:iku", args=[period.pk]))
    _, rows = read_xlsx(export(client, period, "iku", "xlsx"))
    shown = {(row.agency_name, row.indicator.code): row.achievement.capped for row in page.context["iku_rows"]}
    exported = {(row[0], row[1]): Decimal(str(row[8])) for row in rows[1:]}
    assert exported == shown
    dukcapil = next(row for row in rows[1:] if row[0] == "Dukcapil")
    assert (dukcapil[8], dukcapil[9]) == (120, 125)  # lower is better: (2 − 3 ÷ 4) × 100 = 125 %, shown capped
    trend = read_csv(export(client, period, "trend", "csv"))
    assert trend[0] == ["Agency", "Tahunan 2025 (%)", "Tahunan 2026 (%)"]
    assert trend[1:] == [[r.name, *[str(v) for v in r.values]] for r in page.context["trend_rows"]] + [
        ["All agencies", *[str(v) for v in page.context["overall"]]]
    ]


def test_the_recap_pdf_renders_with_its_figures(kabupaten, iku_figures, coordinator, client_for):
    period = kabupaten["period"]
    response = client_for(coordinator).get(reverse("reports:recap_pdf", args=[period.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    totals = client_for(coordinator).get(reverse("reports:period_overview", args=[period.pk])).context["overview"]
    assert f"{totals.totals.employees} active employees, {totals.totals.plans} plans" in text
    assert "Dukcapil" in text and "Dinkes" in text
    assert "IKU achievement (capped), %" in text  # the chart's title, drawn in the PDF
    assert "Mean IKU achievement over periods" in text


def test_unknown_tables_and_formats_are_not_found(kabupaten, coordinator, client_for):
    client, period = client_for(coordinator), kabupaten["period"]
    assert client.get(reverse("reports:export", args=[period.pk, "salaries", "xlsx"])).status_code == 404
    assert client.get(reverse("reports:export", args=[period.pk, "overview", "ods"])).status_code == 404
    assert Indicator.objects.count() == 0


def test_the_recap_pdf_writes_figures_in_the_readers_number_format(
    kabupaten, iku_figures, coordinator, client_for, settings
):
    settings.LANGUAGE_CODE = "id"
    response = client_for(coordinator).get(reverse("reports:recap_pdf", args=[kabupaten["period"].pk]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "90,2" in text and "88,75" in text  # a realisation (Decimal in a table) and a mean (drawn chart label)
    assert "90.2" not in text and "88.75" not in text and ",0000" not in text
