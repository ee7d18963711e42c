"""Websocket consumers with channels' WebsocketCommunicator: who may connect, what each user receives."""

import datetime

import pytest
from asgiref.sync import sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from forums import services
from forums.models import Attendance
from forums.routing import websocket_urlpatterns

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


def as_user(user):
    """The URL router with `scope["user"]` set, as AuthMiddlewareStack would after reading the session."""
    router = URLRouter(websocket_urlpatterns)

    async def app(scope, receive, send):
        return await router({**scope, "user": user}, receive, send)

    return app


async def connect(user, path):
    communicator = WebsocketCommunicator(as_user(user), path)
    connected, _ = await communicator.connect()
    return communicator, connected


async def test_anonymous_users_are_refused_on_every_socket(topic, meeting):
    for path in (f"/ws/forums/t/{topic.pk}/", f"/ws/meetings/{meeting.pk}/", "/ws/notifications/"):
        communicator, connected = await connect(AnonymousUser(), path)
        assert not connected, path
        await communicator.disconnect()


async def test_a_user_without_forum_access_is_refused_on_a_topic(topic, db):
    from tests.factories import UserFactory

    roleless = await sync_to_async(UserFactory)(username="roleless")
    communicator, connected = await connect(roleless, f"/ws/forums/t/{topic.pk}/")
    assert not connected
    communicator, connected = await connect(roleless, "/ws/forums/t/999999/")
    assert not connected


async def test_a_hidden_topic_socket_is_for_moderators_only(topic, coordinator, outsider):
    await sync_to_async(services.set_topic_hidden)(topic=topic, by=coordinator, hidden=True)
    communicator, connected = await connect(outsider.user, f"/ws/forums/t/{topic.pk}/")
    assert not connected
    communicator, connected = await connect(coordinator, f"/ws/forums/t/{topic.pk}/")
    assert connected
    await communicator.disconnect()


async def test_hiding_a_topic_disconnects_readers_who_may_no_longer_see_it(topic, coordinator, outsider):
    reader, _ = await connect(outsider.user, f"/ws/forums/t/{topic.pk}/")
    moderator, _ = await connect(coordinator, f"/ws/forums/t/{topic.pk}/")
    await sync_to_async(services.set_topic_hidden)(topic=topic, by=coordinator, hidden=True)
    assert (await reader.receive_output(timeout=2))["type"] == "websocket.close"
    assert await moderator.receive_json_from(timeout=2) == {"event": "topic.changed"}
    await moderator.disconnect()


async def test_a_new_post_reaches_everyone_following_the_topic(topic, outsider, colleague):
    reader, connected = await connect(colleague.user, f"/ws/forums/t/{topic.pk}/")
    assert connected
    post = await sync_to_async(services.post_reply)(topic=topic, author=outsider.user, body="Live reply")
    created = await reader.receive_json_from(timeout=2)
    assert (created["event"], created["post"]) == ("post.created", post.pk)
    assert list(created["html"]) == ["en"] and "Live reply" in created["html"]["en"]  # see the next tests
    await sync_to_async(services.toggle_reaction)(post=post, user=colleague.user, kind="like")
    reacted = await reader.receive_json_from(timeout=2)
    # The counts travel with the event: pages update them without fetching the post again.
    assert (reacted["event"], reacted["post"]) == ("post.reacted", post.pk)
    assert reacted["counts"] == {"like": 1, "thanks": 0, "idea": 0}
    await sync_to_async(services.toggle_reaction)(post=post, user=outsider.user, kind="like")
    again = await reader.receive_json_from(timeout=2)
    assert again["counts"]["like"] == 2 and again["at"] > reacted["at"]
    await sync_to_async(services.toggle_reaction)(post=post, user=colleague.user, kind="like")  # taken back
    assert (await reader.receive_json_from(timeout=2))["counts"]["like"] == 1
    await sync_to_async(services.edit_post)(post=post, editor=outsider.user, body="Live reply, edited")
    assert await reader.receive_json_from(timeout=2) == {"event": "post.changed", "post": post.pk}
    await reader.disconnect()


async def test_a_new_post_s_html_goes_only_to_readers_without_controls_of_their_own_on_it(
    topic, outsider, colleague, employee, coordinator
):
    """Its author (edit), the topic's author (accept) and moderators (hide) get the bare event and fetch their own
    post; everyone else gets the post with the event (forums/live.py), and nobody the list of who is who."""
    path = f"/ws/forums/t/{topic.pk}/"
    reader, _ = await connect(colleague.user, path)
    own_view = [(await connect(user, path))[0] for user in (outsider.user, employee.user, coordinator)]
    post = await sync_to_async(services.post_reply)(topic=topic, author=outsider.user, body="Live reply")
    assert set(await reader.receive_json_from(timeout=2)) == {"event", "post", "html"}
    for socket in own_view:
        assert await socket.receive_json_from(timeout=2) == {"event": "post.created", "post": post.pk}
        await socket.disconnect()
    await reader.disconnect()


async def test_events_of_other_topics_are_not_delivered(topic, outsider, colleague, category, agency, employee):
    other = await sync_to_async(services.create_topic)(
        author=employee.user, category=category, title="Other", body="x", agency=agency
    )
    reader, _ = await connect(colleague.user, f"/ws/forums/t/{topic.pk}/")
    await sync_to_async(services.post_reply)(topic=other, author=outsider.user, body="elsewhere")
    assert await reader.receive_nothing(timeout=0.3)
    await reader.disconnect()


async def test_forwarding_an_event_makes_no_trip_to_the_thread_for_sync_code(topic, colleague, monkeypatch):
    """A post on a topic with 500 readers in one worker is forwarded 500 times; Channels' stock dispatch sent each
    through the process's single thread for sync code (to close stale database connections), one after the other,
    which made up most of the delay to the last reader (bench/fanout.py: broadcast p95 265 -> 105 ms)."""
    from asgiref.sync import SyncToAsync
    from channels.layers import get_channel_layer

    from forums.realtime import topic_group

    reader, _ = await connect(colleague.user, f"/ws/forums/t/{topic.pk}/")
    trips = []
    stock_call = SyncToAsync.__call__

    async def counted_call(self, *args, **kwargs):
        trips.append(self.func)
        return await stock_call(self, *args, **kwargs)

    monkeypatch.setattr(SyncToAsync, "__call__", counted_call)
    await get_channel_layer().group_send(
        topic_group(topic.pk), {"type": "live.event", "event": "post.created", "post": 7}
    )
    assert await reader.receive_json_from(timeout=2) == {"event": "post.created", "post": 7}
    assert trips == []
    monkeypatch.undo()
    await reader.disconnect()


async def test_a_rolled_back_reply_broadcasts_nothing(topic, outsider, colleague):
    from django.db import transaction

    reader, _ = await connect(colleague.user, f"/ws/forums/t/{topic.pk}/")

    def reply_then_fail():
        with transaction.atomic():
            services.post_reply(topic=topic, author=outsider.user, body="never")
            raise RuntimeError("rollback")

    with pytest.raises(RuntimeError):
        await sync_to_async(reply_then_fail)()
    assert await reader.receive_nothing(timeout=0.3)
    await reader.disconnect()


async def test_meeting_sockets_are_for_invited_agencies_and_coordinators_in_scope(meeting, employee, coordinator, db):
    from tests.factories import EmployeeFactory

    stranger = await sync_to_async(EmployeeFactory)()
    communicator, connected = await connect(stranger.user, f"/ws/meetings/{meeting.pk}/")
    assert not connected
    for user in (employee.user, coordinator):
        communicator, connected = await connect(user, f"/ws/meetings/{meeting.pk}/")
        assert connected
        await communicator.disconnect()


async def test_presence_current_item_and_notes_reach_participants(meeting, employee, outsider, coordinator):
    participant, _ = await connect(employee.user, f"/ws/meetings/{meeting.pk}/")
    assert (await participant.receive_json_from(timeout=2))["what"] == "presence"
    second, _ = await connect(outsider.user, f"/ws/meetings/{meeting.pk}/")
    assert (await participant.receive_json_from(timeout=2))["what"] == "presence"
    assert await sync_to_async(Attendance.objects.filter(meeting=meeting, connections=1).count)() == 2

    item = await sync_to_async(meeting.items.first)()
    await sync_to_async(services.set_current_item)(meeting=meeting, item=item, by=coordinator)
    assert await participant.receive_json_from(timeout=2) == {"event": "meeting.changed", "what": "current"}
    await sync_to_async(services.add_note)(meeting=meeting, by=coordinator, text="Noted")
    assert await participant.receive_json_from(timeout=2) == {"event": "meeting.changed", "what": "notes"}

    await second.disconnect()
    assert (await participant.receive_json_from(timeout=2))["what"] == "presence"
    left = await sync_to_async(Attendance.objects.get)(meeting=meeting, user=outsider.user)
    assert left.connections == 0
    await participant.disconnect()


async def test_a_second_tab_and_its_closing_change_nobody_s_presence_list_so_nobody_is_told(
    meeting, employee, outsider
):
    participant, _ = await connect(employee.user, f"/ws/meetings/{meeting.pk}/")
    assert (await participant.receive_json_from(timeout=2))["what"] == "presence"
    first_tab, _ = await connect(outsider.user, f"/ws/meetings/{meeting.pk}/")
    assert (await participant.receive_json_from(timeout=2))["what"] == "presence"

    second_tab, _ = await connect(outsider.user, f"/ws/meetings/{meeting.pk}/")
    await second_tab.disconnect()
    assert await participant.receive_nothing(timeout=0.5)
    assert (await sync_to_async(Attendance.objects.get)(meeting=meeting, user=outsider.user)).connections == 1

    await first_tab.disconnect()  # the last one: the outsider leaves the list
    assert (await participant.receive_json_from(timeout=2))["what"] == "presence"
    assert (await sync_to_async(Attendance.objects.get)(meeting=meeting, user=outsider.user)).connections == 0
    await participant.disconnect()


async def test_notifications_reach_only_their_user(topic, outsider, colleague, employee):
    mine, _ = await connect(colleague.user, "/ws/notifications/")
    theirs, _ = await connect(outsider.user, "/ws/notifications/")
    await sync_to_async(services.post_reply)(topic=topic, author=employee.user, body="@colleague look")
    told = await mine.receive_json_from(timeout=2)
    assert (told["event"], told["part"]) == ("notification.created", "notification-badge")
    assert ">1<" in told["html"]["en"]  # their own count (tests/forums/test_live_badges.py)
    assert await theirs.receive_nothing(timeout=0.3)
    await mine.disconnect()
    await theirs.disconnect()


async def test_the_real_stack_authenticates_with_the_session_cookie_and_checks_the_origin(topic, outsider):
    from config.asgi import application

    def session_cookie():
        client = Client()
        client.force_login(outsider.user)
        return client.cookies["sessionid"].value

    cookie = await sync_to_async(session_cookie)()
    headers = [(b"cookie", f"sessionid={cookie}".encode()), (b"origin", b"http://127.0.0.1")]
    communicator = WebsocketCommunicator(application, f"/ws/forums/t/{topic.pk}/", headers=headers)
    connected, _ = await communicator.connect()
    assert connected
    await communicator.disconnect()

    without_session = WebsocketCommunicator(application, f"/ws/forums/t/{topic.pk}/", headers=headers[1:])
    assert not (await without_session.connect())[0]
    foreign = WebsocketCommunicator(
        application, f"/ws/forums/t/{topic.pk}/", headers=[headers[0], (b"origin", b"https://evil.example")]
    )
    assert not (await foreign.connect())[0]


async def test_an_action_item_updates_the_meeting_live(meeting, employee, coordinator, agency):
    participant, _ = await connect(employee.user, f"/ws/meetings/{meeting.pk}/")
    await participant.receive_json_from(timeout=2)  # own presence
    await sync_to_async(services.add_action_item)(
        meeting=meeting, by=coordinator, owner_agency=agency, text="SOP", due_on=datetime.date(2026, 9, 1)
    )
    assert await participant.receive_json_from(timeout=2) == {"event": "meeting.changed", "what": "actions"}
    await participant.disconnect()


async def test_html_comes_in_the_language_the_page_was_chosen_in_only(topic, outsider, colleague, settings):
    """The event carries a new post in every language; each socket forwards its page's own, by the same rule as the
    pages (the language switch's cookie, else Indonesian: common.languages)."""
    from config.asgi import application

    settings.LANGUAGE_CODE = "id"  # as deployed (the suite's default is English)

    def session_cookie():
        client = Client()
        client.force_login(colleague.user)
        return client.cookies["sessionid"].value

    cookie = await sync_to_async(session_cookie)()
    readers = {}
    for language, extra in (("en", "; django_language=en"), ("id", ""), ("id", "; django_language=xx")):
        headers = [(b"cookie", f"sessionid={cookie}{extra}".encode()), (b"origin", b"http://127.0.0.1")]
        communicator = WebsocketCommunicator(application, f"/ws/forums/t/{topic.pk}/", headers=headers)
        assert (await communicator.connect())[0]
        readers[communicator] = language
    await sync_to_async(services.post_reply)(topic=topic, author=outsider.user, body="Live reply")
    for communicator, language in readers.items():
        event = await communicator.receive_json_from(timeout=2)
        assert list(event["html"]) == [language]
        await communicator.disconnect()
