"""Training events: the list, creating, editing and cancelling one, its page, the organiser's report and the
effect on the IKU it targets."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import agencies_affiliated_with
from agencies.models import Indicator

from .. import effects, permissions, selectors, services
from ..forms import CancelForm, FeedbackForm, InviteForm, ReportForm, TrainingForm, add_service_errors
from .params import year_from


def training_list(request):
    year = year_from(request)
    context = {
        "year": year,
        "trainings": selectors.list_trainings(user=request.user, year=year),
        "can_create": permissions.can_organise_trainings(request.user),
    }
    return render(request, "development/training_list.html", context)


def _training_form(request, *, instance=None, initial=None):
    scope = agencies_affiliated_with(request.user)
    return TrainingForm(
        request.POST or None,
        instance=instance,
        initial=initial,
        agencies=scope,
        needs=selectors.agreed_needs_for_choice(user=request.user),
        indicators=Indicator.objects.filter(agency__in=scope, is_active=True).select_related("agency"),
    )


def training_create(request):
    permissions.check_organise_trainings(request.user)
    form = _training_form(request, initial={"needs": request.GET.getlist("need")})
    if request.method == "POST" and form.is_valid():
        try:
            training = services.create_training(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except permissions.PermissionDenied:
            form.add_error("agency", _("You may organise trainings only for the agencies you oversee."))
        else:
            messages.success(request, _("The training was created. Next: invite participants."))
            return redirect("development:training_detail", training_id=training.pk)
    return render(request, "development/training_form.html", {"form": form}, status=400 if form.errors else 200)


def training_edit(request, training_id):
    training = selectors.get_training_for_user(user=request.user, training_id=training_id)
    permissions.check_manage_training(request.user, training)
    if training.is_cancelled:
        messages.info(request, _("The training was cancelled."))
        return redirect("development:training_detail", training_id=training.pk)
    form = _training_form(request, instance=training)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_training(training=training, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except permissions.PermissionDenied:
            form.add_error("agency", _("You may organise trainings only for the agencies you oversee."))
        else:
            messages.success(request, _("The training was saved."))
            return redirect("development:training_detail", training_id=training.pk)
    return render(
        request,
        "development/training_form.html",
        {"form": form, "training": training},
        status=400 if form.errors else 200,
    )


def training_cancel(request, training_id):
    training = selectors.get_training_for_user(user=request.user, training_id=training_id)
    permissions.check_manage_training(request.user, training)
    if training.is_cancelled:
        messages.info(request, _("The training was cancelled."))
        return redirect("development:training_detail", training_id=training.pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_training(training=training, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The training was cancelled and its participants told."))
            return redirect("development:training_detail", training_id=training.pk)
    context = {"training": training, "form": form, "summary": selectors.training_summary(training=training)}
    return render(request, "development/training_cancel.html", context, status=400 if form.errors else 200)


def training_detail(request, training_id):
    training = selectors.get_training_for_user(user=request.user, training_id=training_id)
    return render(request, "development/training_detail.html", _detail_context(request, training))


def _detail_context(request, training, *, report_form=None) -> dict:
    manage = permissions.can_manage_training(request.user, training)
    context = {
        "training": training,
        "can_manage": manage,
        "summary": selectors.training_summary(training=training),
        "mine": selectors.own_participation(user=request.user, training=training),
        "needs": training.needs.select_related("employee", "unit"),
        "indicators": training.indicators.select_related("agency"),
        "feedback_form": FeedbackForm(),
    }
    if manage:
        context |= {
            "participants": selectors.training_participants(training=training),
            "feedback": selectors.training_feedback(training=training),
            "invite_form": InviteForm(),
            "report_form": report_form or ReportForm(initial={"report": training.report}),
        }
    return context


@require_POST
def training_report(request, training_id):
    """The organiser's report; refused (an empty one, one before the first day, a cancelled training), the page comes
    back with the text as typed and the reason beside it."""
    training = selectors.get_training_for_user(user=request.user, training_id=training_id)
    permissions.check_manage_training(request.user, training)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.file_report(training=training, by=request.user, report=form.cleaned_data["report"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The report was saved and the training marked as held."))
            return redirect("development:training_detail", training_id=training.pk)
    context = _detail_context(request, training, report_form=form)
    return render(request, "development/training_detail.html", context, status=400)


def training_effect(request, training_id):
    training = selectors.get_training_for_user(user=request.user, training_id=training_id)
    permissions.check_manage_training(request.user, training)
    months = effects.window_months(request.GET.get("months"))
    context = {
        "training": training,
        "effect": effects.training_effect(training=training, months=months),
        "choices": effects.WINDOW_CHOICES,
    }
    return render(request, "development/training_effect.html", context)
