"""Real-browser journeys (`make test-e2e`): Debian's Chromium driven by Playwright against the demo served by daphne.

Skipped by `make test` (collected only with KINERJA_E2E=1). The demo database is migrated and seeded by `seed_demo`
once per run; every server then gets its own copy of it, runs in a subprocess on a free port with tasks inline, and
so the journeys see the demo accounts of the README.

- `live_url`: one server for the whole run, for journeys that only read or whose changes others do not look at.
- `fresh_live_url`: a server of its own for a module whose journeys move the demo data on (plans through their
  stages, a period opened); such a module overrides `live_url` with it, so `login` and `signed_in` follow:

      @pytest.fixture(scope="module")
      def live_url(fresh_live_url):
          return fresh_live_url
"""

import contextlib
import datetime
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import zoneinfo
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "kinerja-demo"

if os.environ.get("KINERJA_E2E") != "1":
    collect_ignore_glob = ["test_*.py"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "KINERJA_TASKS_BACKEND": "immediate",
        "DJANGO_DEBUG": "1",
        "DJANGO_MEDIA_ROOT": str(database.parent / "media"),
    }
    env.pop("REDIS_URL", None)
    return env


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> Path:
    """The migrated and seeded demo, built once; servers run on copies of it."""
    database = tmp_path_factory.mktemp("e2e-template") / "kinerja_e2e.sqlite3"
    env = server_env(database)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "seed_demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return database


@contextlib.contextmanager
def serve_copy_of(template: Path, workdir: Path):
    """A daphne server (runserver) on a free port over a private copy of the seeded database."""
    database = workdir / "kinerja_e2e.sqlite3"
    source, target = sqlite3.connect(template), sqlite3.connect(database)
    with target:
        source.backup(target)  # consistent even though the template is in WAL mode
    source.close()
    target.close()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=server_env(database),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=(workdir / "server.log").open("w"),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{url}/accounts/login/", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"the e2e server exited; see {workdir / 'server.log'}")
                time.sleep(0.2)
        else:
            pytest.fail("the e2e server did not start")
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: daphne still closing sockets; the test itself is done
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def live_url(demo_database, tmp_path_factory):
    with serve_copy_of(demo_database, tmp_path_factory.mktemp("e2e-shared")) as url:
        yield url


@pytest.fixture(scope="module")
def fresh_live_url(demo_database, tmp_path_factory):
    with serve_copy_of(demo_database, tmp_path_factory.mktemp("e2e-own")) as url:
        yield url


def sign_in(page, base_url, username, password=PASSWORD):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(f"{base_url}/")
    return page


def assert_fits_the_phone(page):
    """The page scrolls only down, never sideways, on the phone its browser context emulates."""
    width, phone = page.evaluate("document.documentElement.scrollWidth"), page.viewport_size["width"]
    assert width <= phone, f"{page.url} is {width} px wide on a {phone} px phone"


@pytest.fixture(scope="session")
def server_today() -> datetime.date:
    """Today where the server is (settings.TIME_ZONE): the demo's periods and deadlines follow it."""
    return datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Jakarta")).date()


@pytest.fixture(scope="session")
def this_year(server_today) -> str:
    """The demo's current annual period, as the pages name it ("Tahunan 2026")."""
    return f"Tahunan {server_today.year}"


@pytest.fixture
def login(live_url):
    def _sign_in(page, username, password=PASSWORD):
        return sign_in(page, live_url, username, password)

    return _sign_in


@pytest.fixture(scope="session")
def _sessions():
    """Signed-in browser state per (server, username): each demo account signs in through the form once per server."""
    return {}


@pytest.fixture
def signed_in(new_context, live_url, _sessions):
    """`signed_in("atasan")`: a page in a browser context of its own, signed in as that demo account, at home."""

    def open_as(username):
        key = (live_url, username)
        context = new_context(storage_state=_sessions.get(key))
        context.set_default_timeout(10_000)
        if key in _sessions:
            page = context.new_page()
            page.goto(f"{live_url}/")
            return page
        page = sign_in(context.new_page(), live_url, username)
        _sessions[key] = context.storage_state()
        return page

    return open_as
