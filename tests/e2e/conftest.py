"""Real-browser journeys (`make test-e2e`): Debian's Chromium driven by Playwright against the demo served by daphne.

Skipped by `make test` (collected only with KINERJA_E2E=1). The server runs in a subprocess on a free port with its
own SQLite file seeded by `seed_demo`, tasks inline, so the journeys see the demo accounts of the README.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"

if os.environ.get("KINERJA_E2E") != "1":
    collect_ignore_glob = ["test_*.py"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
def live_url(tmp_path_factory):
    database = tmp_path_factory.mktemp("e2e") / "kinerja_e2e.sqlite3"
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "KINERJA_TASKS_BACKEND": "immediate",
        "DJANGO_DEBUG": "1",
        "DJANGO_MEDIA_ROOT": str(database.parent / "media"),
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "seed_demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/accounts/login/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        pytest.fail("the e2e server did not start")
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def login(live_url):
    def sign_in(page, username, password="kinerja-demo"):
        page.goto(f"{live_url}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.press("input[name=password]", "Enter")
        page.wait_for_url(f"{live_url}/")
        return page

    return sign_in
