"""The compliance board: who is late, per agency and for the Pemda (its list of people and the bulk reminder are
the reminders app's, which sits above reports)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from agencies.access import agencies_overseen_by

from . import board_charts, permissions, selectors


def _progress_bars(rows) -> dict[int, str]:
    return {
        row.agency_id: board_charts.progress_bar(
            title=str(_("Plans of %(agency)s by status")) % {"agency": row.name},
            segments=[(status.key, str(status.label), n) for status, n, _share in row.shares],
            total=row.employees,
        )
        for row in rows
    }


# A province has some 400 agencies: the table shows them a page at a time, the most late first (the totals are
# always of them all), so the page costs the same whatever the number of agencies.
AGENCIES_PER_PAGE = 50


def compliance(request, period_id):
    """Every agency in scope against the period's deadlines, late people first in the eye; or, for one quarter or
    month of the year (?window=<n>), where each agency's periodic evaluations stand."""
    permissions.check_see_overview(request.user)
    period, periods = selectors.period_with_choices(period_id=period_id)
    window = selectors.chosen_window(period=period, chosen=request.GET.get("window"))
    choice = {"period": period, "periods": periods, "window": window, "windows": selectors.window_choices(period)}
    if window is not None:  # one quarter or month: where its periodic evaluations stand, and who is late
        periodic = selectors.periodic_board(period=period, window=window, agencies=agencies_overseen_by(request.user))
        return render(request, "reports/compliance.html", {**choice, "periodic": periodic})
    board = selectors.compliance_board(period=period, agencies=agencies_overseen_by(request.user))
    ordered = sorted(board.rows, key=lambda row: (-row.late, row.name.lower()))
    page = Paginator(ordered, AGENCIES_PER_PAGE).get_page(request.GET.get("page"))
    bars = _progress_bars([*page, board.totals])
    rows = [(row, bars[row.agency_id]) for row in page]
    context = {
        **choice,
        "board": board,
        "rows": rows,
        "page": page,
        "totals_bar": bars[0],
        "statuses": selectors.COMPLIANCE_STATUSES,
    }
    return render(request, "reports/compliance.html", context)
