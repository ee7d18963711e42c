"""The employee's own development page and external trainings (recorded by the employee, verified by the supervisor)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.roles import roles_for
from common.http import open_stored

from .. import permissions, selectors, services
from ..forms import ExternalForm, VerifyForm, add_service_errors
from .params import year_from


def my_development(request):
    me = roles_for(request.user).employee
    year = year_from(request)
    context = {"year": year, "me": me}
    if me is not None:
        context |= {
            "ledger": selectors.employee_year_jp(employee=me, year=year),
            "trainings": selectors.my_trainings(employee=me),
            "externals": selectors.my_externals(employee=me),
            "needs": selectors.list_needs(user=request.user).filter(employee=me),
        }
    context |= {
        "to_verify": selectors.externals_to_verify(user=request.user),
        "can_see_needs": permissions.can_see_agency_needs(request.user),
        "can_see_ledger": permissions.can_see_ledger(request.user),
        "can_see_coverage": permissions.can_see_coverage(request.user),
    }
    return render(request, "development/my_development.html", context)


def external_create(request):
    me = roles_for(request.user).employee
    if me is None:
        raise permissions.PermissionDenied
    form = ExternalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.record_external(employee=me, by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Recorded; your supervisor will verify it."))
            return redirect("development:my_development")
    return render(request, "development/external_form.html", {"form": form}, status=400 if form.errors else 200)


@require_POST
def external_verify(request, external_id):
    external = selectors.get_external_for_user(user=request.user, external_id=external_id)
    permissions.check_verify_external(request.user, external)
    form = VerifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to verify or reject."))
    else:
        data = form.cleaned_data
        try:
            services.verify_external(
                external=external, by=request.user, accept=data["decision"] == "accept", note=data["note"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Decision recorded."))
    return redirect("development:my_development")


def external_certificate(request, external_id):
    external = selectors.get_external_for_user(user=request.user, external_id=external_id)
    response = FileResponse(open_stored(external.certificate), as_attachment=True, filename=external.certificate_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
