"""Capacity development pages; each parses input, calls one selector or service, and renders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import agencies_affiliated_with
from agencies.models import Indicator
from agencies.roles import roles_for
from workflow import selectors as plan_selectors

from . import attendance, effects, exports, permissions, selectors, services
from .forms import (
    DecideForm,
    ExternalForm,
    FeedbackForm,
    ImportForm,
    InviteForm,
    NeedForm,
    ReportForm,
    ResultForm,
    TrainingForm,
    VerifyForm,
    add_service_errors,
)
from .models import NeedSource


def _year(request) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year


# My development


def my_development(request):
    me = roles_for(request.user).employee
    year = _year(request)
    context = {"year": year, "me": me}
    if me is not None:
        context |= {
            "ledger": selectors.employee_year_jp(employee=me, year=year),
            "trainings": selectors.my_trainings(employee=me),
            "externals": selectors.my_externals(employee=me),
            "needs": selectors.list_needs(user=request.user).filter(employee=me),
        }
    context |= {
        "to_verify": selectors.externals_to_verify(user=request.user),
        "can_see_needs": permissions.can_see_agency_needs(request.user),
        "can_see_ledger": permissions.can_see_ledger(request.user),
        "can_see_coverage": permissions.can_see_coverage(request.user),
    }
    return render(request, "development/my_development.html", context)


# Needs


def need_list(request):
    permissions.check_see_agency_needs(request.user)
    context = {
        "needs": selectors.list_needs(user=request.user)[:200],
        "groups": selectors.needs_by_competence(user=request.user),
    }
    return render(request, "development/need_list.html", context)


def need_create(request):
    me = roles_for(request.user).employee
    employee_id = request.GET.get("employee") or request.POST.get("employee")
    coaching = None
    if request.GET.get("plan"):
        plan = plan_selectors.get_plan_for_user(user=request.user, plan_id=int(request.GET["plan"]))
        coaching = getattr(plan, "coaching", None)
        person = plan.employee
    elif employee_id and employee_id.isdigit():
        person = selectors.employees_by_id(user=request.user, employee_id=int(employee_id))
    else:
        person = me
    if person is None:
        return redirect("development:my_development")
    permissions.check_raise_need_for(request.user, person)
    own = me is not None and person.pk == me.pk
    sources = [NeedSource.EMPLOYEE] if own else [s for s in NeedSource.values if s != NeedSource.EMPLOYEE]
    initial = {"source": NeedSource.COACHING if coaching else sources[0]}
    form = NeedForm(
        request.POST or None,
        initial=initial,
        indicators=Indicator.objects.filter(agency_id=person.agency_id, is_active=True),
        sources=sources,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.raise_need(
                by=request.user,
                employee=person,
                coaching=coaching if data["source"] == NeedSource.COACHING else None,
                rated_plan=coaching.plan if coaching and data["source"] == NeedSource.PREDIKAT else None,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The development need was recorded."))
            return redirect(request.POST.get("next") or "development:my_development")
    context = {
        "form": form,
        "person": person,
        "coaching": coaching,
        "competences": selectors.competences(user=request.user),
        "next": request.GET.get("next", ""),
    }
    return render(request, "development/need_form.html", context)


@require_POST
def need_decide(request, need_id):
    need = selectors.get_need_for_user(user=request.user, need_id=need_id)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to agree or decline."))
    else:
        try:
            services.decide_need(need=need, by=request.user, agree=form.cleaned_data["decision"] == "agree")
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
        else:
            messages.success(request, _("Decision recorded."))
    return redirect("development:need_list")


# Trainings


def training_list(request):
    year = _year(request)
    context = {
        "year": year,
        "trainings": selectors.list_trainings(user=request.user, year=year),
        "can_create": permissions.can_organise_trainings(request.user),
    }
    return render(request, "development/training_list.html", context)


def training_create(request):
    permissions.check_organise_trainings(request.user)
    scope = agencies_affiliated_with(request.user)
    form = TrainingForm(
        request.POST or None,
        initial={"needs": request.GET.getlist("need")},
        agencies=scope,
        needs=selectors.agreed_needs_for_choice(user=request.user),
        indicators=Indicator.objects.filter(agency__in=scope, is_active=True).select_related("agency"),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            training = services.create_training(by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        except permissions.PermissionDenied:
            form.add_error("agency", _("You may organise trainings only for the agencies you oversee."))
        else:
            messages.success(request, _("The training was created. Next: invite participants."))
            return redirect("development:training_detail", training_id=training.pk)
    return render(request, "development/training_form.html", {"form": form})


def training_detail(request, training_id):
    training = selectors.get_training_for_user(user=request.user, training_id=training_id)
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
            "report_form": ReportForm(initial={"report": training.report}),
        }
    return render(request, "development/training_detail.html", context)


@require_POST
def training_invite(request, training_id):
    training = selectors.get_training_for_user(user=request.user, training_id=training_id)
    permissions.check_manage_training(request.user, training)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()))
        return redirect("development:training_detail", training_id=training.pk)
    people, unknown = selectors.employees_by_nip(user=request.user, nips=form.cleaned_data["nip_list"])
    added = services.invite(training=training, by=request.user, employees=people)
    if form.cleaned_data["from_needs"]:
        added += services.invite_needs_people(training=training, by=request.user)
    messages.success(request, _("%(count)s invited.") % {"count": added})
    if unknown:
        messages.warning(request, _("Not found among the people you oversee: %(nips)s") % {"nips": ", ".join(unknown)})
    return redirect("development:training_detail", training_id=training.pk)


@require_POST
def training_register(request, training_id):
    training = selectors.get_training_for_user(user=request.user, training_id=training_id)
    mine = selectors.own_participation(user=request.user, training=training)
    if mine is None:
        messages.error(request, _("You are not invited to this training."))
        return redirect("development:training_detail", training_id=training.pk)
    try:
        if request.POST.get("decision") == "decline":
            services.decline(participation=mine, by=request.user)
            messages.success(request, _("You declined the invitation."))
        else:
            services.register(participation=mine, by=request.user)
            messages.success(request, _("You are registered."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("development:training_detail", training_id=training.pk)


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
            return redirect("development:training_detail", training_id=training.pk)
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
            form.add_error("certificate", error.messages)
        else:
            messages.success(request, _("The result was recorded."))
            return redirect("development:training_detail", training_id=training.pk)
    context = {"training": training, "participation": participation, "form": form}
    return render(request, "development/result_form.html", context)


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
    return redirect("development:training_detail", training_id=training.pk)


@require_POST
def training_report(request, training_id):
    training = selectors.get_training_for_user(user=request.user, training_id=training_id)
    permissions.check_manage_training(request.user, training)
    form = ReportForm(request.POST)
    if form.is_valid():
        services.file_report(training=training, by=request.user, report=form.cleaned_data["report"])
        messages.success(request, _("The report was saved and the training marked as held."))
    else:
        messages.error(request, _("Write the report."))
    return redirect("development:training_detail", training_id=training.pk)


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


def certificate_download(request, participation_id):
    participation = selectors.get_certificate_owner(user=request.user, participation_id=participation_id)
    response = FileResponse(
        participation.certificate.open("rb"), as_attachment=True, filename=participation.certificate_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# External trainings


def external_create(request):
    me = roles_for(request.user).employee
    if me is None:
        raise permissions.PermissionDenied
    form = ExternalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.record_external(employee=me, by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Recorded; your supervisor will verify it."))
            return redirect("development:my_development")
    return render(request, "development/external_form.html", {"form": form})


@require_POST
def external_verify(request, external_id):
    external = selectors.get_external_for_user(user=request.user, external_id=external_id)
    permissions.check_verify_external(request.user, external)
    form = VerifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to verify or reject."))
    else:
        data = form.cleaned_data
        try:
            services.verify_external(
                external=external, by=request.user, accept=data["decision"] == "accept", note=data["note"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Decision recorded."))
    return redirect("development:my_development")


def external_certificate(request, external_id):
    external = selectors.get_external_for_user(user=request.user, external_id=external_id)
    response = FileResponse(external.certificate.open("rb"), as_attachment=True, filename=external.certificate_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Ledger, export, coverage


def jp_ledger(request):
    permissions.check_see_ledger(request.user)
    year = _year(request)
    agency = request.GET.get("agency", "")
    agency_id = int(agency) if agency.isdigit() else None
    below = request.GET.get("below") == "1"
    ledger = selectors.ledger(user=request.user, year=year, agency_id=agency_id, below_only=below)
    context = {
        "year": year,
        "ledger": ledger,
        "filter_agencies": selectors.ledger_agencies(user=request.user),
        "selected_agency": agency_id,
        "below": below,
    }
    return render(request, "development/jp_ledger.html", context)


def completed_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    year = _year(request) if request.GET.get("year") else None
    rows = selectors.completed_trainings(user=request.user, year=year)
    name = f"trainings-{year or 'all'}"
    if fmt == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(exports.completed_xlsx(rows), content_type=content_type)
    else:
        response = HttpResponse(exports.completed_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def coverage(request):
    permissions.check_see_coverage(request.user)
    year = _year(request)
    context = {"year": year, "rows": selectors.sosialisasi_coverage(user=request.user, year=year)}
    return render(request, "development/coverage.html", context)
