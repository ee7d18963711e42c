"""The production setup on servers of its own, for fault injection (`make test-faults`, KINERJA_FAULTS=1).

A PostgreSQL cluster (initdb on a free port, run as the postgres user) and a redis-server of the suite's own, so
stopping, restarting and locking them disturbs nothing else on the machine; `deploy/prod-local.sh` starts nginx,
gunicorn, uvicorn and the task worker against them with the demo data. Everything is stopped and removed at the end.
"""

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest

from tests.resilience_helpers import PrivateRedis, free_port

ROOT = Path(__file__).resolve().parents[2]

if not os.environ.get("KINERJA_FAULTS"):
    collect_ignore_glob = ["test_*.py"]


def postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        pytest.skip(f"needs PostgreSQL server binaries ({name})")
    return found[-1]


class PrivatePostgres:
    """A throw-away cluster: trust authentication, TCP on a free port, its socket in its own directory."""

    def __init__(self, base: Path):
        self.base = base
        self.data = base / "data"
        self.port = free_port()
        self.log = base / "postgres.log"

    def _as_postgres(self, *command, check=True):
        return subprocess.run(
            ["runuser", "-u", "postgres", "--", *command], check=check, capture_output=True, text=True
        )

    def init(self):
        self.base.mkdir(parents=True, exist_ok=True)
        shutil.chown(self.base, "postgres", "postgres")
        self._as_postgres(postgres_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def pg_ctl(self, action: str, *extra: str):
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off"
        return self._as_postgres(
            postgres_bin("pg_ctl"), action, "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", *extra
        )

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str, **kwargs):
        return psycopg.connect(self.url(database), autocommit=True, **kwargs)


class Stack:
    """`nodes` application nodes (gunicorn + uvicorn each, deploy/prod-local.sh PROD_NODES) behind one nginx;
    `settings` are extra environment for the servers."""

    def __init__(self, base: Path, *, nodes: int = 1, settings: dict | None = None):
        self.base = base
        self.nodes = nodes
        self.settings = settings or {}
        self.postgres = PrivatePostgres(base / "postgres")
        self.redis = PrivateRedis()
        self.port = free_port()
        self.run_dir = base / "prod"
        self.database = "kinerja_faults"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def environment(self) -> dict:
        return (
            os.environ
            | {
                "PROD_PORT": str(self.port),
                "PROD_DIR": str(self.run_dir),
                "PROD_DATABASE_URL": self.postgres.url(self.database),
                "PROD_REDIS_URL": self.redis.url,
                "WEB_WORKERS": "2",
                "WS_WORKERS": "1",
                "PROD_NODES": str(self.nodes),
            }
            | self.settings
        )

    def start(self):
        self.postgres.init()
        self.postgres.pg_ctl("start")
        with self.postgres.connect("postgres") as admin:
            admin.execute(f"CREATE DATABASE {self.database}")
        self.redis.start()
        subprocess.run(
            ["deploy/prod-local.sh", "start"], cwd=ROOT, env=self.environment(), check=True, capture_output=True
        )

    def stop(self):
        subprocess.run(["deploy/prod-local.sh", "stop"], cwd=ROOT, env=self.environment(), capture_output=True)
        self.redis.stop()
        self.postgres.pg_ctl("stop", "-m", "immediate")

    def db(self):
        return self.postgres.connect(self.database)


@contextlib.contextmanager
def running_stack(**options):
    base = Path(tempfile.mkdtemp(prefix="kinerja-faults-"))
    os.chmod(base, 0o755)
    stack = Stack(base, **options)
    try:
        stack.start()
        yield stack
    finally:
        with contextlib.suppress(Exception):
            stack.stop()
        time.sleep(0.2)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def stack():
    with running_stack() as stack:
        yield stack
