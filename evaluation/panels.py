"""What this app shows on lower apps' pages, through common.panels (forums never imports it)."""

from common.panels import register_panel

from . import selectors

AGENDA_SLOT = "forums.agenda_item"


def agenda_item_context(request, item):
    """On an evaluation meeting's agenda item: the obstacles the agency's team escalated, with their history. One
    load per meeting page, kept on the request for the other items."""
    cache = getattr(request, "_evaluation_escalations", None)
    if cache is None or cache[0] != item.meeting_id:
        cache = (item.meeting_id, selectors.escalated_to_meeting(meeting_id=item.meeting_id))
        request._evaluation_escalations = cache
    obstacles = cache[1].get(item.pk)
    return {"obstacles": obstacles, "item": item} if obstacles else None


def register() -> None:
    register_panel(AGENDA_SLOT, template="evaluation/_forum_panel.html", context=agenda_item_context)
