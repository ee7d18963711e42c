"""End-to-end check of a running production setup (make prod-local, or a server): exits non-zero on the first failure.

    .venv/bin/python deploy/smoke_check.py [--url http://127.0.0.1:8080/] [--user pegawai] [--password kinerja-demo]
        [--env /tmp/kinerja-prod/kinerja.env]

Checks, through the reverse proxy: the login page, a hashed static file (year-long cache, gzip), logging in, a page
behind the login, a websocket handshake under /ws/ (accepted with the session, refused without), and, given the
servers' environment file, that an event sent through the channel layer (Redis) reaches that websocket and that the
task worker runs a task queued in the database.
"""

import argparse
import asyncio
import http.cookiejar
import os
import re
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check(condition: bool, what: str) -> None:
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        sys.exit(1)


def check_http(base: str, username: str, password: str) -> str:
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

    def fetch(path, data=None, headers=None):
        request = urllib.request.Request(urllib.parse.urljoin(base, path), data=data, headers=headers or {})
        try:
            return browser.open(request, timeout=10)
        except urllib.error.HTTPError as response:
            return response

    login = fetch("accounts/login/")
    html = login.read().decode()
    check(login.status == 200, "login page answers 200 through the proxy")
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', html)
    check(stylesheet is not None, "pages link hashed static file names")
    static = fetch(stylesheet.group(1), headers={"Accept-Encoding": "gzip"})
    cache = static.headers.get("Cache-Control", "")
    check(static.status == 200 and "immutable" in cache and "max-age=31536000" in cache, f"static file cached: {cache}")
    check(static.headers.get("Content-Encoding") == "gzip", "static file served gzip-compressed")

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    origin = base.rstrip("/")
    answer = fetch("accounts/login/", data=form.encode(), headers={"Origin": origin, "Referer": base})
    check(answer.status == 302, f"logging in as {username} redirects (got {answer.status})")
    home = fetch("")
    check(home.status == 200, f"the home page answers 200 when logged in (got {home.status})")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


async def check_websocket(base: str, cookies: str, username: str, broadcast: bool) -> None:
    import websockets

    url = urllib.parse.urljoin(base.replace("http", "ws", 1), "ws/notifications/")
    origin = base.rstrip("/")
    async with websockets.connect(url, additional_headers={"Cookie": cookies, "Origin": origin}) as socket:
        check(socket.response.status_code == 101, f"websocket {url} accepted with the session")
        if broadcast:
            await check_broadcast(socket, username)
    try:
        async with websockets.connect(url, additional_headers={"Origin": origin}):
            refused = False
    except websockets.InvalidStatus as error:
        refused = error.response.status_code == 403
    check(refused, "websocket refused without a session")


async def check_broadcast(socket, username: str) -> None:
    """An event sent from this process, as a page's service would, reaches the socket through Redis and ASGI."""
    from asgiref.sync import sync_to_async
    from channels.layers import get_channel_layer
    from django.contrib.auth import get_user_model

    from forums.realtime import user_group

    user = await sync_to_async(get_user_model().objects.get)(username=username)
    await get_channel_layer().group_send(user_group(user.pk), {"type": "live.event", "event": "smoke.check"})
    try:
        message = await asyncio.wait_for(socket.recv(), timeout=5)
    except TimeoutError:
        message = ""
    check("smoke.check" in message, f"an event sent through the channel layer reached the socket: {message!r}")


def setup_django(env_file: Path) -> None:
    for line in env_file.read_text().splitlines():
        name, _, value = line.partition("=")
        os.environ[name] = value
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def check_worker() -> None:
    from django_tasks import TaskResultStatus

    from agencies.tasks import send_email

    # Top priority: tasks already queued (a period opening, say) must not make the check fail; one that is running
    # still has to finish first, hence the minute.
    urgent = send_email.using(priority=100)
    result = urgent.enqueue(to=["smoke-check@localhost"], subject="Smoke check", body="The worker runs tasks.")
    for _ in range(240):
        result.refresh()
        if result.is_finished:
            break
        time.sleep(0.25)
    check(result.status == TaskResultStatus.SUCCESSFUL, f"the task worker ran a queued task ({result.status})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8080/")
    parser.add_argument("--user", default="pegawai")
    parser.add_argument("--password", default="kinerja-demo")
    parser.add_argument("--env", type=Path, help="the servers' environment file, to check the task worker")
    arguments = parser.parse_args()
    if arguments.env:
        setup_django(arguments.env)
    cookies = check_http(arguments.url, arguments.user, arguments.password)
    asyncio.run(check_websocket(arguments.url, cookies, arguments.user, broadcast=bool(arguments.env)))
    if arguments.env:
        check_worker()


if __name__ == "__main__":
    main()
