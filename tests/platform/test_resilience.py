"""Redis is an accelerator, not a single point of failure; a database error is a 503 page, never viewflow's 500.

In-process checks of the mechanisms; tests/faults/ runs the production setup through real outages.
"""

import contextlib
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from tests.resilience_helpers import free_port, redis_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_down(settings):
    """The production cache, sessions and channel layer, with nothing listening at Redis's address."""
    for name, value in redis_settings(f"redis://127.0.0.1:{free_port()}/0").items():
        setattr(settings, name, value)


def test_signing_in_browsing_and_signing_out_work_while_redis_is_down(redis_down, employee):
    client = Client()
    response = client.post(reverse("login"), {"username": employee.user.username, "password": "kinerja-test-pass"})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("workflow:plan_list")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302  # signed out: to the login page


def test_a_session_saved_during_an_outage_is_read_back_from_the_database(redis_down, employee):
    from django.contrib.sessions.models import Session

    client = Client()
    client.post(reverse("login"), {"username": employee.user.username, "password": "kinerja-test-pass"})
    assert Session.objects.count() == 1
    fresh = Client()
    fresh.cookies = client.cookies
    assert fresh.get(reverse("home")).status_code == 200


def test_a_database_error_answers_the_static_503_page_with_retry_after(employee):
    client = Client(raise_request_exception=False)
    client.force_login(employee.user)

    def database_gone(execute, sql, params, many, context):
        raise OperationalError("the database system is shutting down")

    with connection.execute_wrapper(database_gone):
        response = client.get(reverse("home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "Kinerja sedang tidak tersedia" in page and "Kinerja is briefly unavailable" in page
    assert "Material" not in page and "e-mailed" not in page.lower()


def test_any_other_error_answers_the_static_500_page(employee, monkeypatch):
    from workflow import views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.pages, "render", broken)
    client = Client(raise_request_exception=False)
    client.force_login(employee.user)
    response = client.get(reverse("workflow:plan_list"))
    assert response.status_code == 500
    assert "Terjadi kesalahan di server" in response.content.decode()
    assert "Material" not in response.content.decode()


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL")
@pytest.mark.django_db
def test_web_processes_set_statement_lock_and_idle_timeouts_below_the_server_timeouts():
    script = (
        "import config.wsgi\n"
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    values = []\n"
        "    for name in ('statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout'):\n"
        "        cursor.execute('SHOW ' + name)\n"
        "        values.append(cursor.fetchone()[0])\n"
        "print(' '.join(values))\n"
    )
    environment = {key: value for key, value in os.environ.items() if key != "KINERJA_DB_TIMEOUTS"}
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
    environment["DJANGO_DEBUG"] = "1"
    database = connection.settings_dict  # the test database: it exists while the suite runs
    environment["DATABASE_URL"] = (
        f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    )
    web = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert web.returncode == 0, web.stderr
    assert web.stdout.split() == ["15s", "5s", "30s"]
    # Commands (migrations, the task worker) are not limited.
    command = subprocess.run(
        [sys.executable, "-c", script.replace("import config.wsgi\n", "import django; django.setup()\n")],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert command.returncode == 0, command.stderr
    assert command.stdout.split()[0] == "0"


def test_the_error_pages_are_self_contained_static_files():
    for name in ("413.html", "500.html", "503.html"):
        page = (ROOT / "static" / "errors" / name).read_text()
        assert "{%" not in page and "{{" not in page  # nginx serves them as they are
        assert "<script" not in page and "style=" not in page  # the CSP holds


def test_nginx_answers_its_own_503_page_when_no_application_server_answers():
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "error_page 502 504 =503 /_kinerja/unavailable.html;" in site
    assert "errors/503.html" in site and "Retry-After" in site


def test_nginx_answers_its_own_page_for_a_request_larger_than_it_accepts():
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    pages = site[site.index("location / {") :]
    pages = pages[: pages.index("\n    }")]
    # In the server block and in the pages' location, whose own error_page would otherwise replace the server's.
    assert site.count("error_page 413 /_kinerja/too-large.html;") == 2 and "error_page 413" in pages
    assert "errors/413.html" in site
    page = (ROOT / "static" / "errors" / "413.html").read_text()
    assert "Kiriman terlalu besar" in page and "Too much to send at once" in page and "nothing was saved" in page


def test_the_rate_limiter_lets_signed_in_people_through_and_counts_others_per_process_while_redis_is_down(
    redis_down,
):
    from common.ratelimit import hit

    signed_in = [hit(scope="t", key="user:1", limit=2, window=60, fail_open=True) for _ in range(5)]
    assert signed_in == [True] * 5
    anonymous = [hit(scope="t", key="addr:10.0.0.9", limit=2, window=60) for _ in range(4)]
    assert anonymous == [True, True, False, False]


class LockNotAvailable(Exception):
    sqlstate = "55P03"


def failing_once(*, when=lambda sql: True, cause=None):
    """An execute wrapper raising OperationalError the first time `when(sql)` holds (with `cause` as its cause)."""
    state = {"failed": False}

    def wrapper(execute, sql, params, many, context):
        if not state["failed"] and when(sql):
            state["failed"] = True
            error = OperationalError("server closed the connection unexpectedly")
            error.__cause__ = cause
            raise error
        return execute(sql, params, many, context)

    return wrapper


def test_a_request_that_lost_its_connection_before_writing_runs_again(employee):
    client = Client(raise_request_exception=False)
    client.force_login(employee.user)
    with connection.execute_wrapper(failing_once()):
        response = client.get(reverse("home"))
    assert response.status_code == 200


def test_a_request_that_wrote_before_losing_its_connection_is_not_run_twice(employee, topic_for_retry):
    client = Client(raise_request_exception=False)
    client.force_login(employee.user)
    reply_url = reverse("forums:reply_create", args=[topic_for_retry.pk])
    inserts = {"seen": False, "failed": False}

    def fail_after_insert(execute, sql, params, many, context):
        if inserts["seen"] and not inserts["failed"]:
            inserts["failed"] = True
            raise OperationalError("server closed the connection unexpectedly")
        if sql.lstrip().upper().startswith("INSERT") and "forums_post" in sql:
            inserts["seen"] = True
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail_after_insert):
        response = client.post(reply_url, {"body": "Sekali saja"})
    assert inserts["failed"]
    assert response.status_code == 503
    assert topic_for_retry.posts.filter(body="Sekali saja").count() <= 1


def test_a_statement_cancelled_by_a_lock_timeout_is_not_retried(employee):
    client = Client(raise_request_exception=False)
    client.force_login(employee.user)
    with connection.execute_wrapper(failing_once(cause=LockNotAvailable())):
        response = client.get(reverse("home"))
    assert response.status_code == 503


@pytest.fixture
def topic_for_retry(employee, agency):
    from forums import services
    from tests.factories import CategoryFactory

    return services.create_topic(
        author=employee.user, category=CategoryFactory(), title="Antrean KTP", body="Isi", agency=agency
    )


def test_behind_the_proxy_each_visitor_is_counted_by_their_own_address(settings, rf):
    from django.contrib.auth.models import AnonymousUser

    from common.ratelimit import client_key

    request = rf.post("/lapor/", REMOTE_ADDR="", HTTP_X_REAL_IP="203.0.113.7")
    request.user = AnonymousUser()
    settings.KINERJA_BEHIND_PROXY = False
    assert client_key(request) == "addr:"  # nginx on a socket: everyone would share one count
    settings.KINERJA_BEHIND_PROXY = True
    assert client_key(request) == "addr:203.0.113.7"


CONNECT_ONCE = (
    "import time, django\n"
    "django.setup()\n"
    "from django.db import OperationalError, connection\n"
    "started = time.monotonic()\n"
    "try:\n"
    "    connection.ensure_connection()\n"
    "    outcome = 'connected'\n"
    "except OperationalError:\n"
    "    outcome = 'refused'\n"
    "print(outcome, time.monotonic() - started)\n"
)


def connect_from_a_new_process(port: int, temporary: Path) -> tuple[str, float]:
    """Open one connection from a fresh web process (as a gunicorn worker would): its outcome and seconds taken."""
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/postgres",
        KINERJA_DB_CONNECT_WAIT_SECONDS="2",
        TMPDIR=str(temporary),
    )
    process = subprocess.run(
        [sys.executable, "-c", CONNECT_ONCE], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert process.returncode == 0, process.stderr
    outcome, seconds = process.stdout.split()
    return outcome, float(seconds)


def test_a_process_that_joins_an_ongoing_outage_answers_at_once_instead_of_waiting_again(tmp_path):
    port = free_port()  # nothing listens there: every connection is refused
    first = connect_from_a_new_process(port, tmp_path)
    assert first[0] == "refused" and first[1] >= 1.8  # the outage is new: it waited for a restart
    later = connect_from_a_new_process(port, tmp_path)
    assert later[0] == "refused" and later[1] < 0.5  # another worker already waited: the 503 comes at once


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL")
def test_once_any_process_connects_again_the_next_outage_is_waited_for_again(tmp_path):
    """A restart: refused, then a server answers at the same address, then it is gone again."""
    port = free_port()
    assert connect_from_a_new_process(port, tmp_path)[0] == "refused"
    with forwarding(port, to=("127.0.0.1", 5432)):
        assert connect_from_a_new_process(port, tmp_path)[0] == "connected"
    again = connect_from_a_new_process(port, tmp_path)
    assert again[0] == "refused" and again[1] >= 1.8  # a new outage (perhaps a restart): worth waiting for


@contextlib.contextmanager
def forwarding(port: int, to: tuple[str, int]):
    """A TCP listener on `port` passing every connection through to `to`, while the block runs."""
    listener = socket.create_server(("127.0.0.1", port))
    listener.settimeout(0.1)
    stop = threading.Event()

    def pipe(source, target):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        with contextlib.suppress(OSError):
            target.shutdown(socket.SHUT_WR)

    def accept():
        while not stop.is_set():
            try:
                client, _address = listener.accept()
            except TimeoutError:
                continue
            server = socket.create_connection(to)
            threading.Thread(target=pipe, args=(client, server), daemon=True).start()
            threading.Thread(target=pipe, args=(server, client), daemon=True).start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield
    finally:
        stop.set()
        acceptor.join()
        listener.close()
