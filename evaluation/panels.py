"""What this app shows on lower apps' pages, through common.panels (forums never imports it)."""

from django.utils import timezone

from agencies.access import agencies_coordinated_by
from common.panels import register_panel

from . import permissions, selectors

AGENDA_SLOT = "forums.agenda_item"
BOARD_SLOT = "reports.compliance"
HOME_SLOT = "home"
INBOX_SLOT = "inbox"
INBOX_ROWS = 10  # of each list, soonest due first; "My IKU data" has them all


def agenda_item_context(request, item):
    """On an evaluation meeting's agenda item: the obstacles the agency's team escalated, with their history. One
    load per meeting page, kept on the request for the other items."""
    cache = getattr(request, "_evaluation_escalations", None)
    if cache is None or cache[0] != item.meeting_id:
        cache = (item.meeting_id, selectors.escalated_to_meeting(meeting_id=item.meeting_id))
        request._evaluation_escalations = cache
    obstacles = cache[1].get(item.pk)
    return {"obstacles": obstacles, "item": item} if obstacles else None


def board_context(request, period):
    """On the coordinator's board of a period: each coordinated agency's data-quality score and its open actions,
    with links down to the agency's calendar and reviews, and its staff's participation in the target comments."""
    if not permissions.can_open_calendar(request.user):
        return None
    agencies = agencies_coordinated_by(request.user)
    scores = selectors.data_quality(
        agencies=agencies, starts_on=period.starts_on, ends_on=period.ends_on, today=timezone.localdate()
    )
    actions = selectors.open_action_counts(agencies=agencies)
    trend = selectors.data_quality_trend(agencies=agencies, year=period.year, today=timezone.localdate())
    # Targets are discussed the year before they apply: the board of a year shows that year's and the next one's.
    participation = selectors.participation(agencies=agencies, years=(period.year, period.year + 1))
    return {
        "period": period,
        "rows": [(score, actions.get(score.agency_id, {}), trend.get(score.agency_id, [])) for score in scores],
        "participation": participation,
    }


def home_context(request, _obj):
    """On the home page: the person's IKU figures to enter and to verify, and the agencies whose team they sit on
    or head, with their calendar and reviews (nothing for anyone else)."""
    summary = selectors.home_summary(user=request.user)
    return {"summary": summary} if summary else None


def calendar_reminder_context(request, _obj):
    """On a coordinator's home: the year whose data calendar still waits to be opened for some of their agencies
    (this year's, or from October the next one's), with how many."""
    if not permissions.can_open_calendar(request.user):
        return None
    found = selectors.calendar_year_to_remind(
        agencies=agencies_coordinated_by(request.user), today=timezone.localdate()
    )
    return {"year": found[0], "agencies": found[1]} if found else None


def inbox_context(request, _obj):
    """In the inbox: the IKU figures the person is to enter (as PIC) and to verify, soonest due first."""
    to_enter = list(selectors.entries_to_enter(user=request.user)[: INBOX_ROWS + 1])
    to_verify = list(selectors.entries_to_verify(user=request.user)[: INBOX_ROWS + 1])
    if not (to_enter or to_verify):
        return None
    return {
        "to_enter": to_enter[:INBOX_ROWS],
        "to_verify": to_verify[:INBOX_ROWS],
        "more": len(to_enter) > INBOX_ROWS or len(to_verify) > INBOX_ROWS,
    }


def register() -> None:
    register_panel(AGENDA_SLOT, template="evaluation/_forum_panel.html", context=agenda_item_context)
    register_panel(BOARD_SLOT, template="evaluation/_board_panel.html", context=board_context)
    register_panel(HOME_SLOT, template="evaluation/_home_panel.html", context=home_context)
    register_panel(HOME_SLOT, template="evaluation/_calendar_reminder.html", context=calendar_reminder_context)
    register_panel(
        INBOX_SLOT,
        template="evaluation/_inbox_panel.html",
        context=inbox_context,
        items=selectors.entries_waiting_for,
    )
