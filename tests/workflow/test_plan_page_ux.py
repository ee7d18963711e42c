"""The plan pages as people use them: drafting in place (htmx) or through the full-page forms (no JavaScript), the
checklist and the submit button, the rating preview and its confirmation, achievement per indicator, the stepper
and the process diagram. Every new URL is tested with htmx and without, and refused to the wrong people."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ResultIndicatorFactory, ResultPlanFactory
from workflow import services
from workflow.models import Plan, ResultIndicator, ResultPlan

from .conftest import advance, open_task

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, *args):
    return reverse(f"workflow:{name}", args=args)


def new_rhk(supervisor_rhk, text="Terbitnya akta kelahiran tepat waktu", **indicator):
    data = {"kind": "main", "text": text, "supports": supervisor_rhk.pk}
    return {**data, **indicator}


FIRST_INDICATOR = {
    "aspect": "quantity",
    "description": "Akta kelahiran terbit",
    "target_value": "1200",
    "target_unit": "akta",
}


def close(period):
    period.status = "closed"
    period.save(update_fields=["status"])


# ------------------------------------------------------------------ drafting in place


@pytest.mark.django_db
def test_an_rhk_with_its_first_indicator_is_added_in_place_and_the_checklist_follows(
    plan, employee, supervisor_rhk, client_for
):
    me = client_for(employee)
    page = me.get(url("plan_detail", plan.pk)).content.decode()
    assert "The plan is empty: add at least one work result (RHK)." in page
    assert 'disabled aria-describedby="submit-why"' in page  # submit shown, disabled, with the reason

    response = me.post(url("result_add", plan.pk), new_rhk(supervisor_rhk, **FIRST_INDICATOR), **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="card" id="results-table"')  # a fragment, not a page
    assert "<html" not in html
    assert "Terbitnya akta kelahiran tepat waktu" in html and "Akta kelahiran terbit" in html
    assert 'id="draft-checklist" aria-labelledby="checklist-title" aria-live="polite" hx-swap-oob="true"' in html
    assert "Ready to submit: 1 work result with its indicators." in html
    assert 'id="submit-bar"' in html and "submit-why" not in html  # the button is enabled now
    result = plan.results.get()
    assert list(result.indicators.values_list("description", "target_value")) == [("Akta kelahiran terbit", 1200)]


@pytest.mark.django_db
def test_an_rhk_whose_first_indicator_is_incomplete_saves_nothing_and_keeps_the_input(
    plan, employee, supervisor_rhk, client_for
):
    incomplete = {"aspect": "quantity", "description": "Akta kelahiran terbit", "target_value": "1200"}
    for extra in (HTMX, {}):
        response = client_for(employee).post(url("result_add", plan.pk), new_rhk(supervisor_rhk, **incomplete), **extra)
        html = response.content.decode()
        assert response.status_code == 200
        assert "A numeric target needs a unit." in html
        assert "Terbitnya akta kelahiran tepat waktu" in html and 'value="Akta kelahiran terbit"' in html
    assert not plan.results.exists()


@pytest.mark.django_db
def test_without_javascript_an_rhk_is_added_through_the_full_page_form_and_lands_back_on_the_plan(
    plan, employee, supervisor_rhk, client_for
):
    me = client_for(employee)
    form_page = me.get(url("result_add", plan.pk)).content.decode()
    assert 'name="text"' in form_page and 'id="id_first_description"' in form_page

    response = me.post(url("result_add", plan.pk), new_rhk(supervisor_rhk))

    assert response.status_code == 302
    assert response["Location"] == url("plan_detail", plan.pk) + "#results-table"
    assert plan.results.get().indicators.count() == 0  # the optional first indicator was left empty
    page = me.get(response["Location"]).content.decode()
    assert 'id="submit-bar"' in page and "RHK 1 “Terbitnya akta kelahiran tepat waktu” has no indicator." in page


@pytest.mark.django_db
def test_indicators_are_added_in_place_and_errors_stay_in_their_rhk(filled_plan, employee, client_for):
    me = client_for(employee)
    result = filled_plan.results.get()
    add = url("indicator_add", filled_plan.pk, result.pk)

    bad = me.post(add, {"aspect": "time", "description": "Waktu layanan"}, **HTMX).content.decode()
    assert "Give the target either as a number with a unit or as a described target." in bad
    assert 'value="Waktu layanan"' in bad
    good = me.post(add, {"aspect": "time", "description": "Waktu layanan", "target_text": "1 hari"}, **HTMX)

    assert good.status_code == 200 and "Waktu layanan" in good.content.decode()
    assert list(result.indicators.values_list("description", flat=True)) == ["KTP-el terbit", "Waktu layanan"]
    plain = me.post(add, {"aspect": "cost", "description": "Biaya", "target_value": "0", "target_unit": "rupiah"})
    assert plain.status_code == 302 and plain["Location"].endswith(f"#rhk-{result.pk}")


@pytest.mark.django_db
def test_an_rhk_is_edited_in_place_and_cancelling_returns_the_section(filled_plan, employee, client_for):
    me = client_for(employee)
    result = filled_plan.results.get()
    edit = url("result_edit", filled_plan.pk, result.pk)

    form = me.get(edit, **HTMX).content.decode()
    assert f'hx-post="{edit}"' in form and f'id="id_rhk{result.pk}_text"' in form
    cancelled = me.get(url("plan_detail", filled_plan.pk), **HTMX).content.decode()
    assert (
        cancelled.lstrip().startswith('<section class="card" id="results-table"')
        and f'hx-post="{edit}"' not in cancelled
    )

    data = {"kind": "main", "text": "Terbitnya KTP-el dalam satu hari", "supports": result.supports_id}
    saved = me.post(edit, data, **HTMX).content.decode()
    assert "Terbitnya KTP-el dalam satu hari" in saved and f'hx-post="{edit}"' not in saved
    refused = me.post(edit, {**data, "text": ""}, **HTMX).content.decode()
    assert f'hx-post="{edit}"' in refused and "This field is required." in refused
    assert ResultPlan.objects.get(pk=result.pk).text == "Terbitnya KTP-el dalam satu hari"


@pytest.mark.django_db
def test_an_indicator_is_edited_in_place(filled_plan, employee, client_for):
    indicator = filled_plan.results.get().indicators.get()
    edit = url("indicator_edit", filled_plan.pk, indicator.pk)
    me = client_for(employee)

    assert f'id="id_ind{indicator.pk}_description"' in me.get(edit, **HTMX).content.decode()
    data = {"aspect": "quantity", "description": "KTP-el terbit", "target_value": "600", "target_unit": "dokumen"}
    response = me.post(edit, data, **HTMX)

    assert response.status_code == 200 and "600 dokumen" in response.content.decode()
    assert ResultIndicator.objects.get(pk=indicator.pk).target_value == 600
    assert me.post(edit, data)["Location"].endswith(f"#rhk-{indicator.result_id}")


@pytest.mark.django_db
def test_rhk_and_indicators_are_reordered_with_and_without_htmx(filled_plan, employee, supervisor_rhk, client_for):
    me = client_for(employee)
    first = filled_plan.results.get()
    second = services.add_result(plan=filled_plan, by=employee.user, text="Kedua", supports=supervisor_rhk)
    third = services.add_result(plan=filled_plan, by=employee.user, text="Ketiga", supports=supervisor_rhk)

    response = me.post(url("result_move", filled_plan.pk, third.pk), {"direction": "up"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Ketiga") < html.index("Kedua")
    me.post(url("result_move", filled_plan.pk, first.pk), {"direction": "down"})
    assert [r.text for r in services.plans.ResultPlan.objects.filter(plan=filled_plan).order_by("order")] == [
        "Ketiga",
        "Terbitnya KTP-el tepat waktu",
        "Kedua",
    ]
    me.post(url("result_move", filled_plan.pk, third.pk), {"direction": "up"})  # already first: nothing moves
    assert ResultPlan.objects.get(pk=third.pk).order == 1

    other = services.add_indicator(result=first, by=employee.user, description="Kedua", target_text="ada")
    response = me.post(url("indicator_move", filled_plan.pk, other.pk), {"direction": "up"})
    assert response.status_code == 302
    assert list(first.indicators.order_by("order").values_list("description", flat=True)) == ["Kedua", "KTP-el terbit"]
    assert second.pk  # untouched by moves of other kinds' rows


@pytest.mark.django_db
def test_deleting_in_place_returns_the_section_with_the_checklist(filled_plan, employee, client_for):
    me = client_for(employee)
    indicator = filled_plan.results.get().indicators.get()
    html = me.post(url("indicator_delete", filled_plan.pk, indicator.pk), **HTMX).content.decode()
    assert "No indicator yet." in html and "has no indicator." in html and 'hx-swap-oob="true"' in html
    result = filled_plan.results.get()
    html = me.post(url("result_delete", filled_plan.pk, result.pk), **HTMX).content.decode()
    assert "No work results yet." in html and "The plan is empty" in html


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["colleague", "outsider", "supervisor"])
def test_someone_elses_draft_cannot_be_reordered_or_edited_in_place(filled_plan, people, who, client_for):
    result = filled_plan.results.get()
    indicator = result.indicators.get()
    client = client_for(people[who])
    expected = 403 if who == "supervisor" else 404  # the supervisor may read the plan, not change it
    for target in (
        url("result_move", filled_plan.pk, result.pk),
        url("indicator_move", filled_plan.pk, indicator.pk),
        url("result_edit", filled_plan.pk, result.pk),
    ):
        assert client.post(target, {"direction": "up", "text": "x", "kind": "main"}, **HTMX).status_code == expected
    assert ResultPlan.objects.get(pk=result.pk).text == "Terbitnya KTP-el tepat waktu"


@pytest.mark.django_db
def test_a_closed_period_refuses_reordering_with_403(filled_plan, employee, period, client_for):
    result = filled_plan.results.get()
    close(period)
    response = client_for(employee).post(url("result_move", filled_plan.pk, result.pk), {"direction": "down"}, **HTMX)
    assert response.status_code == 403


# ------------------------------------------------------------------ submitting


@pytest.mark.django_db
def test_submitting_an_empty_plan_says_why_once_and_a_second_click_is_harmless(filled_plan, plan, employee, client_for):
    me = client_for(employee)
    draft = url("task_detail", plan.pk, open_task(plan, "draft").pk)
    services.delete_result(result=plan.results.get(), by=employee.user)
    html = me.post(draft).content.decode()
    assert html.count("The plan is empty: add at least one work result (RHK).") == 1
    assert Plan.objects.get(pk=plan.pk).stage == "draft"


@pytest.mark.django_db
def test_the_plan_page_submits_the_draft_and_a_repeated_submission_changes_nothing(filled_plan, employee, client_for):
    me = client_for(employee)
    page = me.get(url("plan_detail", filled_plan.pk)).content.decode()
    draft = url("task_detail", filled_plan.pk, open_task(filled_plan, "draft").pk)
    assert f'action="{draft}"' in page  # the submit button sits on the plan page itself

    first, second = me.post(draft), me.post(draft, follow=True)

    assert first.status_code == 302
    assert "This step was already handled." in second.content.decode()
    assert Plan.objects.get(pk=filled_plan.pk).stage == "review"
    assert filled_plan.events.filter(action="submitted").count() == 1


# ------------------------------------------------------------------ rating: preview and confirmation


@pytest.fixture
def plan_to_rate(filled_plan, employee, supervisor):
    return advance(filled_plan, "rating", employee, supervisor)


def rating_data(plan, results="BELOW", behaviour="AS_EXPECTED"):
    result = plan.results.get()
    return {f"rhk_{result.pk}": results, "results_rating": results, "behaviour_rating": behaviour}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "results, behaviour, predikat, coaching",
    [
        ("ABOVE", "ABOVE", "Very good", False),
        ("AS_EXPECTED", "AS_EXPECTED", "Good", False),
        ("BELOW", "AS_EXPECTED", "Needs improvement", True),
        ("BELOW", "BELOW", "Very poor", True),
    ],
)
def test_the_rating_preview_shows_the_matrix_outcome_and_whether_coaching_follows(
    plan_to_rate, supervisor, client_for, results, behaviour, predikat, coaching
):
    preview = url("rating_preview", plan_to_rate.pk, open_task(plan_to_rate, "rating").pk)
    response = client_for(supervisor).get(preview, {"results_rating": results, "behaviour_rating": behaviour}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<div class="predikat-preview"')
    assert predikat in html
    assert ("Coaching follows" in html) is coaching
    assert ("No coaching follows" in html) is not coaching
    assert Plan.objects.get(pk=plan_to_rate.pk).predikat == ""


@pytest.mark.django_db
def test_the_rating_preview_waits_for_both_ratings(plan_to_rate, supervisor, client_for):
    preview = url("rating_preview", plan_to_rate.pk, open_task(plan_to_rate, "rating").pk)
    html = client_for(supervisor).get(preview, {"results_rating": "ABOVE"}, **HTMX).content.decode()
    assert "Choose the overall results and behaviour ratings" in html


@pytest.mark.django_db
@pytest.mark.parametrize("who, status", [("employee", 404), ("outsider", 404), ("colleague", 404)])
def test_the_rating_preview_is_only_for_the_rater(plan_to_rate, people, who, status, client_for):
    preview = url("rating_preview", plan_to_rate.pk, open_task(plan_to_rate, "rating").pk)
    response = client_for(people[who]).get(preview, {"results_rating": "ABOVE", "behaviour_rating": "ABOVE"})
    assert response.status_code == status


@pytest.mark.django_db
def test_the_rating_preview_of_another_step_is_404_and_of_a_closed_period_403(
    filled_plan, plan_to_rate, employee, supervisor, period, client_for
):
    rating_task = open_task(plan_to_rate, "rating")
    done_task = plan_to_rate.process.task_set.filter(flow_task_type="HUMAN", status="DONE").first()
    boss = client_for(supervisor)
    assert boss.get(url("rating_preview", plan_to_rate.pk, done_task.pk)).status_code == 404
    close(period)
    assert boss.get(url("rating_preview", plan_to_rate.pk, rating_task.pk)).status_code == 403


@pytest.mark.django_db
def test_without_javascript_the_rating_is_shown_for_confirmation_then_changed_then_saved(
    plan_to_rate, supervisor, client_for
):
    boss = client_for(supervisor)
    task_url = url("task_detail", plan_to_rate.pk, open_task(plan_to_rate, "rating").pk)
    page = boss.get(task_url).content.decode()
    assert page.index('id="results-table"') < page.index('id="task-panel"')  # what is rated comes first

    check = boss.post(task_url, rating_data(plan_to_rate)).content.decode()
    assert 'id="rating-confirm"' in check and "Needs improvement" in check and "Coaching follows" in check
    assert 'name="confirm"' in check and 'type="hidden" name="results_rating" value="BELOW"' in check
    assert Plan.objects.get(pk=plan_to_rate.pk).stage == "rating"

    changed = boss.post(task_url, {**rating_data(plan_to_rate), "change": "1"}).content.decode()
    assert 'id="rating-confirm"' not in changed and '<option value="BELOW" selected>' in changed

    saved = boss.post(task_url, {**rating_data(plan_to_rate, "AS_EXPECTED", "AS_EXPECTED"), "confirm": "1"})
    assert saved.status_code == 302
    plan = Plan.objects.get(pk=plan_to_rate.pk)
    assert (plan.predikat, plan.stage) == ("BAIK", "done")
    again = boss.post(task_url, {**rating_data(plan_to_rate), "confirm": "1"}, follow=True)
    assert "This step was already handled." in again.content.decode()
    assert Plan.objects.get(pk=plan_to_rate.pk).predikat == "BAIK"


# ------------------------------------------------------------------ achievement, stepper, diagram


@pytest.mark.django_db
def test_achievement_per_indicator_is_shown_localised_with_its_status(
    filled_plan, employee, supervisor, client_for, settings
):
    plan = advance(filled_plan, "realisation", employee, supervisor)
    indicator = plan.results.get().indicators.get()  # target 500 dokumen
    services.record_realisation(indicator=indicator, by=employee.user, value=Decimal("506.3"))
    settings.LANGUAGE_CODE = "id"

    html = client_for(supervisor).get(url("plan_detail", plan.pk)).content.decode()

    assert 'class="badge status-green"' in html and "101,26 %" in html
    assert "506,3 dokumen" in html


@pytest.mark.django_db
def test_an_indicator_below_its_target_is_amber_or_red(filled_plan, employee, supervisor, client_for):
    plan = advance(filled_plan, "realisation", employee, supervisor)
    indicator = plan.results.get().indicators.get()
    services.record_realisation(indicator=indicator, by=employee.user, value=400)
    html = client_for(employee).get(url("plan_detail", plan.pk)).content.decode()
    assert 'class="badge status-amber"' in html and "80 %" in html
    services.record_realisation(indicator=indicator, by=employee.user, value=100)  # the latest report counts
    assert "20 %" in client_for(employee).get(url("plan_detail", plan.pk)).content.decode()


@pytest.mark.django_db
def test_the_stepper_says_who_holds_the_plan_by_when_and_that_it_is_late(filled_plan, employee, supervisor, client_for):
    services.submit_plan(plan=filled_plan, by=employee.user)
    filled_plan.period.plan_due = timezone.localdate() - datetime.timedelta(days=3)
    filled_plan.period.save(update_fields=["plan_due"])

    html = client_for(employee).get(url("plan_detail", filled_plan.pk)).content.decode()

    assert f"Now with <strong>{supervisor.full_name}</strong>: Review the plan" in html
    assert '<span class="badge overdue">Late</span>' in html
    assert 'class="step step-done"' in html and 'aria-current="step"' in html
    assert html.index('<span class="step-label">Draft</span>') < html.index('<span class="step-label">In review</span>')
    assert "Coaching" not in html.split('class="stepper')[1].split("</nav>")[0]  # no coaching unless it follows
    # The reviewer reading the same plan is told it is their turn, not their own name.
    html = client_for(supervisor).get(url("plan_detail", filled_plan.pk)).content.decode()
    assert (
        "Now with <strong>you</strong>: Review the plan" in html
        and supervisor.full_name not in html.split('class="stepper')[1].split("</nav>")[0]
    )


@pytest.mark.django_db
def test_the_process_diagram_is_translated_and_legible(filled_plan, employee, client_for, settings):
    settings.LANGUAGE_CODE = "id"
    me = client_for(employee)
    page = me.get(url("plan_process", filled_plan.pk))
    assert page.status_code == 200 and url("plan_chart", filled_plan.pk) in page.content.decode()

    svg = me.get(url("plan_chart", filled_plan.pk)).content.decode()

    assert "Susun SKP" in svg and "Susun Skp" not in svg
    assert ">ya<" in svg and ">tidak<" in svg and ">yes<" not in svg and ">no<" not in svg
    assert "End" not in svg and "Selesai" in svg  # the end node carries the stage label "Done"
    assert 'font-size="13px"' in svg and 'width="100%"' not in svg and "style=" not in svg.split("</style>")[1]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider", "colleague"])
def test_someone_elses_process_page_is_404(filled_plan, people, who, client_for):
    assert client_for(people[who]).get(url("plan_process", filled_plan.pk)).status_code == 404


@pytest.mark.django_db
def test_the_draft_plan_page_and_its_inline_changes_need_as_many_queries_on_a_bigger_plan(
    filled_plan, employee, supervisor_rhk, client_for, django_assert_max_num_queries
):
    me = client_for(employee)
    first = filled_plan.results.get()

    def count_queries():
        with CaptureQueriesContext(connection) as page:
            me.get(url("plan_detail", filled_plan.pk))
        with CaptureQueriesContext(connection) as change:
            me.post(url("indicator_add", filled_plan.pk, first.pk), FIRST_INDICATOR, **HTMX)
        return len(page), len(change)

    me.get(url("plan_detail", filled_plan.pk))
    small = count_queries()
    for number in range(4):
        result = ResultPlanFactory(plan=filled_plan, text=f"RHK {number}", supports=supervisor_rhk)
        ResultIndicatorFactory.create_batch(2, result=result)
    large = count_queries()

    assert small == large
    assert large[0] <= 15


@pytest.mark.django_db
def test_the_rating_step_needs_at_most_16_queries(plan_to_rate, supervisor, client_for):
    # 15 for the plan and the form, one for the periodic results shown beside it (issue 15).
    boss = client_for(supervisor)
    task_url = url("task_detail", plan_to_rate.pk, open_task(plan_to_rate, "rating").pk)
    boss.get(task_url)
    with CaptureQueriesContext(connection) as page:
        response = boss.get(task_url)
    assert response.status_code == 200 and len(page) <= 16


def test_only_a_main_rhk_without_a_link_is_flagged_as_not_linked(plan, employee, supervisor_rhk, client_for):
    ResultPlanFactory(plan=plan, kind="main", text="RHK utama lepas")
    ResultPlanFactory(plan=plan, kind="main", text="RHK utama tertaut", supports=supervisor_rhk)
    ResultPlanFactory(plan=plan, kind="additional", text="RHK tambahan")
    html = client_for(employee).get(url("plan_detail", plan.pk)).content.decode()
    assert html.count("Not linked to a supervisor") == 1


@pytest.mark.django_db
def test_each_indicator_has_its_own_realisation_form_for_the_employee_only(
    filled_plan, employee, supervisor, client_for, settings
):
    """The realisation form is rendered once per page and copied per indicator: each copy has the indicator's own
    ids (labels, help texts) and address, in the reader's language."""
    plan = advance(filled_plan, "realisation", employee, supervisor)
    result = plan.results.get()
    ResultIndicatorFactory(result=result, description="Akta terbit", order=1)
    settings.LANGUAGE_CODE = "id"

    html = client_for(employee).get(url("plan_detail", plan.pk)).content.decode()

    for indicator in result.indicators.all():
        assert f'action="{url("realisation_add", plan.pk, indicator.pk)}"' in html
        assert f'for="id_r{indicator.pk}_value"' in html and f'id="id_r{indicator.pk}_value"' in html
        assert f'id="id_r{indicator.pk}_files"' in html
    assert html.count('name="description"') == 2
    assert "INDICATORPK" not in html
    assert "Nilai yang dicapai" in html  # the fields speak the reader's language
    assert "id_r" not in client_for(supervisor).get(url("plan_detail", plan.pk)).content.decode()
