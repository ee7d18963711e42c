"""The HTML that travels with a live event, rendered once in each language (the socket forwards its page's own):
a new post as any reader sees it, a meeting's presence list, a person's notification badge.

Events are otherwise small ("post.changed", an id) and each page fetches its own permission-aware HTML. These are
the exceptions that matter, each sent to many open pages at once. A new post in a live discussion above all: every
open page used to fetch it (8–12 ms of the servers' time each, plus a write of the reader's read marker), so one
reply on a topic that 1,000 people follow cost some 10 s of CPU, and on two cores the last reader saw it seconds
after the event. The post looks the same to every reader but a few (`permissions.readers_with_controls_of_their_own`,
and moderators): the consumer gives the rendering to the others and leaves these few to fetch their own
(`consumers.TopicConsumer`).

The rendering holds no one's CSRF token: its forms carry CSRF_PLACEHOLDER, which the page replaces with its own
token (static/js/live.js); a page that does not would only see its form refused.
"""

import time

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from . import permissions, selectors

CSRF_PLACEHOLDER = "live-csrf-token"


def new_post_event(*, post_id: int) -> dict:
    """The `post.created` event's data: the post's id, its HTML per language code (`html`) and who must fetch
    their own (`own_view`, user ids). Only the id when the post is gone (deleted before the commit's callback)."""
    post = selectors.post_for_any_reader(post_id=post_id)
    if post is None:
        return {"post": post_id}
    context = {
        "post": post,
        "topic": post.topic,
        "can_accept": False,
        "is_moderator": False,
        "last_read_id": post.pk,  # a post shown live is read, as when the page fetched it
        "csrf_token": CSRF_PLACEHOLDER,
    }
    own_view = sorted(permissions.readers_with_controls_of_their_own(post))
    return {"post": post.pk, "html": _in_every_language("forums/topic_detail.html#post", context), "own_view": own_view}


def presence_event(*, meeting_id: int) -> dict:
    """A meeting's `meeting.changed` event when someone arrived or left: the list of who is present, which every
    participant sees alike (names and agencies, no controls), as the page's `#presence` part (`part`, `html` per
    language) and when it was read (`at`, ns; a page ignores a list older than the one it shows). Before, each
    arrival made every open meeting page fetch its whole live panel: with a few hundred people joining at the start,
    a few hundred times a few hundred panels."""
    read_at = time.time_ns()
    context = {"present": list(selectors.list_present(meeting_id=meeting_id))}
    html = _in_every_language("forums/meeting_detail.html#presence", context)
    return {"what": "presence", "part": "presence", "html": html, "at": read_at}


def badge_events(*, user_ids) -> dict[int, dict]:
    """Each user's `notification.created` event data: their header badge as the page's `#notification-badge` part
    (`html` per language) and when it was read (`at`, ns). Before, every open page of each person told fetched its
    badge: a reply on a topic with a hundred subscribers meant a hundred requests, a hundred times a few open tabs.
    One grouped count; one rendering per distinct count."""
    read_at = time.time_ns()
    counts = selectors.unread_counts(user_ids=user_ids)
    badges = {
        unread: _in_every_language("forums/notification_list.html#badge", {"unread": unread})
        for unread in set(counts.values())
    }
    return {
        user_id: {"part": "notification-badge", "html": badges[unread], "at": read_at}
        for user_id, unread in counts.items()
    }


def _in_every_language(template: str, context: dict) -> dict[str, str]:
    html = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            html[code] = render_to_string(template, context).strip()
    return html
