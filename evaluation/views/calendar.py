"""The data calendar of an agency, each IKU's schedule, the PIC's own list, and opening a year's entries."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.access import agencies_coordinated_by
from agencies.models import Agency
from common.params import parse_year

from .. import permissions, selectors, services
from ..forms import OpenForm, ScheduleForm


def _year(request) -> int:
    return parse_year(request.GET.get("year", "")) or timezone.localdate().year


def calendar(request, agency_id):
    agency = selectors.get_agency_for_user(user=request.user, agency_id=agency_id)
    year = _year(request)
    context = {
        "agency": agency,
        "year": year,
        "indicators": selectors.indicators_with_schedule(agency=agency),
        "entries": selectors.calendar(agency=agency, year=year),
        "sourced": selectors.figures_from_sources(agency=agency, year=year),
        "today": timezone.localdate(),
    }
    if permissions.can_open_calendar_of(request.user, agency.pk):
        agencies = Agency.objects.filter(pk=agency.pk)
        context["opening"] = selectors.calendar_openings(agencies=agencies, year=year)[0]
    return render(request, "evaluation/calendar.html", context)


def schedule_edit(request, indicator_id):
    indicator = selectors.get_indicator_for_user(user=request.user, indicator_id=indicator_id)
    permissions.check_edit_schedule(request.user, indicator.agency_id)
    schedule = selectors.schedule_of(indicator=indicator)
    form = ScheduleForm(request.POST or None, instance=schedule, agency=indicator.agency)
    if request.method == "POST" and form.is_valid():
        services.set_schedule(indicator=indicator, by=request.user, **form.cleaned_data)
        messages.success(request, _("The schedule is saved."))
        return redirect("evaluation:calendar", indicator.agency_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "evaluation/schedule_form.html", {"indicator": indicator, "form": form}, status=status)


def my_entries(request):
    """The figures the person enters (as PIC) and those waiting for their verification (four eyes)."""
    entries, upcoming = selectors.entries_now_and_upcoming(user=request.user)
    context = {
        "entries": entries,
        "upcoming": upcoming,
        "to_verify": selectors.entries_to_verify(user=request.user),
    }
    return render(request, "evaluation/my_entries.html", context)


def _year_to_open(request, agencies) -> int:
    """The year the opening page shows: the one asked for, else the one the coordinator's home reminds of, else
    this year."""
    asked = parse_year(request.POST.get("year") or request.GET.get("year") or "")
    if asked is not None:
        return asked
    reminder = selectors.calendar_year_to_remind(agencies=agencies, today=timezone.localdate())
    return reminder[0] if reminder else timezone.localdate().year


def calendar_open(request):
    """Each coordinated agency's IKU for a year (on the calendar, already opened), those still to open ticked."""
    permissions.check_open_calendar(request.user)
    agencies = agencies_coordinated_by(request.user)
    year = _year_to_open(request, agencies)
    rows = selectors.calendar_openings(agencies=agencies, year=year)
    posted = request.POST if request.method == "POST" else None  # an empty POST is still a (bad) submission
    form = OpenForm(posted, agencies=agencies, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["agencies"]
        count = services.open_data_entries(
            year=form.cleaned_data["year"], agency_ids=[a.pk for a in chosen], by=request.user
        )
        messages.success(request, _("%(count)d data-entry tasks opened.") % {"count": count})
        if request.POST.get("back") == "calendar" and len(chosen) == 1:
            return redirect(f"{reverse('evaluation:calendar', args=[chosen[0].pk])}?year={form.cleaned_data['year']}")
        return redirect(f"{reverse('evaluation:calendar_open')}?year={form.cleaned_data['year']}")
    chosen_ids = {str(pk) for pk in request.POST.getlist("agencies")} if form.is_bound else None
    context = {"form": form, "year": year, "rows": rows, "chosen_ids": chosen_ids}
    return render(request, "evaluation/calendar_open.html", context, status=400 if form.errors else 200)
