"""Reads for evaluation meetings: the agenda built from data, presence, notes and action items."""

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from agencies.models import Agency, Period, PeriodKind
from agencies.roles import roles_for

from .. import permissions
from ..models import ActionItem, ActionStatus, AgendaItem, Attendance, Meeting, MeetingNote
from ..workflow_adapter import plan_progress
from .figures import agency_iku_figures

__all__ = [
    "list_meetings",
    "get_meeting_for_user",
    "list_agenda",
    "agenda_figures",
    "plan_period",
    "carried_over_actions",
    "list_actions",
    "list_notes",
    "list_present",
    "open_actions_for_agency",
    "open_actions_for_user",
    "get_action_for_user",
    "invitable_agencies",
]


def list_meetings(*, user) -> QuerySet:
    """Meetings the user may see: all for admins, a coordinator's scope, or those inviting the user's agency."""
    roles = roles_for(user)
    meetings = Meeting.objects.select_related("period", "series").prefetch_related("agencies")
    if roles.is_administrator:
        return meetings
    condition = Q(pk__in=[])
    if roles.is_coordinator:
        scope = roles.coordinated_agency_ids()
        if scope is None:
            return meetings
        condition |= Q(agencies__in=scope)
    if roles.employee:
        condition |= Q(agencies=roles.employee.agency_id)
    return meetings.filter(pk__in=Meeting.objects.filter(condition).values("pk"))


def get_meeting_for_user(*, user, meeting_id: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("period", "series", "organiser", "current_item__agency").prefetch_related(
            "agencies", Prefetch("items", queryset=AgendaItem.objects.select_related("agency"))
        ),
        pk=meeting_id,
    )
    permissions.check_view_meeting(user, meeting)
    return meeting


def list_agenda(*, meeting: Meeting, live: bool = True) -> list[AgendaItem]:
    """Agenda items with figures: the snapshot taken when the agenda was built, and (when `live`) today's
    recomputation, so a late realisation shows up and the difference is visible."""
    items = list(meeting.items.all())
    if live and items:
        figures = agenda_figures(period=meeting.period, agency_ids=[item.agency_id for item in items])
        for item in items:
            item.live = figures[item.agency_id]
            item.changed_since_build = item.live["iku"] != item.snapshot.get("iku")
    return items


def agenda_figures(*, period: Period, agency_ids) -> dict:
    """`{agency_id: {"iku": [...], "plans": {...} | None}}`, JSON-ready, from IKU realisations and plan data."""
    iku = agency_iku_figures(agency_ids=agency_ids, period=period)
    plans = plan_progress(period=plan_period(period), agency_ids=agency_ids)
    return {agency_id: {"iku": iku.get(agency_id, []), "plans": plans.get(agency_id)} for agency_id in agency_ids}


def plan_period(period: Period) -> Period:
    """Plans (SKP) are yearly: a quarterly or monthly meeting shows the plans of the annual period around it."""
    if period.kind == PeriodKind.ANNUAL:
        return period
    annual = Period.objects.filter(
        kind=PeriodKind.ANNUAL, starts_on__lte=period.starts_on, ends_on__gte=period.starts_on
    ).first()
    return annual or period


def carried_over_actions(*, meeting: Meeting) -> QuerySet:
    """Open action items from earlier meetings of the same series: reviewed at the next meeting."""
    if meeting.series_id is None:
        return ActionItem.objects.none()
    return (
        ActionItem.objects.filter(meeting__series_id=meeting.series_id, meeting__starts_at__lt=meeting.starts_at)
        .exclude(status=ActionStatus.DONE)
        .select_related("owner_agency", "meeting")
    )


def list_actions(*, meeting: Meeting) -> QuerySet:
    return meeting.actions.select_related("owner_agency", "item__agency")


def list_notes(*, meeting: Meeting) -> QuerySet:
    return MeetingNote.objects.filter(meeting=meeting).select_related("author__employee", "item__agency")


def list_present(*, meeting_id: int) -> QuerySet:
    return (
        Attendance.objects.filter(meeting_id=meeting_id, connections__gt=0)
        .select_related("user__employee__agency")
        .order_by("first_seen_at")
    )


def open_actions_for_agency(*, agency_id: int) -> QuerySet:
    """Open and in-progress action items owned by an agency (for its overview), overdue first."""
    return (
        ActionItem.objects.filter(owner_agency_id=agency_id)
        .exclude(status=ActionStatus.DONE)
        .select_related("meeting")
        .order_by("due_on", "pk")
    )


def open_actions_for_user(*, user) -> QuerySet:
    roles = roles_for(user)
    if not roles.employee:
        return ActionItem.objects.none()
    return open_actions_for_agency(agency_id=roles.employee.agency_id)


def get_action_for_user(*, user, action_id: int) -> ActionItem:
    action = get_object_or_404(ActionItem.objects.select_related("meeting", "owner_agency"), pk=action_id)
    permissions.check_update_action(user, action)
    return action


def invitable_agencies(*, user) -> QuerySet:
    roles = roles_for(user)
    scope = None if roles.is_administrator else roles.coordinated_agency_ids()
    return Agency.objects.all() if scope is None else Agency.objects.filter(pk__in=scope)
