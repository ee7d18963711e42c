"""The JP ledger, the export of completed trainings and the socialisation coverage."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from audit import services as audit
from common.params import parse_id

from .. import exports, permissions, selectors
from .params import year_from


def jp_ledger(request):
    permissions.check_see_ledger(request.user)
    year = year_from(request)
    agency_id = parse_id(request.GET.get("agency"))
    below = request.GET.get("below") == "1"
    ledger = selectors.ledger(
        user=request.user, year=year, agency_id=agency_id, below_only=below, page=request.GET.get("page", 1)
    )
    context = {"year": year, "ledger": ledger, "selected_agency": agency_id, "below": below}
    return render(request, "development/jp_ledger.html", context)


def completed_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    year = year_from(request) if request.GET.get("year") else None
    rows = selectors.completed_trainings(user=request.user, year=year)
    name = f"trainings-{year or 'all'}"
    audit.record_event(  # audit: names, NIPs and certificates leave the system
        kind=audit.AuditKind.EXPORTED, actor=request.user, request=request, target=name, rows=len(rows)
    )
    if fmt == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(exports.completed_xlsx(rows), content_type=content_type)
    else:
        response = HttpResponse(exports.completed_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def coverage(request):
    permissions.check_see_coverage(request.user)
    year = year_from(request)
    context = {"year": year, "rows": selectors.sosialisasi_coverage(user=request.user, year=year)}
    return render(request, "development/coverage.html", context)
