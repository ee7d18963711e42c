"""Each person's notification settings."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import services
from .forms import PreferenceForm
from .models import NotificationPreference


def preferences(request):
    """Whether reminders also arrive by e-mail (in-app ones always do)."""
    current = NotificationPreference(user=request.user, email=services.wants_email(user=request.user))
    form = PreferenceForm(request.POST if request.method == "POST" else None, instance=current)
    if form.is_valid():
        services.set_email_preference(user=request.user, email=form.cleaned_data["email"])
        messages.success(request, _("Your notification settings are saved."))
        return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form, "has_address": bool(request.user.email)})
