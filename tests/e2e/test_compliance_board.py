"""A coordinator finds who is late in two clicks from the home page and reminds them; the reminded employee sees
the reminder in Kinerja and the e-mail leaves through the console backend (the server's output). On a server of
its own, whose output is kept."""

import contextlib
import sqlite3
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, free_port, server_env


@contextlib.contextmanager
def serve_with_output(template, workdir):
    database = workdir / "kinerja_e2e.sqlite3"
    source, target = sqlite3.connect(template), sqlite3.connect(database)
    with target:
        source.backup(target)
    source.close()
    target.close()
    port = free_port()
    output = workdir / "server.out"
    env = {**server_env(database), "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=output.open("w"),
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
        yield url, output
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def server(demo_database, tmp_path_factory):
    with serve_with_output(demo_database, tmp_path_factory.mktemp("e2e-board")) as served:
        yield served


@pytest.fixture(scope="module")
def live_url(server):
    return server[0]


def test_the_coordinator_finds_who_is_late_in_two_clicks_and_the_reminder_arrives(signed_in, server, this_year):
    _, output = server
    coordinator = signed_in("koordinator")
    coordinator.get_by_role("link", name="Siapa yang terlambat: papan kepatuhan").click()  # click 1
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text(this_year)
    row = coordinator.locator("tbody tr").filter(has=coordinator.get_by_role("rowheader", name="Dukcapil"))
    row.locator("a.badge.red").click()  # click 2: Dukcapil's late people
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text("SKP " + this_year)
    expect(coordinator.locator("tr.late-row").first).to_be_visible()

    coordinator.get_by_role("button", name="pegawai yang terlambat").click()
    expect(coordinator.locator(".messages")).to_contain_text("Pengingat tentang")

    employee = signed_in("pegawai")  # an empty draft this year: late since the plan deadline
    employee.goto(employee.url.rstrip("/") + "/notifications/")
    expect(employee.locator("main")).to_contain_text("mengingatkan Anda akan SKP untuk " + this_year)

    for _ in range(50):  # the console backend prints each e-mail once it is sent (tasks run inline here)
        if "Pengingat Kinerja" in output.read_text():
            break
        time.sleep(0.1)
    printed = output.read_text()
    assert "Subject: Pengingat Kinerja: " + this_year in printed
    assert "pegawai@" in printed
