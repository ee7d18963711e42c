"""Downloads: the SKP and evaluation PDFs of one plan, and Excel exports of a team's or an agency's plans."""

import io

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect

from agencies.models import Agency
from audit import services as audit
from common.params import parse_id
from common.spreadsheets import XLSX_CONTENT_TYPE

from .. import documents, exports, permissions, selectors, services
from ..verification import services as verification
from ..verification.models import DocumentKind


def _period(request):
    """The period chosen with ?period=<id>, else the current one."""
    chosen = parse_id(request.GET.get("period"))
    period = selectors.list_periods().filter(pk=chosen).first() if chosen else None
    return period or selectors.current_period()


def _download(content: bytes, *, filename: str, content_type: str, attachment: bool) -> FileResponse:
    response = FileResponse(io.BytesIO(content), as_attachment=attachment, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def skp_pdf(request, plan_id):
    """The SKP as PDF, shown in the browser (or saved with ?download=1)."""
    plan = documents.document_plan(user=request.user, plan_id=plan_id)
    services.record_administrator_read(plan=plan, by=request.user, request=request, what="skp_pdf")
    content, _issued = verification.issue_pdf(plan=plan, kind=DocumentKind.SKP)
    return _download(
        content,
        filename=documents.skp_filename(plan),
        content_type="application/pdf",
        attachment="download" in request.GET,
    )


def evaluation_pdf(request, plan_id):
    """The evaluation document as PDF, once the plan has been rated; before that, back to the plan page."""
    plan = documents.document_plan(user=request.user, plan_id=plan_id)
    try:
        content, _issued = verification.issue_pdf(plan=plan, kind=DocumentKind.EVALUATION)
    except documents.NotRated as error:
        messages.warning(request, str(error))
        return redirect("workflow:plan_detail", plan_id=plan.pk)
    services.record_administrator_read(plan=plan, by=request.user, request=request, what="evaluation_pdf")
    return _download(
        content,
        filename=documents.evaluation_filename(plan),
        content_type="application/pdf",
        attachment="download" in request.GET,
    )


def team_export(request):
    """The plans of the supervisor's team for a period (?period=<id>) as an Excel workbook."""
    permissions.check_see_team(request.user)
    period = _period(request)
    plans = selectors.team_plans(user=request.user, period=period)
    audit.record_event(kind=audit.AuditKind.EXPORTED, actor=request.user, request=request, target="team", period=period)
    return _download(
        exports.plans_workbook(plans),
        filename=exports.workbook_filename(scope="team", period=period),
        content_type=XLSX_CONTENT_TYPE,
        attachment=True,
    )


def agency_export(request, agency_id):
    """Every plan of an agency for a period: for its head, coordinators over it and administrators."""
    permissions.check_export_agency_plans(request.user, agency_id)
    agency = get_object_or_404(Agency, pk=agency_id)
    period = _period(request)
    audit.record_event(kind=audit.AuditKind.EXPORTED, actor=request.user, request=request, target=agency, period=period)
    return _download(
        exports.plans_workbook(exports.agency_plans_for_export(agency=agency, period=period)),
        filename=exports.workbook_filename(scope=agency.code, period=period),
        content_type=XLSX_CONTENT_TYPE,
        attachment=True,
    )
