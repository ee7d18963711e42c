import io

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from agencies.access import agencies_affiliated_with
from agencies.models import PublicService
from audit import services as audit

from . import abuse, export, permissions, poster, selectors, services
from .forms import SurveyForm


@login_not_required
def survey_form(request, slug):
    """The public questionnaire of one service: no login, one page, works without JavaScript."""
    service = selectors.get_public_service(slug=slug)
    period = selectors.current_period()
    key = abuse.period_key(period)
    context = {"service": service, "period": period}
    if abuse.already_answered(request, service, key):
        return render(request, "surveys/survey_form.html", {**context, "already_answered": True})
    form = SurveyForm(request.POST or None, service=service)
    if request.method == "POST":
        if not abuse.within_rate_limits(request, service):
            response = render(request, "429.html", {"window": abuse.rate_window()}, status=429)
            response["Retry-After"] = str(abuse.rate_window())
            return response
        if form.is_valid():
            if not form.is_bot:
                services.submit_response(service=service, **form.response_data())
            response = redirect("surveys:thanks", slug=service.slug)
            abuse.mark_answered(response, service, key, period)
            return response
    return render(request, "surveys/survey_form.html", {**context, "form": form})


@login_not_required
@require_GET
def survey_thanks(request, slug):
    service = selectors.get_public_service(slug=slug)
    return render(request, "surveys/survey_thanks.html", {"service": service})


@login_not_required
@require_GET
def survey_poster(request, slug):
    """The A4 poster with a QR code to the survey, for the service counter."""
    service = selectors.get_public_service(slug=slug)
    url = request.build_absolute_uri(reverse("surveys:form", kwargs={"slug": service.slug}))
    content = poster.build_poster(service=service, url=url)
    response = FileResponse(io.BytesIO(content), filename=f"survei-{service.slug}.pdf", content_type="application/pdf")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def results(request):
    """The index per agency and per service in a period, for the user's scope (and Pemda-wide for coordinators)."""
    permissions.check_see_results(request.user)
    period = selectors.pick_period(request.GET.get("period"))
    visible = agencies_affiliated_with(request.user)
    context = {"period": period, "periods": selectors.result_periods()}
    if period is not None:
        context |= {
            "pemda": selectors.pemda_result(period=period) if permissions.can_see_pemda_results(request.user) else None,
            "agency_rows": (agency_rows := selectors.agency_results(period=period, agencies=visible)),
            "exportable": {row.agency.pk for row in agency_rows if permissions.can_export(request.user, row.agency)},
            "service_rows": selectors.service_results(
                period=period, services=PublicService.objects.filter(is_active=True, agency__in=visible)
            ),
        }
    return render(request, "surveys/results.html", context)


# The latest comments a service's page shows at once; the rest of the selector's 50 open on demand.
COMMENTS_SHOWN = 10


def service_results(request, slug):
    """One service's index in a period: every element's NRR, the weakest with an action, respondents, comments."""
    service = selectors.get_service(slug=slug)
    permissions.check_see_service(request.user, service)
    period = selectors.pick_period(request.GET.get("period"))
    context = {"service": service, "period": period, "periods": selectors.result_periods()}
    if period is not None:
        (result,) = selectors.service_results(period=period, services=PublicService.objects.filter(pk=service.pk))
        comments = list(selectors.service_comments(service=service, period=period))
        context |= {
            "result": result,
            "profile": selectors.service_profile(service=service, period=period),
            "comments": comments[:COMMENTS_SHOWN],
            "more_comments": comments[COMMENTS_SHOWN:],
            "can_export": permissions.can_export(request.user, service.agency),
        }
    return render(request, "surveys/service_results.html", context)


def results_export(request, agency_id, period_id):
    """The agency's answers and results of a period as XLSX, in the regulation's report layout; audited."""
    agency = selectors.get_agency(agency_id=agency_id)
    permissions.check_export(request.user, agency)
    period = selectors.get_period(period_id=period_id)
    content = export.build_workbook(
        agency=agency,
        period=period,
        service_rows=selectors.service_results(period=period, agency=agency),
        agency_row=selectors.agency_result(period=period, agency=agency),
        responses=selectors.export_responses(period=period, agency=agency).iterator(chunk_size=2000),
    )
    audit.record_event(
        kind=audit.AuditKind.EXPORTED, actor=request.user, request=request, target=f"IKM {agency} {period}"
    )
    filename = f"ikm-{slugify(agency.short_name or agency.code)}-{slugify(period.name)}.xlsx"
    response = FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Cache-Control"] = "private, no-store"
    return response
