"""Live updates across server processes: two daphne servers share Redis (and one SQLite file); a reply posted
through one server reaches a websocket client on the other. An idle socket must survive past redis-py 8's 5 s
socket timeout, which drops idle consumers of channels_redis's RedisChannelLayer (hence the pub/sub layer in
config/settings.py)."""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import Cookie, CookieJar
from pathlib import Path

import pytest

pytestmark = pytest.mark.redis

ROOT = Path(__file__).resolve().parents[2]
REDIS_DB = 11

SETUP = """
import json
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from agencies.models import Agency, Employee
from django.contrib.auth import get_user_model
from forums import services
from forums.models import Category

User = get_user_model()
dukcapil = Agency.objects.create(code="DUKCAPIL", name="Dinas Kependudukan", short_name="Dukcapil")
dinkes = Agency.objects.create(code="DINKES", name="Dinas Kesehatan", short_name="Dinkes")
people = {}
for username, agency, nip in (("andi", dukcapil, "198504122010031001"), ("rudi", dinkes, "198504122010031002")):
    user = User.objects.create_user(username=username, password="x")
    Employee.objects.create(user=user, nip=nip, name=username.title(), position_title="Analis", agency=agency)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "agencies.auth.KinerjaModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    people[username] = session.session_key
category = Category.objects.create(name="Adminduk", slug="adminduk")
topic = services.create_topic(author=User.objects.get(username="andi"), category=category, title="Jemput bola",
                              body="We go to the villages.", agency=dukcapil)
print(json.dumps({"sessions": people, "topic": topic.pk}))
"""


def _redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on {port} exited: {process.stderr.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"server on {port} did not start")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Two daphne processes on free loopback ports, one SQLite file, one Redis database; stopped afterwards."""
    if not _redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()
    database = tmp_path_factory.mktemp("live") / "live.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "DJANGO_DEBUG": "1",
        "DJANGO_MEDIA_ROOT": str(database.parent / "media"),
    }
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    setup = subprocess.run(
        [python, "manage.py", "shell", "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True
    )
    data = json.loads(setup.stdout.decode().strip().splitlines()[-1])
    ports, processes = [_free_port(), _free_port()], []
    daphne = str(Path(python).with_name("daphne"))
    try:
        for port in ports:
            processes.append(
                subprocess.Popen(
                    [daphne, "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )  # fmt: skip
            )
        for port, process in zip(ports, processes, strict=True):
            _wait_for_port(port, process)
        yield {"ports": ports, **data}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _post_reply(port: int, session_key: str, topic_id: int, body: str) -> int:
    """Post a reply through the HTML form of the server on `port`, as a browser would (session + CSRF)."""
    jar = CookieJar()
    jar.set_cookie(
        Cookie(
            0,
            "sessionid",
            session_key,
            None,
            False,
            "127.0.0.1",
            False,
            False,
            "/",
            True,
            False,
            None,
            False,
            None,
            None,
            {},
        )  # fmt: skip
    )
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    opener.open(f"{base}/forums/t/{topic_id}/").read()
    token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    request = urllib.request.Request(
        f"{base}/forums/t/{topic_id}/reply/",
        data=urllib.parse.urlencode({"body": body, "csrfmiddlewaretoken": token}).encode(),
        headers={"Referer": f"{base}/forums/t/{topic_id}/"},
    )
    with opener.open(request) as response:
        return response.status


async def _open(port: int, session_key: str, path: str):
    from websockets.asyncio.client import connect

    return await connect(
        f"ws://127.0.0.1:{port}{path}",
        additional_headers={"Cookie": f"sessionid={session_key}"},
        origin=f"http://127.0.0.1:{port}",
    )


async def _next_event(websocket, timeout: float = 10) -> dict:
    return json.loads(await asyncio.wait_for(websocket.recv(), timeout))


def test_a_reply_posted_through_one_server_reaches_a_client_on_the_other(cluster):
    first, second = cluster["ports"]
    andi, rudi = cluster["sessions"]["andi"], cluster["sessions"]["rudi"]
    path = f"/ws/forums/t/{cluster['topic']}/"

    async def scenario():
        on_first = await _open(first, andi, path)
        on_second = await _open(second, rudi, path)
        status = await asyncio.to_thread(_post_reply, first, rudi, cluster["topic"], "Dinkes will try this")
        assert status == 200  # the redirect to the topic page was followed
        received_second = await _next_event(on_second)
        received_first = await _next_event(on_first)
        await on_first.close()
        await on_second.close()
        return received_first, received_second

    received_first, received_second = asyncio.run(scenario())
    assert received_second["event"] == "post.created" and received_second["post"] > 0
    assert received_first == received_second


def test_the_mentioned_users_badge_updates_on_the_other_server(cluster):
    first, second = cluster["ports"]
    andi, rudi = cluster["sessions"]["andi"], cluster["sessions"]["rudi"]

    async def scenario():
        stream = await _open(second, andi, "/ws/notifications/")
        await asyncio.to_thread(_post_reply, first, rudi, cluster["topic"], "@andi thank you")
        event = await _next_event(stream)
        await stream.close()
        return event

    event = asyncio.run(scenario())
    # The event carries Andi's badge, in the page's language only (Indonesian: no language cookie).
    assert (event["event"], event["part"], list(event["html"])) == (
        "notification.created",
        "notification-badge",
        ["id"],
    )
    assert 'id="notification-badge"' in event["html"]["id"]


def test_an_idle_socket_survives_longer_than_redis_socket_timeout(cluster):
    first, second = cluster["ports"]
    andi, rudi = cluster["sessions"]["andi"], cluster["sessions"]["rudi"]
    path = f"/ws/forums/t/{cluster['topic']}/"

    async def scenario():
        idle = await _open(second, andi, path)
        await asyncio.sleep(7)
        await asyncio.to_thread(_post_reply, first, rudi, cluster["topic"], "After a quiet moment")
        event = await _next_event(idle)
        await idle.close()
        return event

    assert asyncio.run(scenario())["event"] == "post.created"


def test_a_socket_without_a_session_is_refused_by_the_real_server(cluster):
    from websockets.asyncio.client import connect
    from websockets.exceptions import InvalidStatus

    port = cluster["ports"][0]

    async def scenario():
        with pytest.raises(InvalidStatus):
            await connect(f"ws://127.0.0.1:{port}/ws/forums/t/{cluster['topic']}/", origin=f"http://127.0.0.1:{port}")

    asyncio.run(scenario())
