"""Acting officials (Plt/Plh): the coordinator's list and form, and ending an appointment early."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions
from ..acting import forms, selectors, services
from ._context import posted


def acting_list(request):
    permissions.check_manage_acting(request.user)
    form = forms.AppointmentForm(posted(request), people=selectors.people_for(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.appoint_acting(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Acting official appointed; open supervisor tasks follow the dates."))
            return redirect("workflow:acting_list")
    context = {
        "form": form,
        "appointments": selectors.appointments_for(user=request.user),
        "today": timezone.localdate(),
    }
    return render(request, "workflow/acting.html", context)


@require_POST
def acting_end(request, appointment_id):
    permissions.check_manage_acting(request.user)
    appointment = selectors.get_appointment_for(user=request.user, appointment_id=appointment_id)
    if appointment.returned_at is None:
        services.end_acting(appointment=appointment, by=request.user)
        messages.success(request, _("The appointment ended; open tasks went back to the holder."))
    else:
        messages.info(request, _("This appointment has already ended."))
    return redirect("workflow:acting_list")
