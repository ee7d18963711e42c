"""RHK are listed main first, then additional, each kind in its own order: on the plan page, in the rating step, in
the cascade choices of the RHK form, in the SKP and in the Excel export — whichever kind was written first."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import ResultIndicatorFactory, ResultPlanFactory
from tests.workflow.conftest import open_task
from workflow import selectors, services

EXPECTED = ["Terbitnya KTP-el tepat waktu", "Utama kedua", "Tambahan pertama", "Tambahan kedua"]


@pytest.fixture
def mixed_plan(filled_plan, employee, supervisor_rhk):
    """Written in the order: main, additional, main, additional (additional ones before the second main)."""
    user = employee.user
    for text, kind in [("Tambahan pertama", "additional"), ("Utama kedua", "main"), ("Tambahan kedua", "additional")]:
        supports = supervisor_rhk if kind == "main" else None
        result = services.add_result(plan=filled_plan, by=user, text=text, kind=kind, supports=supports)
        services.add_indicator(result=result, by=user, description=f"Indikator {text}", target_value=1, target_unit="x")
    return filled_plan


def in_page_order(content: str, texts) -> list[str]:
    positions = {text: content.index(text) for text in texts}
    return sorted(texts, key=positions.get)


def test_the_plan_page_lists_main_rhk_before_additional_ones(mixed_plan, employee, client_for):
    assert [result.text for result in selectors.plan_results(plan=mixed_plan)] == EXPECTED
    page = client_for(employee).get(reverse("workflow:plan_detail", args=[mixed_plan.pk])).content.decode()
    assert in_page_order(page, EXPECTED) == EXPECTED


def test_the_rating_step_lists_main_rhk_before_additional_ones(mixed_plan, employee, supervisor, client_for):
    services.submit_plan(plan=mixed_plan, by=employee.user)
    services.approve_plan(plan=mixed_plan, by=supervisor.user)
    for result in mixed_plan.results.all():
        for indicator in result.indicators.all():
            services.record_realisation(indicator=indicator, by=employee.user, value=1)
    services.finish_realisation(plan=mixed_plan, by=employee.user)
    services.submit_self_assessment(plan=mixed_plan, by=employee.user, results_rating="AS_EXPECTED", summary="Baik")
    task = open_task(mixed_plan, "rating")
    response = client_for(supervisor).get(reverse("workflow:task_detail", args=[mixed_plan.pk, task.pk]))
    assert [result.text for result, _rating, _comment in response.context["task_form"].rhk_fields()] == EXPECTED


def test_the_cascade_choices_list_the_supervisors_main_rhk_first(supervisor_plan, filled_plan, employee, client_for):
    ResultPlanFactory(plan=supervisor_plan, kind="additional", text="Tambahan atasan", order=0)
    ResultPlanFactory(plan=supervisor_plan, kind="main", text="Utama atasan kedua", order=10**6)
    choices = [str(result) for result in selectors.cascade_options(plan=filled_plan)]
    assert choices == ["Meningkatnya kecepatan layanan dokumen kependudukan", "Utama atasan kedua", "Tambahan atasan"]
    page = client_for(employee).get(reverse("workflow:result_add", args=[filled_plan.pk])).content.decode()
    assert in_page_order(page, choices) == choices


def test_the_team_export_lists_main_rhk_first(mixed_plan, supervisor, client_for):
    response = client_for(supervisor).get(reverse("workflow:team_export"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Indicators"]
    texts = [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert texts == EXPECTED


def test_the_skp_document_reads_main_rhk_first(mixed_plan, employee):
    from workflow import documents

    ResultIndicatorFactory(result=mixed_plan.results.get(text="Utama kedua"))
    data = documents.selectors.document_data(mixed_plan, evaluation=False)
    assert [result.text for result in data.results] == EXPECTED
