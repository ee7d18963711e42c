"""Citizens' pages, no login: the complaint form, the follow-up pages and the public performance page."""

import csv
import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from common import held_uploads
from common.params import parse_id
from common.ratelimit import client_address

from .. import selectors, services
from ..forms import STAMP_REFUSED, CodeLookupForm, ComplaintForm, OutcomeForm, SupplyInfoForm, form_stamp
from ..models import Status, normalise_tracking_code
from ..ratelimit import allow_complaint, allow_holding_files


def _follow_up_url(request):
    def build(complaint, secret):
        return request.build_absolute_uri(reverse("feedback:follow_up", args=[complaint.code, secret]))

    return build


@login_not_required
def complaint_form(request):
    query = request.GET.get("q", "")[:100]
    categories = selectors.list_categories(query=query)
    bound = request.method == "POST"
    form = ComplaintForm(request.POST if bound else None, request.FILES if bound else None, categories=categories)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            if not allow_complaint(address=client_address(request), category_id=data["category"].pk):
                return render(request, "429.html", {"window": 3600}, status=429)
            try:
                complaint, secret = services.submit_complaint(
                    category=data["category"],
                    title=data["title"],
                    description=data["description"],
                    identity=data["identity"],
                    location=data["location"],
                    occurred_on=data["occurred_on"],
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    files=data["files"],
                    follow_up_url=_follow_up_url(request),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                transaction.on_commit(functools.partial(held_uploads.release, data["files"]))
                return redirect(reverse("feedback:follow_up", args=[complaint.code, secret]) + "?new=1")
        status = 400
        if not request.FILES or allow_holding_files(address=client_address(request)):
            form.keep_files()
        if form.has_error(NON_FIELD_ERRORS, code=STAMP_REFUSED):
            # A fresh stamp: a person who was too quick, or whose form expired, can send it again as it stands.
            # Any other error keeps the time they started, so a quick fix (a forgotten name) is not "too fast".
            form.data = form.data.copy()
            form.data["stamp"] = form_stamp()
    else:
        form.initial["stamp"] = form_stamp()
    context = {"form": form, "query": query, "categories": categories, "lookup": CodeLookupForm()}
    return render(request, "feedback/complaint_form.html", context, status=status)


@login_not_required
def complaint_lookup(request):
    form = CodeLookupForm(request.GET if "code" in request.GET else None)
    if form.is_valid() and selectors.find_complaint_by_code(code=form.cleaned_data["code"]):
        return redirect("feedback:complaint_status", code=form.cleaned_data["code"])
    if form.is_valid():
        form.add_error("code", _("No complaint has this tracking code."))
    return render(request, "feedback/complaint_lookup.html", {"form": form}, status=404 if form.is_bound else 200)


def _status_context(complaint):
    return {
        "complaint": complaint,
        "events": selectors.history(complaint=complaint, public=True),
        "Status": Status,
    }


@login_not_required
def complaint_status(request, code):
    """What anyone with the code may see: status, dated public steps, the answer, the expected date."""
    written = normalise_tracking_code(code)
    if written is not None and written != code:  # /lapor/adu-2026-123/, typed by hand: the code's one address
        return redirect("feedback:complaint_status", code=written)
    complaint = selectors.get_complaint_by_code(code=code)
    return render(request, "feedback/complaint_status.html", _status_context(complaint))


@login_not_required
def follow_up(request, code, secret):
    """The reporter's own page (the secret link): the public view plus the reporter's answers to the desk and to the
    agency. A wrong secret is a 404, like an unknown code."""
    complaint = selectors.get_complaint_by_code(code=code)
    if not services.secret_matches(complaint, secret):
        raise Http404
    info_form = SupplyInfoForm(request.POST if request.POST.get("step") == "info" else None)
    outcome_form = OutcomeForm(request.POST if request.POST.get("step") == "outcome" else None)
    status = 200
    if request.method == "POST":
        try:
            if info_form.is_bound and info_form.is_valid():
                services.supply_information(complaint=complaint, secret=secret, text=info_form.cleaned_data["text"])
                messages.success(request, _("Thank you: the desk will look at your complaint again."))
                return redirect("feedback:follow_up", code=complaint.code, secret=secret)
            if outcome_form.is_bound and outcome_form.is_valid():
                services.confirm_outcome(complaint=complaint, secret=secret, **outcome_form.cleaned_data)
                messages.success(request, _("Thank you for your answer."))
                return redirect("feedback:follow_up", code=complaint.code, secret=secret)
        except services.StepAlreadyHandled as done:
            messages.info(request, str(done))
            return redirect("feedback:follow_up", code=complaint.code, secret=secret)
        except ValidationError as error:
            (info_form if info_form.is_bound else outcome_form).add_error(None, error)
        status = 400
    context = _status_context(complaint) | {
        "secret": secret,
        "is_new": request.GET.get("new") == "1",
        "follow_up_link": request.build_absolute_uri(request.path),
        "info_form": info_form,
        "outcome_form": outcome_form,
        "files": list(complaint.files.all()),  # what the reporter attached, named for them only
    }
    response = render(request, "feedback/complaint_follow_up.html", context, status=status)
    # The secret is in the address: keep it out of other sites' Referer headers ("same-origin"; "no-referrer" would
    # make browsers send `Origin: null` with the page's own forms, which CSRF protection rightly refuses) and out
    # of shared caches.
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


# Agencies per page of the public page: every agency at once made a page too long for a phone and too slow to draw
# (50 agencies' IKU, services and answers: ~160 ms of template alone); a chooser jumps to any one agency.
AGENCIES_PER_PAGE = 10


def _chosen_period(request):
    periods = cache.get_or_set("feedback:public:periods", lambda: list(selectors.public_periods()), 300)
    if not periods:
        return None, []
    return next((p for p in periods if str(p.pk) == request.GET.get("period")), periods[0]), periods


def _agencies():
    return cache.get_or_set("feedback:public:agencies", selectors.public_agencies, 300)


def _snapshots(period, agency_ids: list[int]) -> list:
    """The agencies' precomputed sections in the current language, in the order asked; the missing ones computed
    (and kept) once."""
    language = get_language() if get_language() in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    found = selectors.public_snapshots(period=period, agency_ids=agency_ids, language=language)
    missing = [pk for pk in agency_ids if pk not in found]
    if missing:
        for snapshot in services.compute_public_snapshots(period=period, agency_ids=missing):
            if snapshot.language == language:
                found[snapshot.agency_id] = snapshot
    return [found[pk] for pk in agency_ids if pk in found]


@login_not_required
def public_page(request):
    period, periods = _chosen_period(request)
    agencies = _agencies()
    chosen = parse_id(request.GET.get("agency"))
    chosen = chosen if chosen in {pk for pk, _name in agencies} else None
    page = Paginator(agencies, AGENCIES_PER_PAGE).get_page(request.GET.get("page"))
    shown = [chosen] if chosen else [pk for pk, _name in page.object_list]
    context = {
        "period": period,
        "periods": periods,
        # Drawn by services.public from this project's own template, escaped there: safe to insert as it is.
        "sections": [mark_safe(row.html) for row in _snapshots(period, shown)] if period and shown else [],  # noqa: S308
        "agencies": agencies,
        "agency_filter": chosen,
        "page": None if chosen else page,
    }
    response = render(request, "feedback/public_page.html", context)
    response["Cache-Control"] = f"public, max-age={settings.KINERJA_PUBLIC_CACHE_SECONDS}"
    return response


@login_not_required
def public_csv(request):
    """Open data: the public page's figures, one row per agency, no personal data."""
    period, _periods = _chosen_period(request)
    snapshots = _snapshots(period, [pk for pk, _name in _agencies()]) if period else []
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kinerja-publik.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["period", "agency_code", "agency", "received", "answered", "answered_on_time_percent", "median_working_days"]
    )
    for snapshot in snapshots:
        figures = snapshot.figures
        writer.writerow(
            [
                period.name,
                snapshot.agency.code,
                snapshot.agency.name,
                figures["received"],
                figures["answered"],
                "" if figures["on_time_share"] is None else figures["on_time_share"],
                "" if figures["median_days"] is None else figures["median_days"],
            ]
        )
    return response
