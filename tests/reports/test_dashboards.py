"""IKU achievement across agencies and its trend, the supervisor's team view and the agency head's view."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from agencies.achievement import raw_achievement
from tests.factories import (
    ActionItemFactory,
    EmployeeFactory,
    IndicatorFactory,
    IndicatorRealisationFactory,
    IndicatorTargetFactory,
    PlanFactory,
    ResultIndicatorFactory,
    ResultPlanFactory,
)
from workflow.models import Realisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(agency, other_agency, period, past_period):
    """A lower-is-better IKU, a higher-is-better one, a range target and an IKU without a realisation."""
    lower = IndicatorFactory(agency=agency, code="IKU-01", direction="lower")
    higher = IndicatorFactory(agency=agency, code="IKU-02", name="Akta kelahiran bayi baru lahir", unit_of_measure="%")
    ranged = IndicatorFactory(agency=other_agency, code="IKU-01", name="Rasio dokter", unit_of_measure="%")
    empty = IndicatorFactory(agency=other_agency, code="IKU-02", name="Belum diukur")
    IndicatorTargetFactory(indicator=lower, year=2026, value=4)
    IndicatorTargetFactory(indicator=lower, year=2025, value=5)
    IndicatorTargetFactory(indicator=higher, year=2026, value=90)
    IndicatorTargetFactory(indicator=ranged, year=2026, value=80, upper_value=90)
    IndicatorTargetFactory(indicator=empty, year=2026, value=10)
    IndicatorRealisationFactory(indicator=lower, period=period, value=5)  # slower than target: (2 − 5/4) = 75 %
    IndicatorRealisationFactory(indicator=lower, period=past_period, value=4)  # faster than target: 120 %
    IndicatorRealisationFactory(indicator=higher, period=period, value=81)  # 90 %
    IndicatorRealisationFactory(indicator=ranged, period=period, value=85)  # inside the range: 100 %
    return {"lower": lower, "higher": higher, "ranged": ranged, "empty": empty}


def test_iku_achievement_honours_each_indicators_direction(figures, period, coordinator, client_for):
    response = client_for(coordinator).get(reverse("reports:iku", args=[period.pk]))
    rows = {row.indicator.pk: row.achievement for row in response.context["iku_rows"]}
    assert rows[figures["lower"].pk].capped == Decimal("75.00")
    assert rows[figures["lower"].pk].status == "amber"
    assert rows[figures["higher"].pk].capped == Decimal("90.00")
    assert rows[figures["ranged"].pk].capped == Decimal("100.00")
    assert rows[figures["empty"].pk].capped is None and rows[figures["empty"].pk].status == "none"
    assert raw_achievement(realisation=5, target=4, direction="lower") == Decimal("75.00")
    html = response.content.decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart') == 2
    assert "Dukcapil IKU-01: 75.0%" in html  # the bar chart's description lists every value


def test_iku_targets_and_realisations_are_in_the_readers_number_format(
    agency, period, coordinator, client_for, settings
):
    permits = IndicatorFactory(agency=agency, code="IKU-03", name="Izin terbit", unit_of_measure="izin")
    IndicatorTargetFactory(indicator=permits, year=2026, value=Decimal("5200"))
    IndicatorRealisationFactory(indicator=permits, period=period, value=Decimal("2680.5"))
    settings.LANGUAGE_CODE = "id"
    html = client_for(coordinator).get(reverse("reports:iku", args=[period.pk])).content.decode()
    cells = re.findall(r'<td class="num" data-label="[^"]+">([^<]*)</td>', html)
    assert "5.200" in cells and "2.680,5" in cells
    assert re.search(r"IKU-03: \d+,\d%", html)  # the chart's own labels too (an Indonesian decimal comma)


def test_the_trend_is_the_mean_achievement_per_agency_and_period(figures, period, past_period, coordinator, client_for):
    response = client_for(coordinator).get(reverse("reports:iku", args=[period.pk]))
    assert response.context["trend_periods"] == [past_period, period]
    trend = {row.name: row.values for row in response.context["trend_rows"]}
    # 2025: only the completion time, 4 days against 5 → (2 − 0.8) = 120 %; 2026: mean of 75 % and 90 %.
    assert trend["Dukcapil"] == [Decimal("120.00"), Decimal("82.50")]
    assert trend["Dinkes"] == [None, Decimal("100.00")]
    assert response.context["overall"] == [Decimal("120.00"), Decimal("88.33")]  # (75 + 90 + 100) ÷ 3


def test_the_supervisors_team_view_shows_stage_due_date_progress_and_ratings(
    supervisor, employee, colleague, period, client_for
):
    plan = PlanFactory(employee=employee, period=period, stage="realisation", supervisor=supervisor)
    result = ResultPlanFactory(plan=plan)
    done, open_ = ResultIndicatorFactory(result=result), ResultIndicatorFactory(result=result)
    Realisation.objects.create(indicator=done, value=10)
    assert open_.realisations.count() == 0
    PlanFactory(
        employee=colleague,
        period=period,
        stage="done",
        supervisor=supervisor,
        results_rating="ABOVE",
        behaviour_rating="AS_EXPECTED",
        predikat="BAIK",
    )
    newcomer = EmployeeFactory(agency=supervisor.agency, supervisor=supervisor, name="Zaenal Arifin")
    response = client_for(supervisor).get(reverse("reports:team_dashboard", args=[period.pk]))
    rows = {row["plan"].employee_id: row for row in response.context["team_rows"]}
    assert rows[employee.pk]["progress"] == 50
    assert rows[employee.pk]["due"].date() == period.ends_on  # realisation is due by the end of the period
    assert rows[colleague.pk]["due"] is None
    html = response.content.decode()
    assert "Above expectations" in html and "Good" in html
    assert newcomer.full_name in html  # not started
    assert 'href="/team/?period=' in html  # acting on plans stays on the workflow's team page


def test_the_agency_head_sees_iku_plan_progress_and_open_action_items(figures, head, employee, period, client_for):
    PlanFactory(employee=employee, period=period, stage="review")
    open_item = ActionItemFactory(
        owner_agency=head.agency, text="Buka layanan keliling", due_on=datetime.date(2026, 1, 5)
    )
    ActionItemFactory(owner_agency=head.agency, text="Sudah selesai", status="done")
    ActionItemFactory(text="Milik dinas lain")
    response = client_for(head).get(reverse("reports:agency_dashboard", args=[period.pk, head.agency_id]))
    assert response.status_code == 200
    assert [item.pk for item in response.context["actions"]] == [open_item.pk]
    assert response.context["row"].counts["review"] == 1
    assert {row.indicator.code for row in response.context["iku_rows"]} == {"IKU-01", "IKU-02"}
    html = response.content.decode()
    assert "Buka layanan keliling" in html and "Sudah selesai" not in html and "Milik dinas lain" not in html
    assert "overdue" in html


def test_the_period_switch_keeps_the_page(period, past_period, agency, head, coordinator, client_for):
    client = client_for(coordinator)
    response = client.get(reverse("reports:dashboard"), {"period": past_period.pk, "view": "iku"})
    assert response["Location"] == reverse("reports:iku", args=[past_period.pk])
    response = client.get(
        reverse("reports:dashboard"), {"period": past_period.pk, "view": "agency", "agency": agency.pk}
    )
    assert response["Location"] == reverse("reports:agency_dashboard", args=[past_period.pk, agency.pk])
    response = client.get(reverse("reports:dashboard"), {"period": past_period.pk})
    assert response["Location"] == reverse("reports:period_overview", args=[past_period.pk])


def test_the_team_export_has_the_team_views_numbers(supervisor, employee, colleague, period, client_for):
    plan = PlanFactory(employee=employee, period=period, stage="realisation", supervisor=supervisor)
    ResultIndicatorFactory(result=ResultPlanFactory(plan=plan))
    PlanFactory(employee=colleague, period=period, stage="done", supervisor=supervisor, predikat="SANGAT_BAIK")
    client = client_for(supervisor)
    page = client.get(reverse("reports:team_dashboard", args=[period.pk]))
    response = client.get(reverse("reports:export", args=[period.pk, "team", "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Employee", "Stage", "Due", "Indicators", "Indicators realised", "Results rating",
                       "Behaviour rating", "Predikat"]  # fmt: skip
    expected = [
        [
            row["plan"].employee.full_name,
            row["plan"].get_stage_display(),
            str(row["due"].date()) if row["due"] else "",
            str(row["plan"].indicator_count),
            str(row["plan"].realised_count),
            row["plan"].get_results_rating_display(),
            row["plan"].get_behaviour_rating_display(),
            row["plan"].get_predikat_display(),
        ]
        for row in page.context["team_rows"]
    ]
    assert rows[1:] == expected
    assert [employee.full_name, "Realisation", "2026-12-31", "1", "0", "", "", ""] in rows
