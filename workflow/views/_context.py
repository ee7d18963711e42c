"""What every plan page shows, assembled once for the plan page and the task pages that extend it."""

import functools

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from agencies.roles import roles_for

from .. import forms, permissions, selectors
from ..models import Action, PlanStep, Stage
from ..objections import selectors as objection_selectors
from ..services.transitions import is_agency_head, submission_errors

# The new-RHK form shares the page with the feedback form (both have a "text" field): ids of its own.
NEW_RESULT_IDS = "id_new_%s"


def plan_context(request, plan, **extra) -> dict:
    """The plan page's context. `extra` overrides, e.g. a form in error to show in place of a fresh one:
    `result_form`/`first_indicator_form` (new RHK), `indicator_errors` ({rhk id: form}), `editing_result` with
    `result_edit_form`, `editing_indicator` with `indicator_edit_form`."""
    user = request.user
    data = selectors.plan_page_data(plan=plan)
    can_edit = permissions.can_edit_plan(user, plan)
    accepts_changes = permissions.accepts_changes(plan)
    my_tasks = [task for task in data["open_tasks"] if task.owner_id == user.pk] if accepts_changes else []
    context = {
        "plan": plan,
        "PlanStep": PlanStep,  # templates compare the current step with its members, never with strings
        "Stage": Stage,
        **data,
        "plan_closed": not accepts_changes,
        "is_owner": permissions.is_owner(user, plan),
        "can_edit": can_edit,
        "can_record_realisation": permissions.can_record_realisation(user, plan),
        "can_give_feedback": permissions.can_give_feedback(user, plan),
        "can_reassign": permissions.can_reassign(user, plan),
        "can_set_expectations": permissions.can_set_expectations(user, plan),
        "my_tasks": my_tasks,
        "draft_task": next((task for task in my_tasks if task.flow_task.name == "draft"), None),
        "stepper": selectors.plan_stepper(plan=plan, open_tasks=data["open_tasks"]),
        "feedback_form": forms.FeedbackForm(),
        "continued_by": selectors.continuation_of(plan=plan),
        "last_return": next(
            (e for e in reversed(data["events"]) if e.action in (Action.RETURNED, Action.REVISION_REQUESTED)), None
        ),
    }
    if can_edit:
        is_head = is_agency_head(plan.employee)
        context["result_form"] = result_form_for(plan, is_head=is_head, auto_id=NEW_RESULT_IDS)
        context["first_indicator_form"] = forms.first_indicator_form()
        context["previous_plan"] = selectors.previous_plan(plan=plan) if not data["results"] else None
        context["submission_errors"] = submission_errors(plan, results=data["results"], is_head=is_head)
        indicator_errors = extra.pop("indicator_errors", {})
        for result in data["results"]:
            result.indicator_form = indicator_errors.get(result.pk) or forms.IndicatorForm(
                auto_id=f"id_add{result.pk}_%s"
            )
            if result.pk == extra.get("focus_result"):
                # After adding an RHK or an indicator the keyboard is where the next indicator is typed.
                result.indicator_form.fields["description"].widget.attrs["autofocus"] = True
    if context["can_record_realisation"]:
        fields = realisation_fields()
        for result in data["results"]:
            for indicator in result.indicators.all():
                indicator.realisation_fields = SafeString(fields.replace(INDICATOR_MARK, str(indicator.pk)))
    if plan.predikat:
        context.update(objection_context(user, plan))
    context["roles"] = roles_for(user)
    context.update(extra)
    return context


# Every indicator of a plan in realisation shows the same empty realisation form; only its ids differ. Rendering it
# once per page and putting each indicator's id into its copy replaces some 18 renders of 5 widgets (a sixth of
# the page's time). Nothing is kept between requests: the form is empty, the same for everyone.
INDICATOR_MARK = "INDICATORPK"


def realisation_fields() -> str:
    """The fields of an empty realisation form, with INDICATOR_MARK where the indicator's id goes in their ids."""
    form = forms.RealisationForm(auto_id=f"id_r{INDICATOR_MARK}_%s")
    return render_to_string("workflow/_form_fields.html", {"form": form})


def objection_context(user, plan) -> dict:
    """A rated plan's objection (when the user may see it), or whether and until when the owner may file one."""
    objection = objection_selectors.objection_of_plan(user=user, plan=plan)
    # The owner always sees their own objection: for them None means there is none (for others `can_file` is False).
    can_file = objection is None and permissions.can_file_objection(user, plan, has_objection=False)
    can_file = can_file and objection_selectors.is_within_deadline(plan)
    return {
        "objection": objection,
        "can_file_objection": can_file,
        "objection_deadline": objection_selectors.filing_deadline(plan),
    }


def result_form_for(plan, data=None, initial=None, auto_id="id_%s", is_head=None):
    return forms.ResultForm(
        data,
        initial=initial,
        auto_id=auto_id,
        cascade_options=selectors.cascade_options(plan=plan),
        iku_options=selectors.iku_options(plan=plan),
        is_head=is_agency_head(plan.employee) if is_head is None else is_head,
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
