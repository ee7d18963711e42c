"""One vocabulary: a plan's stage has one name, its `Stage` label, on every page, export and PDF, in both languages.

For each stage, a plan standing there is shown on the employee's home page and plan page, on the coordinator's home
page and period overview, in the agency's plans workbook, in the overview export and in the recap PDF; each shows
the stage's label, and the overview's and home page's columns are exactly the stages (no second set of names such
as "Approved" or "In evaluation" for the same stage). The flow diagram titles its steps with `PlanStep` labels.
"""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.factories import PlanFactory
from workflow import services
from workflow.flows import PlanFlow
from workflow.models import PlanStep, Stage

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "id")


@pytest.fixture(params=LANGUAGES)
def language(request, settings):
    settings.LANGUAGE_CODE = request.param
    with translation.override(request.param):
        yield request.param


def label(stage) -> str:
    return str(Stage(stage).label)


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content


def header_cells(html: str, table_marker: str) -> list[str]:
    """The column headings of the first table after `table_marker`."""
    head = html[html.index(table_marker) :]
    head = head[head.index("<thead>") : head.index("</thead>")]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)]


@pytest.mark.parametrize("stage", Stage.values)
def test_a_stage_has_one_name_on_every_page_export_and_pdf(
    language, stage, employee, coordinator, agency, period, client_for
):
    plan = PlanFactory(employee=employee, period=period, stage=stage, supervisor=employee.supervisor)
    name = label(stage)
    shown = escape(name)

    home = client_for(employee).get(reverse("home")).content.decode()
    assert f'<span class="badge stage-{stage}">{shown}</span>' in home
    page = client_for(employee).get(reverse("workflow:plan_detail", args=[plan.pk])).content.decode()
    assert f'<span class="badge stage-{stage}">{shown}</span>' in page

    coordinator_client = client_for(coordinator)
    stage_names = [escape(label(each)) for each in Stage.values]
    coordinator_home = coordinator_client.get(reverse("home")).content.decode()
    assert header_cells(coordinator_home, "<table")[4:] == stage_names  # after agency, people, plans, late
    overview = coordinator_client.get(reverse("reports:period_overview", args=[period.pk])).content.decode()
    columns = header_cells(overview, "<table")
    assert columns[columns.index(escape(label(Stage.DRAFT))) - 1 :][: len(stage_names) + 1][1:] == stage_names

    workbook = coordinator_client.get(
        reverse("workflow:agency_plans_export", args=[agency.pk]) + f"?period={period.pk}"
    )
    sheet = load_workbook(io.BytesIO(content_of(workbook))).active
    rows = list(sheet.iter_rows(values_only=True))
    stage_column = rows[0].index(str(translation.gettext("Stage")))
    assert [row[stage_column] for row in rows[1:]] == [name]

    export = coordinator_client.get(reverse("reports:export", args=[period.pk, "overview", "csv"]))
    header = next(csv.reader(io.StringIO(content_of(export).decode("utf-8-sig"))))
    assert [column for column in header if column in {label(each) for each in Stage.values}] == [
        label(each) for each in Stage.values
    ]

    recap = coordinator_client.get(reverse("reports:recap_pdf", args=[period.pk]))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content_of(recap))).pages).split())
    assert name in text


def test_every_step_of_the_flow_is_a_plan_step_titled_by_its_label(language):
    human_nodes = {node.name: node for node in PlanFlow.instance.nodes() if node.name in PlanStep.values}
    assert set(human_nodes) == set(PlanStep.values)
    for step in PlanStep:
        assert str(human_nodes[step].task_title) == str(step.label)
    assert str(PlanFlow.instance.node("end").task_title) == label(Stage.DONE)


def test_the_flow_diagram_prints_the_step_titles_as_they_are(language, employee, period, client_for):
    plan = services.start_plan(employee=employee, period=period)
    svg = client_for(employee).get(reverse("workflow:plan_chart", args=[plan.pk])).content.decode()
    for step in PlanStep:
        for word in str(step.label).split():
            assert escape(word) in svg, f"{word} ({step}) not in the diagram"
