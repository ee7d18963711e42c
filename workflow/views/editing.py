"""Editing a draft plan: copy, RHK, indicators, and the supervisor's behaviour expectations."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import forms, permissions, selectors, services
from ..models import ResultIndicator, ResultPlan
from ._context import posted as _posted
from ._context import refuses_closed_plan, result_form_for


def _editable(request, plan_id):
    plan = selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
    permissions.check_edit_plan(request.user, plan)
    return plan


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


def _save_form(request, plan, form, save, template, context):
    """Validate, call the service, and on refusal re-render the form with its errors and the user's input."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return redirect("workflow:plan_detail", plan_id=plan.pk)
    return render(request, template, {"plan": plan, "form": form, **context})


@refuses_closed_plan
def result_add(request, plan_id):
    plan = _editable(request, plan_id)
    form = result_form_for(plan, _posted(request))
    return _save_form(
        request,
        plan,
        form,
        lambda data: services.add_result(plan=plan, by=request.user, **data),
        "workflow/result_form.html",
        {},
    )


@refuses_closed_plan
def result_edit(request, plan_id, result_id):
    plan = _editable(request, plan_id)
    result = get_object_or_404(ResultPlan, pk=result_id, plan=plan)
    initial = {"kind": result.kind, "text": result.text, "supports": result.supports_id}
    initial["supports_indicator"] = result.supports_indicator_id
    form = result_form_for(plan, _posted(request), initial=initial)
    return _save_form(
        request,
        plan,
        form,
        lambda data: services.update_result(result=result, by=request.user, **data),
        "workflow/result_form.html",
        {"result": result},
    )


@require_POST
@refuses_closed_plan
def result_delete(request, plan_id, result_id):
    plan = _editable(request, plan_id)
    result = get_object_or_404(ResultPlan, pk=result_id, plan=plan)
    try:
        services.delete_result(result=result, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("workflow:plan_detail", plan_id=plan.pk)


@refuses_closed_plan
def indicator_add(request, plan_id, result_id):
    plan = _editable(request, plan_id)
    result = get_object_or_404(ResultPlan, pk=result_id, plan=plan)
    form = forms.IndicatorForm(_posted(request))
    return _save_form(
        request,
        plan,
        form,
        lambda data: services.add_indicator(result=result, by=request.user, **data),
        "workflow/indicator_form.html",
        {"result": result},
    )


@refuses_closed_plan
def indicator_edit(request, plan_id, indicator_id):
    plan = _editable(request, plan_id)
    indicator = get_object_or_404(ResultIndicator.objects.select_related("result"), pk=indicator_id, result__plan=plan)
    fields = ("aspect", "description", "target_value", "target_unit", "target_text")
    form = forms.IndicatorForm(_posted(request), initial={name: getattr(indicator, name) for name in fields})
    return _save_form(
        request,
        plan,
        form,
        lambda data: services.update_indicator(indicator=indicator, by=request.user, **data),
        "workflow/indicator_form.html",
        {"result": indicator.result, "indicator": indicator},
    )


@require_POST
@refuses_closed_plan
def indicator_delete(request, plan_id, indicator_id):
    plan = _editable(request, plan_id)
    indicator = get_object_or_404(ResultIndicator, pk=indicator_id, result__plan=plan)
    services.delete_indicator(indicator=indicator, by=request.user)
    return redirect("workflow:plan_detail", plan_id=plan.pk)


@refuses_closed_plan
def expectations_edit(request, plan_id):
    plan = selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
    permissions.check_set_expectations(request.user, plan)
    form = forms.ExpectationsForm(_posted(request), expectations=plan.expectations.all())
    return _save_form(
        request,
        plan,
        form,
        lambda data: services.set_expectations(plan=plan, by=request.user, expectations=data),
        "workflow/expectations_form.html",
        {},
    )
