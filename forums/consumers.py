"""Websocket consumers: thin routers. Auth and permission in connect (the same checks as the pages), then
every small "changed" event of the joined group is forwarded as JSON; pages fetch their own HTML, except a new
post's, which most readers get with the event (`TopicConsumer`)."""

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import PermissionDenied
from django.http import Http404

from common.languages import chosen_language

from . import permissions, realtime, selectors, services


def _allowed(selector, **kwargs):
    try:
        return selector(**kwargs)
    except (Http404, PermissionDenied):
        return None


class LiveConsumer(AsyncJsonWebsocketConsumer):
    """Base: reject anonymous users and users without access; forward `live.event` messages."""

    group: str | None = None
    language: str = ""

    # The channel-layer messages that are only forwarded to the socket (see `dispatch`).
    forwarded_types = frozenset({"live.event", "live.status"})

    async def dispatch(self, message):
        """Forward live events without Channels' closing of stale database connections first.

        Channels runs `close_old_connections` before every handler, through the process's one thread for sync
        code: for one post on a topic with 500 readers in a worker, 500 trips through that single thread, one after
        the other, which made up most of the fan-out's delay to the last reader. Forwarding touches no database; a
        handler that does (re-checking access on `topic.changed`) goes through `database_sync_to_async`, which
        closes stale connections itself. Connect, receive and disconnect keep the stock path.
        """
        if message["type"] in self.forwarded_types:
            await getattr(self, get_handler_name(message))(message)
        else:
            await super().dispatch(message)

    async def authorise(self, user) -> str | None:
        """Return the group to join, or None to refuse the connection."""
        raise NotImplementedError

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close()
            return
        self.language = chosen_language(self.scope.get("cookies", {}))  # the page's own, as the page chose it
        self.group = await self.authorise(user)
        if self.group is None:
            await self.close()
            return
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.joined(user)

    async def joined(self, user) -> None:
        """Hook for consumers that record presence."""

    async def disconnect(self, code):
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def live_event(self, event):
        data = {key: value for key, value in event.items() if key != "type"}
        html = data.get("html")
        if html and self.language in html:
            # An event that carries HTML carries it in every language: the page shows its own (half the bytes).
            data["html"] = {self.language: html[self.language]}
        await self.send_json(data)

    async def live_status(self, event):
        """The channel layer lost Redis ("offline": live updates paused) or has it back ("resync": whatever was
        published meanwhile is lost, so the page fetches its regions again); see common/layers.py."""
        await self.send_json({"event": f"live.{event['status']}"})

    async def receive_json(self, content, **kwargs):
        """Clients only listen; anything they send is ignored (writes go through the HTTP forms)."""


def _topic_for_reader(*, user, topic_id: int):
    """(topic, whether the user moderates) when the user may read the topic, else (None, False)."""
    topic = _allowed(selectors.get_topic_for_user, user=user, topic_id=topic_id)
    return topic, topic is not None and permissions.is_moderator(user)


class TopicConsumer(LiveConsumer):
    """New posts, edits, reactions and moderation changes of one topic. When a moderator hides the topic,
    readers who may no longer see it are disconnected.

    A new post's event carries its HTML as any reader sees it (forums/live.py); readers with controls of their own
    on it (its author, the topic's author, moderators) get the event without it and fetch their own."""

    moderates = False

    async def authorise(self, user):
        topic_id = self.scope["url_route"]["kwargs"]["topic_id"]
        topic, self.moderates = await database_sync_to_async(_topic_for_reader)(user=user, topic_id=topic_id)
        return realtime.topic_group(topic.pk) if topic else None

    async def live_event(self, event):
        if event.get("event") == "topic.changed" and await self.authorise(self.scope["user"]) is None:
            await self.close(code=4403)
            return
        if "own_view" in event:
            event = dict(event)  # the same message object may go to every socket of this process
            readers_of_their_own = event.pop("own_view")
            if self.moderates or self.scope["user"].pk in readers_of_their_own:
                event.pop("html", None)
        await super().live_event(event)


class MeetingConsumer(LiveConsumer):
    """Current item, presence, notes and action items of one meeting; the connection itself counts as presence."""

    meeting = None

    async def authorise(self, user):
        meeting_id = self.scope["url_route"]["kwargs"]["meeting_id"]
        self.meeting = await database_sync_to_async(_allowed)(
            selectors.get_meeting_for_user, user=user, meeting_id=meeting_id
        )
        return realtime.meeting_group(self.meeting.pk) if self.meeting else None

    async def joined(self, user):
        await database_sync_to_async(services.join_meeting)(meeting=self.meeting, user=user)

    async def disconnect(self, code):
        await super().disconnect(code)
        if self.meeting is not None:
            await database_sync_to_async(services.leave_meeting)(meeting_id=self.meeting.pk, user=self.scope["user"])


class NotificationConsumer(LiveConsumer):
    """The signed-in user's own notification stream (unread badge)."""

    async def authorise(self, user):
        return realtime.user_group(user.pk)
