"""The benchmark's HTTP load client (bench/load.py) against a real server with the benchmark's views routed (as
bench/prod.py starts it): every answer read and counted, the baselines and a page kept apart, and a lost session
counted as an error rather than as a fast answer."""

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bench import load
from bench.prod import ProdServer, cookie_header

ROOT = Path(__file__).resolve().parents[2]
USERNAME, PASSWORD = "pegawai.bench", "bench-pass-2026"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def bench_server(tmp_path_factory):
    """runserver on a fresh SQLite database with one employee account and KINERJA_BENCH_VIEWS on."""
    directory = tmp_path_factory.mktemp("bench-server")
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(directory / "media"),
        "KINERJA_BENCH_VIEWS": "1",
        "KINERJA_TASKS_BACKEND": "immediate",
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, cwd=ROOT, check=True)
    create = (
        "from tests.factories import EmployeeFactory, UserFactory;"
        f"user = UserFactory(username='{USERNAME}', password='{PASSWORD}'); EmployeeFactory(user=user)"
    )
    subprocess.run([*manage, "shell", "-c", create], env=env, cwd=ROOT, check=True)
    port = _free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/bench/bare/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the benchmark server did not start")
        yield ProdServer(database="unused", port=port)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _run(base: str, plan, users=2, seconds=1.0) -> dict:
    return asyncio.run(load._phase(base, plan, users=users, seconds=seconds))


def test_the_load_client_counts_bare_views_and_pages_apart_and_every_answer_is_a_200(bench_server):
    base = bench_server.base
    cookies = bench_server.login(USERNAME, PASSWORD)

    bare = _run(base, [load.Request("bare", "/bench/bare/", load.build(base, "/bench/bare/", None))])
    signed_in = _run(
        base,
        [load.Request("bare signed in", "/bench/bare-signed-in/", load.build(base, "/bench/bare-signed-in/", cookies))],
    )
    pages = _run(base, [load.Request("my plan", "/plans/", load.build(base, "/plans/", cookies))])

    for phase in (bare, signed_in, pages):
        assert phase["requests"] > 0
        assert phase["errors"] == 0
        assert phase["passed"]
        assert phase["rps"] > 0
        assert phase["p50_ms"] <= phase["p95_ms"]
    assert set(pages["per_page_p95_ms"]) == {"my plan"}
    assert set(signed_in["per_page_p95_ms"]) == {"bare signed in"}


def test_the_signed_in_baseline_answers_with_the_user_and_refuses_a_visitor_without_a_session(bench_server):
    base = bench_server.base
    cookies = bench_server.login(USERNAME, PASSWORD)
    request = urllib.request.Request(f"{base}/bench/bare-signed-in/", headers={"Cookie": cookie_header(cookies)})
    assert urllib.request.urlopen(request, timeout=10).read().decode() == USERNAME

    # Without a session it is a redirect to the login page, which the client counts as an error: a benchmark
    # that lost its session cannot pass for a fast one.
    phase = _run(
        base,
        [load.Request("bare signed in", "/bench/bare-signed-in/", load.build(base, "/bench/bare-signed-in/", None))],
    )
    assert phase["requests"] > 0
    assert phase["errors"] == phase["requests"]
    assert not phase["passed"]
    assert phase["errors_by_url"] == {"/bench/bare-signed-in/": {"login redirect": phase["requests"]}}


def test_cookie_header_joins_cookies_as_a_browser_does():
    assert cookie_header({"sessionid": "abc", "csrftoken": "xyz"}) == "sessionid=abc; csrftoken=xyz"


def test_interleaved_phases_take_turns_and_each_is_summed_over_its_slices(bench_server):
    base = bench_server.base
    cookies = bench_server.login(USERNAME, PASSWORD)
    phases = {
        "bare": [load.Request("bare", "/bench/bare/", load.build(base, "/bench/bare/", None))],
        "lost": [load.Request("lost", "/bench/bare-signed-in/", load.build(base, "/bench/bare-signed-in/", None))],
        "mine": [load.Request("my plan", "/plans/", load.build(base, "/plans/", cookies))],
    }

    figures = load.interleaved(base, phases, users=2, seconds=1.0)

    assert list(figures) == ["bare", "lost", "mine"]
    assert figures["bare"]["passed"] and figures["mine"]["passed"]
    assert not figures["lost"]["passed"]  # one phase's errors stay its own
    for phase in figures.values():
        assert phase["requests"] > 0
        # five slices of 0.2 s, summed: at least the slices' length; the upper side only bounds a slice that ran on
        # without end (a loaded machine stretches each slice by its last requests, so no tight ceiling here)
        assert 0.9 <= phase["seconds"] <= 10.0
