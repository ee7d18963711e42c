"""Group names and broadcast helpers for the live pages.

Broadcasts carry small "changed" events (ids only); each client fetches its own permission-aware HTML. The
exceptions are what many pages would otherwise all fetch at once: a reaction's event carries the post's counts,
which every reader of the topic may see, and a new post, a meeting's presence list and a person's badge travel as
HTML (forums/live.py). They are sent after the surrounding transaction commits, so nobody is told
about data that was rolled back.
"""

from collections.abc import Callable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def topic_group(topic_id: int) -> str:
    return f"forums.topic.{topic_id}"


def meeting_group(meeting_id: int) -> str:
    return f"forums.meeting.{meeting_id}"


def user_group(user_id: int) -> str:
    return f"forums.user.{user_id}"


def send_now(group: str, event_type: str, **data) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, {"type": "live.event", "event": event_type, **data})


def broadcast_on_commit(group: str, event_type: str, **data) -> None:
    """Send `{"event": event_type, **data}` to every socket in `group` once the current transaction commits.

    Robust: the write is saved whatever happens to the broadcast, so a channel layer that is down (Redis) is logged
    and never answers the saved write with a 500 (which would invite a second post). Sockets that missed the event
    are told to fetch their pages again when the layer is back (common/layers.py, static/js/live.js).
    """
    transaction.on_commit(lambda: send_now(group, event_type, **data), robust=True)


def broadcast_each_after_commit(event_type: str, read: Callable[[], dict[str, dict]]) -> None:
    """As `broadcast_read_after_commit`, for several groups at once: `read()` gives each group its event's data."""

    def send_each():
        for group, data in read().items():
            send_now(group, event_type, **data)

    transaction.on_commit(send_each, robust=True)


def broadcast_read_after_commit(group: str, event_type: str, read: Callable[[], dict]) -> None:
    """As `broadcast_on_commit`, with the event's data read once the transaction has committed (`read()`), so that
    it includes every write committed before, its own and others' (e.g. a post's reaction counts)."""
    transaction.on_commit(lambda: send_now(group, event_type, **read()), robust=True)
