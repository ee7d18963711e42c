from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common.http import post_only_back_to
from common.params import parse_id

from . import indicator_sources, permissions, selectors, services
from .closing import closing_notices
from .forms import ComputeRealisationForm, PeriodForm, RealisationForm, YearForm, add_service_errors


def iku_list(request):
    agency_id = request.GET.get("agency", "")
    can_filter = permissions.can_filter_agencies(request.user)
    agency_id = parse_id(agency_id) if can_filter else None
    year = timezone.localdate().year
    context = {
        "year": year,
        "groups": selectors.list_indicators_by_agency(user=request.user, year=year, agency_id=agency_id),
        "filter_agencies": selectors.agencies_for_user(user=request.user) if can_filter else None,
        "selected_agency": agency_id,
    }
    template = "agencies/iku_list.html#iku-groups" if request.htmx else "agencies/iku_list.html"
    return render(request, template, context)


def iku_detail(request, indicator_id, form=None, compute_form=None):
    indicator = selectors.get_indicator_for_user(user=request.user, indicator_id=indicator_id)
    can_record = permissions.can_record_realisation(request.user, indicator)
    context = {
        "indicator": indicator,
        "history": selectors.indicator_history(indicator=indicator),
        "can_record": can_record,
        "form": form or (RealisationForm() if can_record else None),
        "compute_form": compute_form or (ComputeRealisationForm() if can_record and indicator.source else None),
        "source_label": indicator_sources.source_label(indicator.source),
    }
    return render(request, "agencies/iku_detail.html", context)


@post_only_back_to("agencies:iku_detail", "indicator_id")
def realisation_record(request, indicator_id):
    indicator = selectors.get_indicator_for_user(user=request.user, indicator_id=indicator_id)
    permissions.check_record_realisation(request.user, indicator)
    form = RealisationForm(request.POST)
    if form.is_valid():
        try:
            services.record_realisation(indicator=indicator, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The realisation was recorded."))
            return redirect("agencies:iku_detail", indicator_id=indicator.pk)
    return iku_detail(request, indicator_id, form=form)


@require_POST
def realisation_compute(request, indicator_id):
    indicator = selectors.get_indicator_for_user(user=request.user, indicator_id=indicator_id)
    permissions.check_record_realisation(request.user, indicator)
    form = ComputeRealisationForm(request.POST)
    if form.is_valid():
        try:
            outcome, _realisation = services.record_computed_realisation(
                indicator=indicator, period=form.cleaned_data["period"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, COMPUTE_MESSAGES[outcome])
            return redirect("agencies:iku_detail", indicator_id=indicator.pk)
    return iku_detail(request, indicator_id, compute_form=form)


COMPUTE_MESSAGES = {
    services.ComputeOutcome.RECORDED: _lazy("The figure was computed from its source and waits for verification."),
    services.ComputeOutcome.UNCHANGED: _lazy("The source gives the same figure as recorded; nothing changed."),
    services.ComputeOutcome.NOTHING_TO_MEASURE: _lazy("The source has no data for this period yet; nothing recorded."),
    services.ComputeOutcome.KEPT_MANUAL: _lazy("The figure entered by a person was kept."),
}


@require_POST
def realisation_verify(request, realisation_id):
    realisation = selectors.get_realisation_for_user(user=request.user, realisation_id=realisation_id)
    permissions.check_verify_realisation(request.user, realisation)
    try:
        services.verify_realisation(realisation=realisation, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The realisation is verified."))
    return redirect("agencies:iku_detail", indicator_id=realisation.indicator_id)


def period_list(request):
    permissions.check_manage_periods(request.user)
    today = timezone.localdate()
    next_year = selectors.year_to_prepare(today=today)
    context = {
        "periods": selectors.periods_with_next_status(today=today),
        "next_year": next_year,
        "remind_next_year": selectors.should_prepare_year(year=next_year, today=today),
        # Not yet reminded, but coming: offered quietly; a year after next is not offered at all.
        "offer_next_year": next_year <= today.year + 1,
    }
    return render(request, "agencies/period_list.html", context)


@post_only_back_to("agencies:period_list")
def period_advance(request, period_id):
    """Move a period to the status its dates have reached (the list's suggestion); a second click changes nothing."""
    permissions.check_manage_periods(request.user)
    period = selectors.get_period(period_id=period_id)
    wanted = request.POST.get("status", "")
    if wanted != selectors.status_by_dates(period, today=timezone.localdate()):
        messages.info(
            request,
            _("%(period)s is already %(status)s.") % {"period": period, "status": period.get_status_display().lower()},
        )
        return redirect("agencies:period_list")
    try:
        services.update_period(period=period, status=wanted)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(period)s is now %(status)s.") % {"period": period, "status": period.get_status_display().lower()},
        )
    return redirect("agencies:period_list")


def period_year(request):
    """A year's periods following the year before: shown first, created on confirmation (agencies/period_years.py)."""
    permissions.check_manage_periods(request.user)
    today = timezone.localdate()
    data = request.POST if request.method == "POST" else (request.GET if "year" in request.GET else None)
    form = YearForm(data, today=today)
    year = form.cleaned_data["year"] if form.is_valid() else selectors.year_to_prepare(today=today)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.prepare_year(year=year)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _tell_prepared(request, year=year, created=len(created))
            return redirect("agencies:period_list")
    context = {"form": form, "proposal": selectors.year_proposal(year=year)}
    return render(request, "agencies/period_year.html", context, status=400 if form.errors else 200)


def _tell_prepared(request, *, year: int, created: int) -> None:
    if created:
        text = ngettext(
            "%(count)d period of %(year)s was created.",
            "%(count)d periods of %(year)s were created.",
            created,
        )
        messages.success(request, text % {"count": created, "year": year})
    else:
        messages.info(request, _("The periods of %(year)s were already there; nothing was added.") % {"year": year})


def period_create(request):
    permissions.check_manage_periods(request.user)
    initial = selectors.new_period_initial(today=timezone.localdate())
    return _period_form(request, PeriodForm(request.POST or None, initial=initial), services.create_period)


def period_edit(request, period_id):
    permissions.check_manage_periods(request.user)
    period = selectors.get_period(period_id=period_id)
    form = PeriodForm(request.POST or None, instance=period)
    notices = closing_notices(period)  # what closing it now would leave unfinished, beside the status
    return _period_form(request, form, lambda **data: services.update_period(period=period, **data), notices)


def _period_form(request, form, save, closing_notices=()):
    if request.method == "POST" and form.is_valid():
        try:
            save(**form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The period was saved."))
            return redirect("agencies:period_list")
    return render(request, "agencies/period_form.html", {"form": form, "closing_notices": closing_notices})
