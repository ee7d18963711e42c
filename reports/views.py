"""Dashboards, drill-down lists, exports and the recap PDF. Views stay thin: fetch, check, assemble, render."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from agencies.access import agencies_overseen_by
from agencies.models import Agency
from agencies.roles import roles_for
from agencies.selectors import get_period, list_periods
from audit import services as audit
from common.params import parse_id
from common.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE

from . import board_charts, dashboards, exports, forms, pdf, permissions, selectors, services
from .compliance_views import AGENCIES_PER_PAGE
from .models import OrganisationPredikat

EXPORT_FORMATS = {
    "xlsx": (XLSX_CONTENT_TYPE, exports.to_xlsx),
    "csv": (CSV_CONTENT_TYPE, exports.to_csv),
}


def _scope(request):
    permissions.check_see_overview(request.user)
    return agencies_overseen_by(request.user)


def _agency(request, agency_id, period=None) -> Agency:
    return selectors.get_agency_for_user(user=request.user, agency_id=agency_id, period=period)


def dashboard(request):
    """/dashboard/ fits the role: coordinator → period overview, head → agency, supervisor → team, else home."""
    roles = roles_for(request.user)
    chosen = parse_id(request.GET.get("period"))
    period = (list_periods().filter(pk=chosen).first() if chosen else None) or selectors.current_period()
    if period is None:
        return redirect("home")
    view, agency = request.GET.get("view"), parse_id(request.GET.get("agency"))
    if view in ("distribution", "iku", "team"):
        return redirect(f"reports:{view}" if view != "team" else "reports:team_dashboard", period_id=period.pk)
    if view == "agency" and agency:
        return redirect("reports:agency_dashboard", period_id=period.pk, agency_id=agency)
    if permissions.can_see_overview(request.user):
        return redirect("reports:period_overview", period_id=period.pk)
    if roles.is_head:
        return redirect("reports:agency_dashboard", period_id=period.pk, agency_id=roles.headed_agency.pk)
    if roles.is_supervisor:
        return redirect("reports:team_dashboard", period_id=period.pk)
    return redirect("home")


def period_overview(request, period_id):
    """Where each agency stands, a page of agencies at a time in the order of their names (the totals, the owners
    of overdue tasks and the exports are of them all), like the compliance board."""
    period, periods = selectors.period_with_choices(period_id=period_id)
    data = dashboards.overview_data(agencies=_scope(request), period=period)
    page = Paginator(data["overview"].rows, AGENCIES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"period": period, "periods": periods, "page": page, **data}
    template = "reports/period_overview.html#overview-table" if request.htmx else "reports/period_overview.html"
    return render(request, template, context)


def drill_down(request, period_id):
    """The list behind a number: ?agency=&stage=&predikat=&owner=, paginated."""
    period = get_period(period_id=period_id)
    permissions.check_drill_down(request.user)
    stage = request.GET.get("stage", "plans")
    if stage not in selectors.DRILL_KINDS:
        raise Http404
    agency_id = request.GET.get("agency")
    if agency_id:
        agency_ids = [_agency(request, parse_id(agency_id) or 0).pk]
    else:
        agency_ids = list(agencies_overseen_by(request.user).values_list("pk", flat=True))
    owner = request.GET.get("owner")
    kind, records = selectors.drill_down(
        period=period,
        agency_ids=agency_ids,
        stage=stage,
        predikat=request.GET.get("predikat", ""),
        owner_id=parse_id(owner),
    )
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    if kind == selectors.DrillKind.TASKS:
        selectors.task_due(page)
    context = {"period": period, "kind": kind, "page": page, "stage": stage}
    template = "reports/drill_down.html#record-list" if request.htmx else "reports/drill_down.html"
    return render(request, template, context)


def distribution(request, period_id):
    """The year's predikat per agency against the guideline, or one window's periodic predikat (?window=<n>)."""
    period, periods = selectors.period_with_choices(period_id=period_id)
    agencies, rows, rules = _scope(request), None, None
    window = selectors.chosen_window(period=period, chosen=request.GET.get("window"))
    if window is not None:
        rules = selectors.rules_for_year(period.year)
        counts = selectors.periodic_predikat_counts(period=period, window=window, agencies=agencies)
        rows = selectors.predikat_distribution(period=period, overview_rows=counts, rules=rules)
    data = dashboards.distribution_data(agencies=agencies, period=period, rows=rows, rules=rules)
    context = {"period": period, "periods": periods, "choices": OrganisationPredikat.choices, **data}
    context |= {"window": window, "windows": selectors.window_choices(period)}
    context["curves"] = board_charts.distribution_charts(data["distribution"])  # board: the curve, drawn
    return render(request, "reports/distribution.html", context)


@require_POST
def set_organisation_predikat(request, period_id, agency_id):
    period = get_period(period_id=period_id)
    agency = _agency(request, agency_id)
    permissions.check_judge_distribution(request.user, agency.pk)
    form = forms.OrganisationPredikatForm(request.POST)
    if form.is_valid():
        services.set_organisation_predikat(agency=agency, period=period, by=request.user, **form.cleaned_data)
        messages.success(request, _("Organisation predikat of %(agency)s saved.") % {"agency": agency})
    else:
        messages.error(request, _("Choose one of the organisation predikat."))
    return redirect(f"{_url('reports:distribution', period.pk)}#agency-{agency.pk}")


def record_override(request, period_id, agency_id):
    """GET shows the findings and the form; POST records the written justification."""
    period = get_period(period_id=period_id)
    agency = _agency(request, agency_id)
    permissions.check_judge_distribution(request.user, agency.pk)
    row = dashboards.distribution_data(agencies=Agency.objects.filter(pk=agency.pk), period=period)["distribution"][0]
    form = forms.OverrideForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        findings = "; ".join(f"{c.description}: {c.actual}/{c.allowed}" for c in row.checks if not c.ok)
        services.record_distribution_override(
            agency=agency,
            period=period,
            justification=form.cleaned_data["justification"],
            findings=findings,
            by=request.user,
        )
        messages.success(request, _("Justification for %(agency)s recorded.") % {"agency": agency})
        return redirect(f"{_url('reports:distribution', period.pk)}#agency-{agency.pk}")
    context = {"period": period, "agency": agency, "row": row, "form": form}
    return render(request, "reports/override_form.html", context)


def iku(request, period_id):
    period, periods = selectors.period_with_choices(period_id=period_id)
    data = dashboards.iku_data(agencies=_scope(request), period=period)
    context = {"period": period, "periods": periods, **data, **dashboards.iku_charts(data)}
    return render(request, "reports/iku.html", context)


def agency_dashboard(request, period_id, agency_id):
    permissions.check_see_agency_figures(request.user, agency_id)
    figures_of = Agency.objects.filter(pk=agency_id)
    period, periods = selectors.period_with_choices(period_id=period_id, figures_of=figures_of)
    agency = _agency(request, agency_id, period)
    data = dashboards.agency_data(agency=agency, period=period, all_periods=periods)
    context = {"period": period, "periods": periods, "agency": agency, **data, **dashboards.iku_charts(data)}
    context["can_overview"] = permissions.can_see_overview(request.user)
    return render(request, "reports/agency_dashboard.html", context)


def team_dashboard(request, period_id):
    period, periods = selectors.period_with_choices(period_id=period_id)
    permissions.check_see_team(request.user)
    context = {"period": period, "periods": periods, **dashboards.team_data(user=request.user, period=period)}
    return render(request, "reports/team_dashboard.html", context)


def export(request, period_id, table, fmt):
    """Any dashboard table as .xlsx or .csv: ?agency= for one agency's tables, "team" for the supervisor's."""
    period = get_period(period_id=period_id)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    data = _export_data(request, period, table)
    if table not in data["tables"]:
        raise Http404
    content_type, writer = EXPORT_FORMATS[fmt]
    audit.record_event(kind=audit.AuditKind.EXPORTED, actor=request.user, request=request, target=table, period=period)
    response = HttpResponse(writer(data["tables"][table]()), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="kinerja-{table}-{period.pk}.{fmt}"'
    return response


def _export_data(request, period, table) -> dict:
    agency_id = request.GET.get("agency")
    if table == "team":
        permissions.check_see_team(request.user)
        return dashboards.team_data(user=request.user, period=period)
    if agency_id:
        return dashboards.agency_data(agency=_agency(request, parse_id(agency_id) or 0, period), period=period)
    agencies = _scope(request)
    if table in ("overview", "overdue"):
        return dashboards.overview_data(agencies=agencies, period=period)
    if table == "distribution":
        return dashboards.distribution_data(agencies=agencies, period=period)
    return dashboards.iku_data(agencies=agencies, period=period)


OVERVIEW_TABLES = [
    ("overview", gettext_lazy("Plans per stage")),
    ("overdue", gettext_lazy("Overdue tasks")),
    ("distribution", gettext_lazy("Predikat distribution")),
    ("iku", gettext_lazy("IKU achievement")),
    ("trend", gettext_lazy("Trend")),
]


def reports_index(request):
    """/reports/: one period's dashboards, recap PDF and tables to download, for whoever may see them; the period is
    chosen at the top (the running annual one at first)."""
    roles = roles_for(request.user)
    periods = list(list_periods())
    chosen = parse_id(request.GET.get("period"))
    period = next((each for each in periods if each.pk == chosen), None) or selectors.current_period()
    can_overview = permissions.can_see_overview(request.user)
    # The tables this person may download: the Pemda's (those who see the overview) and their team's (supervisors).
    download_tables = OVERVIEW_TABLES if can_overview else []
    if roles.is_supervisor:
        download_tables = [*download_tables, ("team", _("My team"))]
    context = {
        "periods": periods,
        "period": period,
        "can_overview": can_overview,
        "headed_agency": roles.headed_agency,
        "is_supervisor": roles.is_supervisor,
        "download_tables": download_tables,
    }
    return render(request, "reports/reports_index.html", context)


def recap_pdf(request, period_id):
    period = get_period(period_id=period_id)
    agencies = _scope(request)
    content = pdf.period_recap(period=period, agencies=agencies, user=request.user)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kinerja-recap-{period.pk}.pdf"'
    return response


def _url(name, period_id):
    return reverse(name, kwargs={"period_id": period_id})
