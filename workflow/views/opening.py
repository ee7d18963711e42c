"""Opening a period for whole agencies (coordinators): choose the agencies, then watch the progress."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.vary import vary_on_headers

from agencies.access import agencies_coordinated_by
from agencies.selectors import get_period
from common.params import parse_ids

from .. import opening, selectors
from ..late_opening import apply_late_opening, late_opening_form
from ..opening.forms import OpeningForm


def period_open(request, period_id):
    """The checklist of agencies in scope with their employee and plan counts; submitting queues the opening."""
    opening.check_open_periods(request.user)
    period = get_period(period_id=period_id)
    if not period.accepts_plans:
        messages.error(request, _("Plans for this period can no longer be opened."))
        return redirect("agencies:period_list")
    agencies = opening.agencies_with_counts(user=request.user, period=period)
    unopened = [agency.pk for agency in agencies if agency.planned_count < agency.active_count]
    data = request.POST if request.method == "POST" else None  # an empty submission must still be validated
    form = OpeningForm(data, agencies=agencies_coordinated_by(request.user), initial={"agencies": unopened})
    late = late_opening_form(period=period, data=data)  # warn when the plan deadline is over
    if form.is_valid() and (late is None or late.is_valid()):
        if late is not None:
            period = apply_late_opening(period=period, form=late)
        agency_ids = [agency.pk for agency in form.cleaned_data["agencies"]]
        started = opening.request_period_opening(period=period, agency_ids=agency_ids, by=request.user)
        return redirect("workflow:period_opening", period.pk, started.pk)
    selected = set(parse_ids(form["agencies"].value() or []))
    context = {
        "period": period,
        "form": form,
        "agencies": agencies,
        "selected": selected,
        "current": opening.unfinished_opening(period=period),
        "late": late,
        "annual": None if period.is_annual else selectors.annual_period_around(period=period),
    }
    return render(request, "workflow/period_open.html", context)


@vary_on_headers("HX-Request")
def period_opening(request, period_id, opening_id):
    """The progress of one opening; htmx polls its `opening-progress` partial every second until it ends."""
    item = opening.get_opening_for_user(user=request.user, period_id=period_id, opening_id=opening_id)
    template = "workflow/period_opening.html#opening-progress" if request.htmx else "workflow/period_opening.html"
    return render(request, template, {"opening": item, "period": item.period})
