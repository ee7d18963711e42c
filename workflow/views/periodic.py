"""Periodic evaluation pages: one page per quarter or month of a plan, with the step its viewer holds (report, rate,
plan coaching, acknowledge), and the period's realisation recorded from it with the plan's realisation form."""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common import held_uploads
from common.http import post_only_back_to
from common.ratelimit import rate_limited

from .. import forms, permissions, services
from ..periodic import forms as periodic_forms
from ..periodic import selectors
from ..periodic import services as periodic_services
from ._context import posted


@dataclass(frozen=True)
class Step:
    form_class: type
    perform: Callable  # (review, user, form) -> success message; calls exactly one service


def _report(review, user, form):
    periodic_services.report_period(review=review, by=user, **form.cleaned_data)
    return _("The period was reported to your supervisor.")


def _rate(review, user, form):
    rated = periodic_services.rate_period(review=review, by=user, **form.cleaned_data)
    return _("Rated: the periodic predikat is %(predikat)s.") % {"predikat": rated.get_predikat_display()}


def _coaching(review, user, form):
    periodic_services.plan_period_coaching(review=review, by=user, **form.cleaned_data)
    return _("Coaching plan recorded.")


def _acknowledge(review, user, form):
    periodic_services.acknowledge_period_coaching(review=review, by=user, **form.cleaned_data)
    return _("You acknowledged the coaching plan.")


STEPS = {
    "report": Step(periodic_forms.ReportForm, _report),
    "rate": Step(periodic_forms.PeriodRatingForm, _rate),
    "coaching": Step(forms.CoachingForm, _coaching),
    "acknowledge": Step(forms.AcknowledgeForm, _acknowledge),
}


def _closed(request, review, refusal):
    context = {"plan_id": review.plan_id, "message": str(refusal)}
    return render(request, "workflow/plan_closed.html", context, status=403)


def _context(request, review, **extra) -> dict:
    task = selectors.open_task(review=review)
    mine = task is not None and task.owner_id == request.user.pk and permissions.accepts_changes(review.plan)
    can_record = permissions.can_record_periodic_realisation(request.user, review)
    context = {
        "review": review,
        "plan": review.plan,
        "task": task,
        "my_step": task.flow_task.name if mine else None,
        "realisations": selectors.review_realisations(review=review),
        "indicators": selectors.plan_indicators(plan_id=review.plan_id) if can_record else [],
        "late": review.is_late(selectors.today()),
    }
    failed, failed_form = extra.pop("failed_indicator", None), extra.pop("realisation_form", None)
    for indicator in context["indicators"]:
        fresh = forms.RealisationForm(auto_id=f"id_r{indicator.pk}_%s")
        indicator.realisation_form = failed_form if indicator.pk == failed else fresh
    if mine:
        context["step_form"] = STEPS[context["my_step"]].form_class()
    context.update(extra)
    return context


def periodic_detail(request, review_id):
    """The period's page; a POST completes the step its viewer holds."""
    review = selectors.get_review_for_user(user=request.user, review_id=review_id)
    context = _context(request, review)
    if request.method != "POST":
        return render(request, "workflow/periodic/detail.html", context)
    try:
        permissions.check_act_on_step(request.user, review.plan)
    except permissions.PlanClosed as refusal:
        return _closed(request, review, refusal)
    if context["my_step"] is None:
        raise PermissionDenied(_("This step is assigned to someone else."))
    step = STEPS[context["my_step"]]
    form = step.form_class(posted(request))
    if form.is_valid():
        try:
            message = step.perform(review, request.user, form)
        except services.StepAlreadyHandled as error:
            messages.info(request, str(error))
            return redirect("workflow:periodic_detail", review_id=review.pk)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, message)
            return redirect("workflow:periodic_detail", review_id=review.pk)
    context["step_form"] = form
    return render(request, "workflow/periodic/detail.html", context)


@post_only_back_to("workflow:periodic_detail", "review_id")
@rate_limited("upload")
def periodic_realisation_add(request, review_id, indicator_id):
    """The period's realisation of one indicator, with evidence: the plan's own form and upload checks."""
    review = selectors.get_review_for_user(user=request.user, review_id=review_id)
    try:
        permissions.check_record_periodic_realisation(request.user, review)
    except permissions.PlanClosed as refusal:
        return _closed(request, review, refusal)
    indicator = selectors.indicator_of_review(review=review, indicator_id=indicator_id)
    form = forms.RealisationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            data = form.cleaned_data
            services.record_realisation(indicator=indicator, by=request.user, periodic_review=review, **data)
        except ValidationError as error:
            form.add_error("files", error.messages)
        else:
            transaction.on_commit(functools.partial(held_uploads.release, form.cleaned_data["files"]))
            messages.success(request, _("Realisation recorded."))
            return redirect("workflow:periodic_detail", review_id=review.pk)
    form.keep_files()
    context = _context(request, review, failed_indicator=indicator.pk, realisation_form=form)
    return render(request, "workflow/periodic/detail.html", context)
