"""The compliance board (who is late, per agency and for the Pemda), its list of people and the bulk reminder."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agencies.models import Agency
from agencies.selectors import get_period
from reminders.selectors import last_reminded

from . import board_charts, permissions, reminding, selectors
from .forms import RemindForm


def _progress_bars(rows) -> dict[int, str]:
    return {
        row.agency_id: board_charts.progress_bar(
            title=str(_("Plans of %(agency)s by status")) % {"agency": row.name},
            segments=[(status.key, str(status.label), n) for status, n, _share in row.shares],
            total=row.employees,
        )
        for row in rows
    }


def compliance(request, period_id):
    """Every agency in scope against the period's deadlines, late people first in the eye."""
    permissions.check_see_overview(request.user)
    period, periods = selectors.period_with_choices(period_id=period_id)
    board = selectors.compliance_board(period=period, agencies=selectors.agencies_in_scope(user=request.user))
    bars = _progress_bars([*board.rows, board.totals])
    rows = [(row, bars[row.agency_id]) for row in sorted(board.rows, key=lambda row: (-row.late, row.name.lower()))]
    context = {
        "period": period,
        "periods": periods,
        "board": board,
        "rows": rows,
        "totals_bar": bars[0],
        "statuses": selectors.COMPLIANCE_STATUSES,
    }
    return render(request, "reports/compliance.html", context)


def compliance_agency(request, period_id, agency_id):
    """One agency's active employees with their plan status and lateness, filterable by status."""
    period = get_period(period_id=period_id)
    agency = selectors.get_agency_for_user(user=request.user, agency_id=agency_id)
    status = request.GET.get("status", "")
    if status not in selectors.STATUS_KEYS and status != "late":
        status = ""
    row = selectors.compliance_board(period=period, agencies=Agency.objects.filter(pk=agency.pk)).rows[0]
    page = Paginator(selectors.compliance_people(period=period, agency=agency, status=status), 50).get_page(
        request.GET.get("page")
    )
    late = selectors.late_stages(period=period, time_zone=agency.time_zone)
    reminded = last_reminded(period=period, employee_ids=[person.pk for person in page])
    people = [
        {
            "person": person,
            "status": selectors.status_of_stage(person.plan_stage),
            "late": person.plan_stage in late,
            "reminded": reminded.get(person.pk),
        }
        for person in page
    ]
    context = {
        "period": period,
        "agency": agency,
        "row": row,
        "status": status,
        "page": page,
        "people": people,
        "statuses": selectors.COMPLIANCE_STATUSES,
        "can_overview": permissions.can_see_overview(request.user),
    }
    return render(request, "reports/compliance_agency.html", context)


@require_POST
def compliance_remind(request, period_id, agency_id):
    """Remind the chosen people of the agency, or all its late people; the task worker delivers."""
    period = get_period(period_id=period_id)
    agency = selectors.get_agency_for_user(user=request.user, agency_id=agency_id)
    in_agency = selectors.compliance_people(period=period, agency=agency).values_list("pk", flat=True)
    form = RemindForm(request.POST, people_ids=list(in_agency))
    back = reverse("reports:compliance_agency", args=[period.pk, agency.pk])
    if not form.is_valid():
        for error in form.errors.get("__all__", []) + form.errors.get("people", []):
            messages.error(request, error)
        return redirect(f"{back}?status=late")
    if form.cleaned_data["everyone_late"]:
        ids = selectors.late_employee_ids(period=period, agency=agency)
    else:
        ids = form.cleaned_data["people"]
    count = reminding.request_reminders(
        period=period, agency=agency, employee_ids=ids, by=request.user, request=request
    )
    if count:
        messages.success(
            request,
            ngettext(
                "A reminder is on its way to %(n)s person (in Kinerja, and by e-mail for those who chose it).",
                "Reminders are on their way to %(n)s people (in Kinerja, and by e-mail for those who chose it).",
                count,
            )
            % {"n": count},
        )
    else:
        messages.info(request, _("Nobody in this agency is late."))
    return redirect(f"{back}?status=late")
