"""What every plan page shows, assembled once for the plan page and the task pages that extend it."""

import functools

from django.shortcuts import render

from agencies.roles import roles_for

from .. import forms, permissions, selectors
from ..models import Action, PlanStep
from ..services.transitions import is_agency_head


def plan_context(request, plan, **extra) -> dict:
    user = request.user
    data = selectors.plan_page_data(plan=plan)
    can_edit = permissions.can_edit_plan(user, plan)
    accepts_changes = permissions.accepts_changes(plan)
    context = {
        "plan": plan,
        "PlanStep": PlanStep,  # templates compare the current step with its members, never with strings
        **data,
        "plan_closed": not accepts_changes,
        "is_owner": permissions.is_owner(user, plan),
        "can_edit": can_edit,
        "can_record_realisation": permissions.can_record_realisation(user, plan),
        "can_give_feedback": permissions.can_give_feedback(user, plan),
        "can_reassign": permissions.can_reassign(user, plan),
        "can_set_expectations": permissions.can_set_expectations(user, plan),
        "my_tasks": [task for task in data["open_tasks"] if task.owner_id == user.pk] if accepts_changes else [],
        "feedback_form": forms.FeedbackForm(),
        "last_return": next(
            (e for e in reversed(data["events"]) if e.action in (Action.RETURNED, Action.REVISION_REQUESTED)), None
        ),
    }
    if can_edit:
        context["result_form"] = result_form_for(plan)
        context["indicator_form"] = forms.IndicatorForm()
        context["previous_plan"] = selectors.previous_plan(plan=plan) if not data["results"] else None
    if context["can_record_realisation"]:
        for result in data["results"]:
            for indicator in result.indicators.all():
                indicator.realisation_form = forms.RealisationForm(auto_id=f"id_r{indicator.pk}_%s")
    context["roles"] = roles_for(user)
    context.update(extra)
    return context


def result_form_for(plan, data=None, initial=None):
    return forms.ResultForm(
        data,
        initial=initial,
        cascade_options=selectors.cascade_options(plan=plan),
        iku_options=selectors.iku_options(plan=plan),
        is_head=is_agency_head(plan.employee),
    )


def posted(request):
    """The submitted data on POST (even when empty, as for a plain confirmation), else None (unbound form)."""
    return request.POST if request.method == "POST" else None


def refuses_closed_plan(view):
    """A change to a plan of a closed period answers 403 with a page that says why and leads back to the plan."""

    @functools.wraps(view)
    def wrapper(request, plan_id, *args, **kwargs):
        try:
            return view(request, plan_id, *args, **kwargs)
        except permissions.PlanClosed as refusal:
            context = {"plan_id": plan_id, "message": str(refusal)}
            return render(request, "workflow/plan_closed.html", context, status=403)

    return wrapper
