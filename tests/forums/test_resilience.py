"""Live updates when Redis falters: a saved reply never answers 500, and open sockets are told to resync."""

import asyncio
import shutil

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.urls import reverse

from forums import realtime, services
from forums.routing import websocket_urlpatterns
from tests.resilience_helpers import PrivateRedis, free_port, redis_settings


def test_a_reply_is_saved_once_and_answered_normally_when_the_channel_layer_is_down(
    settings, client_for, topic, outsider, django_capture_on_commit_callbacks
):
    settings.CHANNEL_LAYERS = redis_settings(f"redis://127.0.0.1:{free_port()}/0")["CHANNEL_LAYERS"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(outsider).post(
            reverse("forums:reply_create", args=[topic.pk]), {"body": "Kami adopsi di Dinkes."}
        )
    assert callbacks, "the broadcast was scheduled after the commit"
    assert response.status_code in (200, 302)
    assert topic.posts.filter(body="Kami adopsi di Dinkes.").count() == 1


@pytest.fixture
def private_redis(settings):
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server")
    redis = PrivateRedis()
    redis.start()
    settings.CHANNEL_LAYERS = redis_settings(redis.url)["CHANNEL_LAYERS"]
    yield redis
    redis.stop()


def as_user(user):
    router = URLRouter(websocket_urlpatterns)

    async def app(scope, receive, send):
        return await router({**scope, "user": user}, receive, send)

    return app


async def receive_event(communicator, timeout=10):
    return (await communicator.receive_json_from(timeout=timeout))["event"]


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_an_open_socket_hears_that_redis_went_away_and_that_it_is_back(private_redis, topic, outsider):
    communicator = WebsocketCommunicator(as_user(outsider.user), f"/ws/forums/t/{topic.pk}/")
    connected, _ = await communicator.connect()
    assert connected
    layer = get_channel_layer()
    group = realtime.topic_group(topic.pk)
    await layer.group_send(group, {"type": "live.event", "event": "post.created", "post": 1})
    assert await receive_event(communicator) == "post.created"

    private_redis.stop()
    assert await receive_event(communicator) == "live.offline"
    # A reply posted meanwhile is saved; its broadcast cannot reach anyone.
    await sync_to_async(services.post_reply)(topic=topic, author=outsider.user, body="Selama Redis mati")

    private_redis.start()
    assert await receive_event(communicator) == "live.resync"  # the page fetches its regions again
    await asyncio.sleep(0.2)  # the subscription is restored with the connection
    await layer.group_send(group, {"type": "live.event", "event": "post.created", "post": 2})
    assert await receive_event(communicator) == "post.created"
    await communicator.disconnect()


def test_a_rate_limited_reply_still_saves_while_the_cache_is_down(settings, client_for, topic, outsider):
    for name, value in redis_settings(f"redis://127.0.0.1:{free_port()}/0").items():
        setattr(settings, name, value)
    settings.KINERJA_RATE_LIMITS = {**settings.KINERJA_RATE_LIMITS, "forum_post": (20, 60)}
    client = client_for(outsider)
    response = client.post(reverse("forums:reply_create", args=[topic.pk]), {"body": "Tanpa Redis"})
    assert response.status_code in (200, 302)
    assert topic.posts.filter(body="Tanpa Redis").count() == 1
