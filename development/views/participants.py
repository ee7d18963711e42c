"""Taking part: invitations, registration, attendance (import and printable sheet), results, certificates and the
participant's feedback."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.http import open_stored

from .. import attendance, permissions, selectors, services
from ..forms import FeedbackForm, ImportForm, InviteForm, ResultForm


def _back(training):
    return redirect("development:training_detail", training_id=training.pk)


@require_POST
def training_invite(request, training_id):
    training = selectors.get_training_for_user(user=request.user, training_id=training_id)
    permissions.check_manage_training(request.user, training)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()))
        return _back(training)
    people, unknown = selectors.employees_by_nip(user=request.user, nips=form.cleaned_data["nip_list"])
    try:
        added = services.invite(training=training, by=request.user, employees=people)
        if form.cleaned_data["from_needs"]:
            added += services.invite_needs_people(training=training, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(training)
    messages.success(request, _("%(count)s invited.") % {"count": added})
    if unknown:
        messages.warning(request, _("Not found among the people you oversee: %(nips)s") % {"nips": ", ".join(unknown)})
    return _back(training)


@require_POST
def training_register(request, training_id):
    training = selectors.get_training_for_user(user=request.user, training_id=training_id)
    mine = selectors.own_participation(user=request.user, training=training)
    if mine is None:
        messages.error(request, _("You are not invited to this training."))
        return _back(training)
    try:
        if request.POST.get("decision") == "decline":
            services.decline(participation=mine, by=request.user)
            messages.success(request, _("You declined the invitation."))
        else:
            services.register(participation=mine, by=request.user)
            messages.success(request, _("You are registered."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(training)


def attendance_import(request, training_id):
    training = selectors.get_training_for_user(user=request.user, training_id=training_id)
    permissions.check_manage_training(request.user, training)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = attendance.import_attendance(
            training=training, by=request.user, content=upload.read(), filename=upload.name
        )
        if result.ok:
            messages.success(request, _("Attendance saved: %(count)s rows.") % {"count": result.saved})
            return _back(training)
    status = 400 if result is not None and not result.ok else 200
    context = {"training": training, "form": form, "result": result, "columns": attendance.COLUMNS}
    return render(request, "development/attendance_import.html", context, status=status)


def attendance_sheet(request, training_id):
    training = selectors.get_training_for_user(user=request.user, training_id=training_id)
    permissions.check_manage_training(request.user, training)
    content = attendance.attendance_sheet_pdf(
        training=training, participants=selectors.registered_for_sheet(training=training)
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="attendance-{training.pk}.pdf"'
    return response


def participant_result(request, training_id, participation_id):
    training = selectors.get_training_for_user(user=request.user, training_id=training_id)
    participation = selectors.get_participation_for_manager(
        user=request.user, training=training, participation_id=participation_id
    )
    form = ResultForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_result(participation=participation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None if training.is_cancelled else "certificate", error.messages)
        else:
            messages.success(request, _("The result was recorded."))
            return _back(training)
    context = {"training": training, "participation": participation, "form": form}
    return render(request, "development/result_form.html", context, status=400 if form.errors else 200)


def certificate_download(request, participation_id):
    participation = selectors.get_certificate_owner(user=request.user, participation_id=participation_id)
    response = FileResponse(
        open_stored(participation.certificate), as_attachment=True, filename=participation.certificate_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def training_feedback(request, training_id):
    training = selectors.get_training_for_user(user=request.user, training_id=training_id)
    mine = selectors.own_participation(user=request.user, training=training)
    form = FeedbackForm(request.POST)
    if mine is None or not form.is_valid():
        messages.error(request, _("Choose a rating from 1 to 5."))
    else:
        try:
            services.give_feedback(participation=mine, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you for your feedback."))
    return _back(training)
