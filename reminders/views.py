"""Each person's notification settings, and one agency's people by plan status with the bulk reminder (the
compliance board of reports leads here)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agencies.models import Agency
from agencies.selectors import get_period
from reports import permissions as reports_permissions
from reports import selectors as reports_selectors

from . import services
from .forms import PreferenceForm, RemindForm
from .models import NotificationPreference
from .selectors import last_reminded


def preferences(request):
    """Whether reminders also arrive by e-mail (in-app ones always do)."""
    current = NotificationPreference(user=request.user, email=services.wants_email(user=request.user))
    form = PreferenceForm(request.POST if request.method == "POST" else None, instance=current)
    if form.is_valid():
        services.set_email_preference(user=request.user, email=form.cleaned_data["email"])
        messages.success(request, _("Your notification settings are saved."))
        return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form, "has_address": bool(request.user.email)})


def agency_people(request, period_id, agency_id):
    """One agency's active employees with their plan status and lateness, filterable by status."""
    period = get_period(period_id=period_id)
    agency = reports_selectors.get_agency_for_user(user=request.user, agency_id=agency_id)
    status = request.GET.get("status", "")
    if status not in reports_selectors.STATUS_KEYS and status != "late":
        status = ""
    row = reports_selectors.compliance_board(period=period, agencies=Agency.objects.filter(pk=agency.pk)).rows[0]
    page = Paginator(reports_selectors.compliance_people(period=period, agency=agency, status=status), 50).get_page(
        request.GET.get("page")
    )
    late = reports_selectors.late_stages(period=period, time_zone=agency.time_zone)
    reminded = last_reminded(period=period, employee_ids=[person.pk for person in page])
    people = [
        {
            "person": person,
            "status": reports_selectors.status_of_stage(person.plan_stage),
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
        "statuses": reports_selectors.COMPLIANCE_STATUSES,
        "can_overview": reports_permissions.can_see_overview(request.user),
    }
    return render(request, "reminders/agency_people.html", context)


@require_POST
def remind_agency(request, period_id, agency_id):
    """Remind the chosen people of the agency, or all its late people; the task worker delivers."""
    period = get_period(period_id=period_id)
    agency = reports_selectors.get_agency_for_user(user=request.user, agency_id=agency_id)
    in_agency = reports_selectors.compliance_people(period=period, agency=agency).values_list("pk", flat=True)
    form = RemindForm(request.POST, people_ids=list(in_agency))
    back = reverse("reminders:agency_people", args=[period.pk, agency.pk])
    if not form.is_valid():
        for error in form.errors.get("__all__", []) + form.errors.get("people", []):
            messages.error(request, error)
        return redirect(f"{back}?status=late")
    if form.cleaned_data["everyone_late"]:
        ids = reports_selectors.late_employee_ids(period=period, agency=agency)
    else:
        ids = form.cleaned_data["people"]
    count = services.request_reminders(period=period, agency=agency, employee_ids=ids, by=request.user, request=request)
    if count:
        messages.success(
            request,
            ngettext(
                "A reminder about %(n)s person is on its way (in Kinerja, and by e-mail for those who chose it).",
                "Reminders about %(n)s people are on their way (in Kinerja, and by e-mail for those who chose it).",
                count,
            )
            % {"n": count},
        )
    else:
        messages.info(request, _("Nobody in this agency is late."))
    return redirect(f"{back}?status=late")
