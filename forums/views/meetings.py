"""Pages for evaluation meetings: list and schedule, the live meeting page, minutes and action items."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from .. import permissions, selectors, services
from ..forms import ActionItemForm, ActionStatusForm, CurrentItemForm, MeetingForm, MinutesForm, NoteForm
from ..models import ActionStatus

LIVE_PARTIALS = {"live-panel", "presence", "notes", "actions"}


def meeting_list(request):
    context = {
        "meetings": selectors.list_meetings(user=request.user),
        "open_actions": selectors.open_actions_for_user(user=request.user),
        "can_schedule": permissions.can_schedule_meeting(request.user),
        "statuses": ActionStatus.choices,
    }
    return render(request, "forums/meeting_list.html", context)


def meeting_create(request):
    permissions.check_schedule_meeting(request.user)
    form = MeetingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.schedule_meeting(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("forums:meeting_detail", meeting_id=meeting.pk)
    return render(request, "forums/meeting_form.html", {"form": form})


def _meeting_context(request, meeting, *, with_agenda=True):
    manage = permissions.can_manage_meeting(request.user, meeting)
    return {
        "meeting": meeting,
        "agenda": selectors.list_agenda(meeting=meeting, live=with_agenda),
        "carried_over": selectors.carried_over_actions(meeting=meeting),
        "actions": selectors.list_actions(meeting=meeting),
        "notes": selectors.list_notes(meeting=meeting),
        "present": selectors.list_present(meeting_id=meeting.pk),
        "can_manage": manage,
        "note_form": NoteForm(prefix="note") if manage else None,
        "action_form": ActionItemForm(meeting=meeting, prefix="action") if manage else None,
        "minutes_form": MinutesForm(initial={"minutes": meeting.minutes}) if manage else None,
        "statuses": ActionStatus.choices,
        "user_agency_id": getattr(getattr(request.user, "employee", None), "agency_id", None),
    }


@vary_on_headers("HX-Request")
def meeting_detail(request, meeting_id):
    meeting = selectors.get_meeting_for_user(user=request.user, meeting_id=meeting_id)
    partial = request.GET.get("partial")
    if request.htmx and partial in LIVE_PARTIALS:
        context = _meeting_context(request, meeting, with_agenda=False)
        return render(request, f"forums/meeting_detail.html#{partial}", context)
    return render(request, "forums/meeting_detail.html", _meeting_context(request, meeting))


def _back(request, meeting, partial="live-panel"):
    if request.htmx:
        context = _meeting_context(request, meeting, with_agenda=False)
        return render(request, f"forums/meeting_detail.html#{partial}", context)
    return redirect(reverse("forums:meeting_detail", args=[meeting.pk]) + f"#{partial}")


@require_POST
def meeting_current(request, meeting_id):
    meeting = selectors.get_meeting_for_user(user=request.user, meeting_id=meeting_id)
    permissions.check_manage_meeting(request.user, meeting)
    form = CurrentItemForm(request.POST)
    item_id = form.cleaned_data["item"] if form.is_valid() else None
    item = next((i for i in meeting.items.all() if i.pk == item_id), None)
    meeting = services.set_current_item(meeting=meeting, item=item, by=request.user)
    return _back(request, meeting)


@require_POST
def meeting_note(request, meeting_id):
    meeting = selectors.get_meeting_for_user(user=request.user, meeting_id=meeting_id)
    permissions.check_manage_meeting(request.user, meeting)
    form = NoteForm(request.POST, prefix="note")
    if form.is_valid():
        services.add_note(meeting=meeting, by=request.user, item=meeting.current_item, **form.cleaned_data)
    else:
        messages.error(request, _("A note cannot be empty."))
    return _back(request, meeting, "notes")


@require_POST
def meeting_action(request, meeting_id):
    meeting = selectors.get_meeting_for_user(user=request.user, meeting_id=meeting_id)
    permissions.check_manage_meeting(request.user, meeting)
    form = ActionItemForm(request.POST, meeting=meeting, prefix="action")
    if form.is_valid():
        services.add_action_item(meeting=meeting, by=request.user, item=meeting.current_item, **form.cleaned_data)
        return _back(request, meeting, "actions")
    context = _meeting_context(request, meeting) | {"action_form": form}
    return render(request, "forums/meeting_detail.html", context, status=400)


@require_POST
def meeting_rebuild(request, meeting_id):
    meeting = selectors.get_meeting_for_user(user=request.user, meeting_id=meeting_id)
    services.build_agenda(meeting=meeting, by=request.user)
    messages.success(request, _("The agenda figures were rebuilt from the current data."))
    return redirect("forums:meeting_detail", meeting_id=meeting.pk)


@require_POST
def meeting_close(request, meeting_id):
    meeting = selectors.get_meeting_for_user(user=request.user, meeting_id=meeting_id)
    form = MinutesForm(request.POST)
    minutes = form.cleaned_data["minutes"] if form.is_valid() else None
    services.close_meeting(meeting=meeting, by=request.user, minutes=minutes)
    return redirect("forums:meeting_detail", meeting_id=meeting.pk)


@require_POST
def action_status(request, action_id):
    action = selectors.get_action_for_user(user=request.user, action_id=action_id)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        services.set_action_status(action=action, by=request.user, status=form.cleaned_data["status"])
    next_url = request.POST.get("next")
    if next_url == "meetings":
        return redirect("forums:meeting_list")
    if permissions.can_view_meeting(request.user, action.meeting):
        return _back(request, action.meeting, "actions")
    return redirect("forums:meeting_list")
