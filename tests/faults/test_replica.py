"""A PostgreSQL streaming replica under the production setup: the compliance board read from it, read-your-writes,
a lagging replica left once it is behind the bound, and a stopped one costing nothing (common/replicas.py).

A primary of the suite's own, a standby copied from it by deploy/pg-replica.sh, Redis, and deploy/prod-local.sh
with PROD_REPLICA_URL. The replica's lag is injected by pausing its replay (pg_wal_replay_pause) while the primary
renames an agency: a page showing the old name was read from the replica.
"""

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest

from tests.resilience_helpers import PrivateRedis, free_port

from .conftest import ROOT, PrivatePostgres
from .traffic import Browser

MAX_LAG_SECONDS = 6
CHECK_SECONDS = 0.5
STICKY_SECONDS = 4
DATABASE = "kinerja_faults"

pytestmark = pytest.mark.faults


class Standby:
    """The replica, run by deploy/pg-replica.sh on a port and directory of its own."""

    def __init__(self, base: Path, primary: PrivatePostgres):
        self.port = free_port()
        self.environment = os.environ | {
            "PRIMARY_PORT": str(primary.port),
            "REPLICA_DIR": str(base),
            "REPLICA_PORT": str(self.port),
            "REPLICA_DB": DATABASE,
        }

    def run(self, action: str) -> str:
        return subprocess.run(
            ["deploy/pg-replica.sh", action],
            cwd=ROOT,
            env=self.environment,
            check=action != "status",
            capture_output=True,
            text=True,
        ).stdout

    def connect(self):
        return psycopg.connect(self.run("url").strip(), autocommit=True)


@pytest.fixture(scope="module")
def pair():
    base = Path(tempfile.mkdtemp(prefix="kinerja-replica-"))
    os.chmod(base, 0o755)
    primary = PrivatePostgres(base / "primary")
    standby = Standby(base / "replica", primary)
    redis = PrivateRedis()
    port = free_port()
    environment = os.environ | {
        "PROD_PORT": str(port),
        "PROD_DIR": str(base / "prod"),
        "PROD_DATABASE_URL": primary.url(DATABASE),
        "PROD_REDIS_URL": redis.url,
        "WEB_WORKERS": "2",
        "WS_WORKERS": "1",
        "KINERJA_REPLICA_MAX_LAG_SECONDS": str(MAX_LAG_SECONDS),
        "KINERJA_REPLICA_CHECK_SECONDS": str(CHECK_SECONDS),
        "KINERJA_REPLICA_STICKY_SECONDS": str(STICKY_SECONDS),
    }
    try:
        primary.init()
        primary.pg_ctl("start")
        with primary.connect("postgres") as admin:
            admin.execute(f"CREATE DATABASE {DATABASE}")
        standby.run("init")
        standby.run("start")
        environment["PROD_REPLICA_URL"] = standby.run("url").strip()
        redis.start()
        subprocess.run(["deploy/prod-local.sh", "start"], cwd=ROOT, env=environment, check=True, capture_output=True)
        yield {"primary": primary, "standby": standby, "url": f"http://127.0.0.1:{port}/"}
    finally:
        subprocess.run(["deploy/prod-local.sh", "stop"], cwd=ROOT, env=environment, capture_output=True)
        redis.stop()
        with contextlib.suppress(Exception):
            standby.run("stop")
        with contextlib.suppress(Exception):
            primary.pg_ctl("stop", "-m", "immediate")
        time.sleep(0.2)
        shutil.rmtree(base, ignore_errors=True)


def board_path(pair) -> str:
    with pair["primary"].connect(DATABASE) as db:
        period = db.execute("SELECT id FROM agencies_period ORDER BY year DESC, id LIMIT 1").fetchone()[0]
    return f"/dashboard/period/{period}/compliance/"


def signed_in(pair, username="koordinator") -> Browser:
    browser = Browser(pair["url"])
    assert browser.login(username) == 302
    return browser


def replayed(pair, marker: str) -> None:
    """Waits until the replica has replayed the primary's latest commit (`marker` written there)."""
    with pair["primary"].connect(DATABASE) as db:
        db.execute("CREATE TABLE IF NOT EXISTS replica_probe (marker text)")
        db.execute("INSERT INTO replica_probe VALUES (%s)", [marker])
    deadline = time.monotonic() + 20
    with pair["standby"].connect() as replica:
        while time.monotonic() < deadline:
            if replica.execute("SELECT 1 FROM replica_probe WHERE marker = %s", [marker]).fetchone():
                return
            time.sleep(0.05)
    raise AssertionError("the replica did not replay the primary's commit")


def close_application_connections(pair) -> None:
    """Ends the application's connections to the replica, so that a board query seen there afterwards is new."""
    with pair["standby"].connect() as replica:
        replica.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [DATABASE],
        )


def replica_ran_board_queries(pair) -> bool:
    """Whether one of the application's connections to the replica last ran one of the board's queries."""
    with pair["standby"].connect() as replica:
        queries = replica.execute(
            "SELECT query FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [DATABASE]
        ).fetchall()
    return any("agencies_" in query or "workflow_" in query for (query,) in queries)


def agency_name(pair) -> tuple[int, str]:
    with pair["primary"].connect(DATABASE) as db:
        return db.execute("SELECT id, short_name FROM agencies_agency ORDER BY id LIMIT 1").fetchone()


def test_a_lagging_replica_serves_the_board_within_the_bound_and_never_to_whoever_just_wrote(pair):
    board = board_path(pair)
    reader = signed_in(pair)
    time.sleep(STICKY_SECONDS + 1)  # signing in was a write: this browser reads from the primary for a while
    status, _, page = reader.request("GET", board)
    assert status == 200
    agency_id, name = agency_name(pair)
    assert name in page

    replayed(pair, "before the pause")
    last_replayed = time.monotonic()
    with pair["standby"].connect() as replica:
        replica.execute("SELECT pg_wal_replay_pause()")
    try:
        renamed = f"{name} baru"
        with pair["primary"].connect(DATABASE) as db:
            db.execute("UPDATE agencies_agency SET short_name = %s WHERE id = %s", [renamed, agency_id])

        close_application_connections(pair)
        status, _, page = reader.request("GET", board)
        assert status == 200
        assert name in page and renamed not in page, "read from the replica, which has not replayed the rename"
        assert replica_ran_board_queries(pair)

        writer = signed_in(pair)  # a write (the sign-in) a moment ago: the board comes from the primary
        status, _, page = writer.request("GET", board)
        assert status == 200 and renamed in page

        stale_seen = []
        while time.monotonic() - last_replayed < MAX_LAG_SECONDS + 10:
            status, _, page = reader.request("GET", board)
            assert status == 200
            if renamed not in page:
                stale_seen.append(time.monotonic() - last_replayed)
            time.sleep(0.2)
        # checked every CHECK_SECONDS per web process; a second of slack for a loaded machine
        assert stale_seen and max(stale_seen) <= MAX_LAG_SECONDS + CHECK_SECONDS + 1, stale_seen
    finally:
        with pair["standby"].connect() as replica:
            replica.execute("SELECT pg_wal_replay_resume()")

    replayed(pair, "after the pause")
    time.sleep(CHECK_SECONDS * 2)
    status, _, page = reader.request("GET", board)
    assert status == 200 and renamed in page


def test_an_idle_caught_up_replica_keeps_serving_the_board(pair):
    board = board_path(pair)
    reader = signed_in(pair)
    replayed(pair, "before the quiet")
    time.sleep(max(MAX_LAG_SECONDS, STICKY_SECONDS) + 2)  # nothing written: the last replayed commit ages
    close_application_connections(pair)
    status, _, _ = reader.request("GET", board)
    assert status == 200
    assert replica_ran_board_queries(pair)


def test_a_stopped_replica_leaves_the_board_to_the_primary(pair):
    board = board_path(pair)
    reader = signed_in(pair)
    time.sleep(STICKY_SECONDS + 1)
    assert reader.request("GET", board)[0] == 200
    pair["standby"].run("stop")
    try:
        statuses = []
        stopped = time.monotonic()
        while time.monotonic() - stopped < 5:
            statuses.append(reader.request("GET", board)[0])
            time.sleep(0.1)
        assert set(statuses) == {200}, statuses
    finally:
        pair["standby"].run("start")
    replayed(pair, "after the restart")  # streaming again and caught up
    time.sleep(CHECK_SECONDS * 2)
    close_application_connections(pair)
    for _ in range(3):  # each web process measures the replica again and finds it back
        assert reader.request("GET", board)[0] == 200
    assert replica_ran_board_queries(pair)
