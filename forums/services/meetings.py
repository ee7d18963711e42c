"""Writes for evaluation meetings: scheduling, the data-built agenda, running the meeting, minutes and actions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Employee

from .. import live, permissions, realtime
from ..models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingNote,
    MeetingStatus,
    NotificationKind,
)
from ..selectors.meetings import agenda_figures
from .notifications import notify


def _changed(meeting: Meeting, what: str) -> None:
    realtime.broadcast_on_commit(realtime.meeting_group(meeting.pk), "meeting.changed", what=what)


def _presence_changed(meeting_id: int) -> None:
    """Someone arrived or left: the event carries the new list, so open pages show it without a request each."""
    realtime.broadcast_read_after_commit(
        realtime.meeting_group(meeting_id), "meeting.changed", lambda: live.presence_event(meeting_id=meeting_id)
    )


@transaction.atomic
def schedule_meeting(
    *, by, period, title: str, starts_at, agencies, place: str = "", link: str = "", series=None
) -> Meeting:
    """Schedule a meeting for invited agencies and build its agenda from their data."""
    permissions.check_schedule_meeting(by)
    agencies = list(agencies)
    if not agencies:
        raise ValidationError({"agencies": _("Invite at least one agency.")})
    meeting = Meeting(
        period=period, title=title, starts_at=starts_at, place=place, link=link, series=series, organiser=by
    )
    meeting.full_clean()
    meeting.save()
    meeting.agencies.set(agencies)
    permissions.check_manage_meeting(by, meeting)
    build_agenda(meeting=meeting, by=by)
    return meeting


@transaction.atomic
def build_agenda(*, meeting: Meeting, by) -> list[AgendaItem]:
    """(Re)build one agenda item per invited agency with a snapshot of its figures; existing order is kept."""
    permissions.check_manage_meeting(by, meeting)
    agency_ids = list(meeting.agencies.order_by("name").values_list("pk", flat=True))
    figures = agenda_figures(period=meeting.period, agency_ids=agency_ids)
    existing = {item.agency_id: item for item in meeting.items.all()}
    meeting.items.exclude(agency_id__in=agency_ids).delete()
    now = timezone.now()
    next_order = max([item.order for item in existing.values()], default=0) + 1
    items = []
    for agency_id in agency_ids:
        item = existing.get(agency_id)
        if item is None:
            item = AgendaItem(meeting=meeting, agency_id=agency_id, order=next_order)
            next_order += 1
        item.snapshot, item.built_at = figures[agency_id], now
        if item.pk:
            item.save(update_fields=["snapshot", "built_at"])
        else:
            item.full_clean()
            item.save()
        items.append(item)
    _changed(meeting, "agenda")
    return items


@transaction.atomic
def set_current_item(*, meeting: Meeting, item: AgendaItem | None, by) -> Meeting:
    """Move the meeting to an agenda item (this starts a scheduled meeting); repeating it changes nothing."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    permissions.check_manage_meeting(by, meeting)
    if meeting.status == MeetingStatus.CLOSED:
        raise PermissionDenied
    if item is not None and item.meeting_id != meeting.pk:
        raise PermissionDenied
    fields = []
    if meeting.current_item_id != (item.pk if item else None):
        meeting.current_item = item
        fields.append("current_item")
    if meeting.status == MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.LIVE
        fields.append("status")
    if fields:
        meeting.save(update_fields=fields)
        _changed(meeting, "current")
    return meeting


@transaction.atomic
def close_meeting(*, meeting: Meeting, by, minutes: str | None = None) -> Meeting:
    permissions.check_manage_meeting(by, meeting)
    fields = []
    if meeting.status != MeetingStatus.CLOSED:
        meeting.status, meeting.current_item = MeetingStatus.CLOSED, None
        fields += ["status", "current_item"]
    if minutes is not None and minutes != meeting.minutes:
        meeting.minutes = minutes
        fields.append("minutes")
    if fields:
        meeting.save(update_fields=fields)
        _changed(meeting, "status")
    return meeting


@transaction.atomic
def add_note(*, meeting: Meeting, by, text: str, item: AgendaItem | None = None, is_decision: bool = False):
    """Add a line to the minutes; everyone following the meeting sees it appear."""
    permissions.check_manage_meeting(by, meeting)
    if item is not None and item.meeting_id != meeting.pk:
        raise PermissionDenied
    note = MeetingNote(meeting=meeting, item=item, author=by, text=text, is_decision=is_decision)
    note.full_clean()
    note.save()
    _changed(meeting, "notes")
    return note


@transaction.atomic
def add_action_item(
    *, meeting: Meeting, by, owner_agency, text: str, due_on, item: AgendaItem | None = None
) -> ActionItem:
    """Record a recommendation as an action item; the owner agency's head is notified."""
    permissions.check_manage_meeting(by, meeting)
    if item is not None and item.meeting_id != meeting.pk:
        raise PermissionDenied
    action = ActionItem(meeting=meeting, item=item, owner_agency=owner_agency, text=text, due_on=due_on, created_by=by)
    action.full_clean()
    action.save()
    head_user_ids = Employee.objects.filter(headed_agency=owner_agency).values_list("user_id", flat=True)
    if head_user_ids:
        notify(
            user_ids=head_user_ids,
            kind=NotificationKind.ACTION,
            data={"title": text[:120], "agency": str(owner_agency), "due": due_on.isoformat(), "action_id": action.pk},
            url=reverse("forums:meeting_detail", args=[meeting.pk]) + f"#action-{action.pk}",
        )
    _changed(meeting, "actions")
    return action


@transaction.atomic
def set_action_status(*, action: ActionItem, by, status: str) -> ActionItem:
    permissions.check_update_action(by, action)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if action.status != status:
        action.status, action.updated_at = status, timezone.now()
        action.save(update_fields=["status", "updated_at"])
        _changed(action.meeting, "actions")
    return action


@transaction.atomic
def join_meeting(*, meeting: Meeting, user) -> Attendance:
    """A participant opened the meeting page (one more open socket). Everyone present is told only when the person
    was not present yet: another tab or a reconnection changes nobody's list, and with hundreds in a meeting each
    event is a refresh of the list on every screen."""
    permissions.check_view_meeting(user, meeting)
    attendance, created = Attendance.objects.get_or_create(meeting=meeting, user=user, defaults={"connections": 1})
    arrived = created
    if not created:
        arrived = Attendance.objects.filter(pk=attendance.pk, connections=0).update(
            connections=1, last_seen_at=timezone.now()
        )
        if not arrived:
            Attendance.objects.filter(pk=attendance.pk).update(
                connections=F("connections") + 1, last_seen_at=timezone.now()
            )
    if arrived:
        _presence_changed(meeting.pk)
    return attendance


@transaction.atomic
def leave_meeting(*, meeting_id: int, user) -> None:
    """A participant's socket closed; they stay listed while another of their sockets is open (and then nobody's
    list changes, so nobody is told)."""
    attendances = Attendance.objects.filter(meeting_id=meeting_id, user=user)
    left = attendances.filter(connections=1).update(connections=0, last_seen_at=timezone.now())
    if left:
        _presence_changed(meeting_id)
    else:
        attendances.filter(connections__gt=1).update(connections=F("connections") - 1, last_seen_at=timezone.now())
