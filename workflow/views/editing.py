"""Editing a draft plan: copy, RHK, indicators, and the supervisor's behaviour expectations.

Every RHK and indicator change works two ways. With htmx the plan page edits in place: the answer is the plan's
results section (with the form in error, if any) and the submission checklist, swapped out of band. Without
JavaScript the same URLs serve the full-page forms and return to the plan page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import forms, permissions, selectors, services
from ..models import ResultIndicator, ResultPlan
from ._context import NEW_RESULT_IDS, plan_context, refuses_closed_plan, result_form_for
from ._context import posted as _posted

RESULTS_UPDATE = "workflow/plan_detail.html#results-update"
INDICATOR_FIELDS = ("aspect", "description", "target_value", "target_unit", "target_text")


def _editable(request, plan_id):
    plan = selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
    permissions.check_edit_plan(request.user, plan)
    return plan


def _result_of(plan, result_id) -> ResultPlan:
    result = get_object_or_404(ResultPlan, pk=result_id, plan=plan)
    result.plan = plan  # already read (and permission-checked): the services need not read it again
    return result


def _indicator_of(plan, indicator_id) -> ResultIndicator:
    indicator = get_object_or_404(ResultIndicator.objects.select_related("result"), pk=indicator_id, result__plan=plan)
    indicator.result.plan = plan
    return indicator


def _back_to_plan(plan, anchor="results-table"):
    return redirect(f"{reverse('workflow:plan_detail', args=[plan.pk])}#{anchor}")


def _results(request, plan, **forms_in_play):
    """The results section and the checklist, for an htmx swap on the plan page (or the draft task page)."""
    return render(request, RESULTS_UPDATE, plan_context(request, plan, oob=True, **forms_in_play))


@require_POST
@refuses_closed_plan
def plan_copy(request, plan_id):
    plan = _editable(request, plan_id)
    source = selectors.previous_plan(plan=plan)
    if source is None:
        messages.error(request, _("There is no earlier plan to copy from."))
    else:
        try:
            services.copy_plan(plan=plan, source=source, by=request.user)
            messages.success(
                request, _("Copied from %(period)s. Choose what each RHK supports.") % {"period": source.period}
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("workflow:plan_detail", plan_id=plan.pk)


def _save(request, plan, forms_to_check, save) -> bool:
    """Validate every form, call the service; a refusal lands on the first form as errors. True when saved."""
    if request.method != "POST":
        return False
    valid = [form.is_valid() for form in forms_to_check]  # every form, so each shows its own errors
    if not all(valid):
        return False
    try:
        save()
    except ValidationError as error:
        forms_to_check[0].add_error(None, error.messages)
        return False
    return True


@refuses_closed_plan
def result_add(request, plan_id):
    plan = _editable(request, plan_id)
    form = result_form_for(plan, _posted(request), auto_id=NEW_RESULT_IDS)
    first = forms.first_indicator_form(_posted(request))

    added = {}

    def save():
        indicators = [first.cleaned_data] if first.has_changed() else []
        data = form.cleaned_data
        added["focus_result"] = services.add_result_with_indicators(
            plan=plan, by=request.user, indicators=indicators, **data
        ).pk

    saved = _save(request, plan, [form, first], save)
    if request.htmx and request.method == "POST":
        return _results(request, plan, **(added if saved else {"result_form": form, "first_indicator_form": first}))
    if saved:
        return _back_to_plan(plan)
    return render(request, "workflow/result_form.html", {"plan": plan, "form": form, "first_form": first})


@refuses_closed_plan
def result_edit(request, plan_id, result_id):
    plan = _editable(request, plan_id)
    result = _result_of(plan, result_id)
    initial = {"kind": result.kind, "text": result.text, "supports": result.supports_id}
    initial["supports_indicator"] = result.supports_indicator_id
    form = result_form_for(plan, _posted(request), initial=initial, auto_id=f"id_rhk{result.pk}_%s")
    saved = _save(
        request, plan, [form], lambda: services.update_result(result=result, by=request.user, **form.cleaned_data)
    )
    if request.htmx:
        return _results(request, plan, **({} if saved else {"editing_result": result.pk, "result_edit_form": form}))
    if saved:
        return _back_to_plan(plan, f"rhk-{result.pk}")
    return render(request, "workflow/result_form.html", {"plan": plan, "form": form, "result": result})


@require_POST
@refuses_closed_plan
def result_delete(request, plan_id, result_id):
    plan = _editable(request, plan_id)
    result = _result_of(plan, result_id)
    try:
        services.delete_result(result=result, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _results(request, plan) if request.htmx else _back_to_plan(plan)


@require_POST
@refuses_closed_plan
def result_move(request, plan_id, result_id):
    plan = _editable(request, plan_id)
    result = _result_of(plan, result_id)
    services.move_result(result=result, by=request.user, direction=request.POST.get("direction", ""))
    return _results(request, plan) if request.htmx else _back_to_plan(plan, f"rhk-{result.pk}")


@refuses_closed_plan
def indicator_add(request, plan_id, result_id):
    plan = _editable(request, plan_id)
    result = _result_of(plan, result_id)
    form = forms.IndicatorForm(_posted(request), auto_id=f"id_add{result.pk}_%s")
    saved = _save(
        request, plan, [form], lambda: services.add_indicator(result=result, by=request.user, **form.cleaned_data)
    )
    if request.htmx and request.method == "POST":
        return _results(
            request, plan, **({"focus_result": result.pk} if saved else {"indicator_errors": {result.pk: form}})
        )
    if saved:
        return _back_to_plan(plan, f"rhk-{result.pk}")
    return render(request, "workflow/indicator_form.html", {"plan": plan, "form": form, "result": result})


@refuses_closed_plan
def indicator_edit(request, plan_id, indicator_id):
    plan = _editable(request, plan_id)
    indicator = _indicator_of(plan, indicator_id)
    initial = {name: getattr(indicator, name) for name in INDICATOR_FIELDS}
    form = forms.IndicatorForm(_posted(request), initial=initial, auto_id=f"id_ind{indicator.pk}_%s")
    saved = _save(
        request,
        plan,
        [form],
        lambda: services.update_indicator(indicator=indicator, by=request.user, **form.cleaned_data),
    )
    if request.htmx:
        editing = {"editing_indicator": indicator.pk, "indicator_edit_form": form}
        return _results(request, plan, **({} if saved else editing))
    if saved:
        return _back_to_plan(plan, f"rhk-{indicator.result_id}")
    context = {"plan": plan, "form": form, "result": indicator.result, "indicator": indicator}
    return render(request, "workflow/indicator_form.html", context)


@require_POST
@refuses_closed_plan
def indicator_delete(request, plan_id, indicator_id):
    plan = _editable(request, plan_id)
    indicator = _indicator_of(plan, indicator_id)
    services.delete_indicator(indicator=indicator, by=request.user)
    return _results(request, plan) if request.htmx else _back_to_plan(plan, f"rhk-{indicator.result_id}")


@require_POST
@refuses_closed_plan
def indicator_move(request, plan_id, indicator_id):
    plan = _editable(request, plan_id)
    indicator = _indicator_of(plan, indicator_id)
    services.move_indicator(indicator=indicator, by=request.user, direction=request.POST.get("direction", ""))
    return _results(request, plan) if request.htmx else _back_to_plan(plan, f"rhk-{indicator.result_id}")


@refuses_closed_plan
def expectations_edit(request, plan_id):
    plan = selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
    permissions.check_set_expectations(request.user, plan)
    form = forms.ExpectationsForm(_posted(request), expectations=plan.expectations.all())
    saved = _save(
        request,
        plan,
        [form],
        lambda: services.set_expectations(plan=plan, by=request.user, expectations=form.cleaned_data),
    )
    if saved:
        return redirect("workflow:plan_detail", plan_id=plan.pk)
    return render(request, "workflow/expectations_form.html", {"plan": plan, "form": form})
