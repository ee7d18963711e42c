"""Task pages (one per flow step) and what is recorded on a running plan: realisation, evidence, feedback,
coaching sessions, reassignment."""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common import held_uploads
from common.http import post_only_back_to
from common.ratelimit import rate_limited

from .. import forms, permissions, selectors, services
from ..models import OPEN_STATUSES, PlanStep, ResultIndicator, rhk_order
from ..predikat import outcome_for
from ._context import plan_context, refuses_closed_plan
from ._context import posted as _posted


@dataclass(frozen=True)
class Step:
    form_class: type
    perform: Callable  # (plan, user, form) -> success message; calls exactly one service
    form_kwargs: Callable = field(default=lambda plan: {})


def _submit(plan, user, form):
    services.submit_plan(plan=plan, by=user)
    return _("The plan was submitted for review.")


def _review(plan, user, form):
    data = form.cleaned_data
    if data["decision"] == "approve":
        services.approve_plan(plan=plan, by=user, comment=data["comment"])
        return _("The plan was approved.")
    services.return_plan(plan=plan, by=user, comment=data["comment"])
    return _("The plan was returned to the employee with your comment.")


def _realisation(plan, user, form):
    if form.cleaned_data["decision"] == "revise":
        services.request_revision(plan=plan, by=user, reason=form.cleaned_data["reason"])
        return _("Revision requested: edit the plan and submit it for review again.")
    services.finish_realisation(plan=plan, by=user)
    return _("Realisation reported. Next: your self-assessment.")


def _self_assessment(plan, user, form):
    services.submit_self_assessment(plan=plan, by=user, **form.cleaned_data)
    return _("Self-assessment submitted to your supervisor.")


def _rating(plan, user, form):
    data = form.cleaned_data
    rated = services.rate_plan(
        plan=plan,
        by=user,
        results_rating=data["results_rating"],
        behaviour_rating=data["behaviour_rating"],
        results_comment=data["results_comment"],
        behaviour_comment=data["behaviour_comment"],
        result_ratings=form.result_ratings(),
    )
    return _("Rated: the predikat is %(predikat)s.") % {"predikat": rated.get_predikat_display()}


def _coaching(plan, user, form):
    services.plan_coaching(plan=plan, by=user, **form.cleaned_data)
    return _("Coaching plan recorded.")


def _acknowledge(plan, user, form):
    services.acknowledge_coaching(plan=plan, by=user, **form.cleaned_data)
    return _("You acknowledged the coaching plan.")


def _close_coaching(plan, user, form):
    services.close_coaching(plan=plan, by=user, **form.cleaned_data)
    return _("Coaching closed; the plan is done.")


STEPS = {
    PlanStep.DRAFT: Step(forms.ConfirmForm, _submit),
    PlanStep.REVIEW: Step(forms.ReviewForm, _review),
    PlanStep.REALISATION: Step(forms.RealisationStepForm, _realisation),
    PlanStep.SELF_ASSESSMENT: Step(forms.SelfAssessmentForm, _self_assessment),
    # The form needs only each RHK's id and text: one query (the page's own read of the RHK brings the rest).
    PlanStep.RATING: Step(forms.RatingForm, _rating, lambda plan: {"results": plan.results.order_by(*rhk_order())}),
    PlanStep.COACHING: Step(forms.CoachingForm, _coaching),
    PlanStep.ACKNOWLEDGE: Step(forms.AcknowledgeForm, _acknowledge),
    PlanStep.CLOSE_COACHING: Step(forms.CloseCoachingForm, _close_coaching),
}


# Steps whose consequences are shown for a second look before they are saved: the rating fixes the predikat and
# may start coaching, so its first submission answers with the outcome and a "confirm" button.
CONFIRMED_STEPS = frozenset({"rating"})


def _outcome(form):
    data = getattr(form, "cleaned_data", None) or form.data
    return outcome_for(data.get("results_rating", ""), data.get("behaviour_rating", ""))


@refuses_closed_plan
def task_detail(request, plan_id, task_id):
    plan = selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
    task = selectors.get_task_for_user(user=request.user, plan=plan, task_id=task_id)
    if task.status not in OPEN_STATUSES:
        messages.info(request, _("This step was already handled."))
        return redirect("workflow:plan_detail", plan_id=plan.pk)
    permissions.check_act_on_step(request.user, plan)
    name = task.flow_task.name
    step = STEPS[name]
    form = step.form_class(_posted(request), **step.form_kwargs(plan))
    confirming = name in CONFIRMED_STEPS and "confirm" not in request.POST
    if request.method == "POST" and "change" not in request.POST and form.is_valid() and not confirming:
        try:
            message = step.perform(plan, request.user, form)
        except services.StepAlreadyHandled as error:
            messages.info(request, str(error))
            return redirect("workflow:plan_detail", plan_id=plan.pk)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, message)
            return redirect("workflow:plan_detail", plan_id=plan.pk)
    context = plan_context(request, plan, task=task, step=name, task_form=form)
    if name in CONFIRMED_STEPS:
        context["outcome"] = _outcome(form)
        context["confirming"] = request.method == "POST" and "change" not in request.POST and form.is_valid()
    return render(request, "workflow/task_detail.html", context)


def rating_preview(request, plan_id, task_id):
    """The predikat the two overall ratings lead to, and whether coaching follows: the rating step asks while the
    supervisor chooses (htmx), from the one matrix in workflow/predikat.py."""
    plan = selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
    task = selectors.get_task_for_user(user=request.user, plan=plan, task_id=task_id)
    if task.flow_task.name not in CONFIRMED_STEPS or task.status not in OPEN_STATUSES:
        raise Http404
    permissions.check_act_on_step(request.user, plan)
    outcome = outcome_for(request.GET.get("results_rating", ""), request.GET.get("behaviour_rating", ""))
    return render(request, "workflow/task_detail.html#predikat-preview", {"outcome": outcome, "plan": plan})


@post_only_back_to("workflow:plan_detail", "plan_id")
@rate_limited("upload")
@refuses_closed_plan
def realisation_add(request, plan_id, indicator_id):
    plan = selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
    permissions.check_record_realisation(request.user, plan)
    indicator = get_object_or_404(ResultIndicator.objects.select_related("result"), pk=indicator_id, result__plan=plan)
    form = forms.RealisationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.record_realisation(indicator=indicator, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("files", error.messages)
        else:
            transaction.on_commit(functools.partial(held_uploads.release, form.cleaned_data["files"]))
            messages.success(request, _("Realisation recorded."))
            return redirect("workflow:plan_detail", plan_id=plan.pk)
    form.keep_files()
    return render(request, "workflow/realisation_form.html", {"plan": plan, "indicator": indicator, "form": form})


@post_only_back_to("workflow:plan_detail", "plan_id")
@refuses_closed_plan
def feedback_add(request, plan_id):
    plan = selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
    form = forms.FeedbackForm(request.POST)
    if form.is_valid():
        services.add_feedback(plan=plan, by=request.user, text=form.cleaned_data["text"])
        form = forms.FeedbackForm()
        if not request.htmx:
            return redirect("workflow:plan_detail", plan_id=plan.pk)
    context = {**plan_context(request, plan), "feedback_form": form}
    template = "workflow/plan_detail.html#feedback-thread" if request.htmx else "workflow/plan_detail.html"
    return render(request, template, context)


@post_only_back_to("workflow:plan_detail", "plan_id")
@refuses_closed_plan
def session_add(request, plan_id):
    plan = selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
    form = forms.SessionForm(request.POST)
    if form.is_valid():
        try:
            services.add_coaching_session(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Coaching session recorded."))
            return redirect("workflow:plan_detail", plan_id=plan.pk)
    return render(request, "workflow/session_form.html", {"plan": plan, "form": form})


@refuses_closed_plan
def reassign(request, plan_id):
    plan = selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
    permissions.check_reassign(request.user, plan)
    candidates = selectors.reassign_candidates(user=request.user, plan=plan)
    form = forms.ReassignForm(_posted(request), candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.reassign_task(plan=plan, by=request.user, **form.cleaned_data)
        except services.StepAlreadyHandled as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The task was reassigned."))
            return redirect("workflow:plan_detail", plan_id=plan.pk)
    return render(request, "workflow/reassign_form.html", {"plan": plan, "form": form})
