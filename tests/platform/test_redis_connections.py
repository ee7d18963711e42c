"""How many Redis connections a process holds: as many as it uses at once, not one per open websocket."""

import pytest
import redis
from asgiref.sync import sync_to_async
from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from forums.routing import websocket_urlpatterns

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


def connections_to(server) -> int:
    """Redis's own count of its clients, less the one asking."""
    with redis.Redis.from_url(server.url) as probe:
        return len(probe.client_list()) - 1


async def open_notification_sockets(count: int, session_cookie: str) -> list:
    """`count` sockets of one signed-in person, each read its session from Redis as a browser's would."""
    application = AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
    sockets = []
    for _ in range(count):
        socket = WebsocketCommunicator(
            application,
            "/ws/notifications/",
            headers=[(b"cookie", f"{settings.SESSION_COOKIE_NAME}={session_cookie}".encode())],
        )
        connected, _ = await socket.connect()
        assert connected
        sockets.append(socket)
    return sockets


async def test_open_websockets_do_not_each_hold_a_redis_connection(private_redis, employee):
    browser = Client()
    await sync_to_async(browser.force_login)(employee.user)
    cookie = browser.cookies[settings.SESSION_COOKIE_NAME].value

    first = await open_notification_sockets(2, cookie)
    with_two = await sync_to_async(connections_to)(private_redis)
    more = await open_notification_sockets(10, cookie)
    with_twelve = await sync_to_async(connections_to)(private_redis)
    for socket in first + more:
        await socket.disconnect()

    # Each socket read the session (the cache) and joined its group (the channel layer); the connections stay those
    # of the cache's pool and the layer's, whatever the number of sockets.
    assert with_twelve == with_two, (with_two, with_twelve)
