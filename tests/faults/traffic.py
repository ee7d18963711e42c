"""Light scripted traffic against the production setup: a person browsing, people signing in, a live page.

Every answer is recorded (when, what, status, how long), so a test can look at exactly the window of a fault.
"""

import contextlib
import http.cookiejar
import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import websockets.sync.client
from websockets.exceptions import ConnectionClosed, InvalidStatus

PASSWORD = "kinerja-demo"


@dataclass
class Answer:
    at: float
    kind: str
    path: str
    status: int
    seconds: float


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies kept, redirects not followed (a 302 after a form is the answer we want to see)."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def cookie(self, name: str) -> str:
        return next((cookie.value for cookie in self.jar if cookie.name == name), "")

    def request(self, method: str, path: str, data: dict | None = None, timeout: float = 30) -> tuple[int, float, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body, method=method)
        if method == "POST":
            request.add_header("X-CSRFToken", self.cookie("csrftoken"))
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, time.monotonic() - started, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, time.monotonic() - started, error.read().decode(errors="replace")
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            # No answer at all (refused, reset, timed out): recorded as 599, which counts as a failure.
            return 599, time.monotonic() - started, str(error)

    def login(self, username: str) -> int:
        status, _, page = self.request("GET", "/accounts/login/")
        if status != 200:
            return status
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        data = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1) if token else ""}
        return self.request("POST", "/accounts/login/", data)[0]


class Traffic:
    """Background load: `reader` browses `paths` in a loop; every `login_every` s someone signs in afresh."""

    def __init__(self, base_url: str, *, reader: Browser, paths: list[str], login_as: str, login_every: float = 2.0):
        self.base_url = base_url
        self.reader = reader
        self.paths = paths
        self.login_as = login_as
        self.login_every = login_every
        self.answers: list[Answer] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._browse), threading.Thread(target=self._sign_in)]

    def record(self, kind: str, path: str, status: int, seconds: float) -> Answer:
        answer = Answer(time.monotonic(), kind, path, status, seconds)
        self.answers.append(answer)
        return answer

    def _browse(self):
        while not self._stop.is_set():
            for path in self.paths:
                status, seconds, _ = self.reader.request("GET", path)
                self.record("page", path, status, seconds)
                self._stop.wait(0.1)

    def _sign_in(self):
        while not self._stop.is_set():
            started = time.monotonic()
            status = Browser(self.base_url).login(self.login_as)
            self.record("login", "/accounts/login/", status, time.monotonic() - started)
            self._stop.wait(self.login_every)

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)

    def between(self, start: float, end: float, kind: str | None = None) -> list[Answer]:
        return [a for a in self.answers if start <= a.at <= end and (kind is None or a.kind == kind)]


class LiveListener:
    """A live page's socket, reconnecting like static/js/live.js; records every event it hears."""

    def __init__(self, base_url: str, path: str, browser: Browser):
        parsed = urllib.parse.urlparse(base_url)
        self.url = f"ws://{parsed.netloc}{path}"
        self.origin = f"{parsed.scheme}://{parsed.netloc}"
        self.browser = browser
        self.events: list[tuple[float, str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._listen)

    def _listen(self):
        cookie = f"sessionid={self.browser.cookie('sessionid')}"
        while not self._stop.is_set():
            try:
                with websockets.sync.client.connect(
                    self.url, origin=self.origin, additional_headers={"Cookie": cookie}, open_timeout=5
                ) as socket:
                    self.events.append((time.monotonic(), "connected"))
                    while not self._stop.is_set():
                        with contextlib.suppress(TimeoutError):
                            message = json.loads(socket.recv(timeout=0.5))
                            self.events.append((time.monotonic(), message.get("event", "")))
            except (ConnectionClosed, InvalidStatus, OSError, TimeoutError):
                self.events.append((time.monotonic(), "closed"))
                self._stop.wait(1)

    def heard(self, event: str, after: float = 0.0) -> float | None:
        return next((at for at, name in self.events if name == event and at >= after), None)

    def __enter__(self):
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self.heard("connected") and time.monotonic() < deadline:
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=10)
