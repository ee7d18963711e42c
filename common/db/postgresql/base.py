"""Django's PostgreSQL backend, riding out a restart: opening a connection is retried for a moment, then fails fast.

A PostgreSQL restart refuses connections for a second or so. A request that needs a new connection then waits
for it (up to KINERJA_DB_CONNECT_WAIT_SECONDS, 2 by default) instead of failing: nothing was executed yet, so any
request may safely wait. Once an outage has lasted that long, requests stop waiting: every request tries once
(a refused connection costs well under a millisecond) and answers the 503 page at once (config/errors.py), until a
connection succeeds again. Used as ENGINE "common.db.postgresql" (settings.py); everything else is Django's.

When the outage began is shared by every process of the machine (a small file per database server in the
temporary directory), not kept per process: a gunicorn worker that had no request during the first seconds of an
outage would otherwise wait the full 2 s on its first one, long after the others had given up waiting.
"""

import hashlib
import logging
import os
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db.backends.postgresql import base

logger = logging.getLogger(__name__)
RETRY_STEP_SECONDS = 0.1
# A record no process has refreshed for this long is from an outage that ended unseen (say, every process that saw
# it was stopped): a new refusal is then a new outage, which may be a restart worth waiting for.
STALE_RECORD_SECONDS = 30.0


class _Outage:
    """When the server was first found refusing connections (None: it is answering), for this process and,
    through the record file, for the others on the machine."""

    lock = threading.Lock()
    since: float | None = None
    record: Path | None = None
    record_writable = True

    @classmethod
    def failed(cls, record: Path, now: float) -> float:
        """Note a refused connection at `now` (wall clock); seconds since the outage began."""
        with cls.lock:
            shared = _read_record(record, now)
            if shared is not None:
                since = shared
            elif cls.since is not None and not cls.record_writable:
                since = cls.since  # no shared record can be kept: this process's own
            else:
                since = now  # nobody on this machine is seeing an outage: it begins now
            if cls.since is None:
                logger.warning("PostgreSQL refuses connections; waiting briefly, then answering 503")
            cls.since, cls.record = since, record
            cls.record_writable = _write_record(record, since)
            return now - since

    @classmethod
    def ended(cls, record: Path) -> None:
        if cls.since is not None:
            with cls.lock:
                if cls.since is not None:
                    logger.warning("PostgreSQL answers again after %.1f s", time.time() - cls.since)
                    cls.since = None
        try:  # one system call per new connection (connections are kept for a minute)
            record.unlink()
        except FileNotFoundError:
            pass
        except OSError:  # another user's file in a shared directory: it goes stale on its own
            pass


def _outage_record(conn_params: dict) -> Path:
    """The record file for the server these parameters connect to (an outage is the server's, not a database's)."""
    server = f"{conn_params.get('host') or 'local'}:{conn_params.get('port') or 5432}"
    digest = hashlib.sha256(server.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"kinerja-db-outage-{digest}"


def _read_record(record: Path, now: float) -> float | None:
    try:
        if now - record.stat().st_mtime > STALE_RECORD_SECONDS:
            return None
        return float(record.read_text())
    except (OSError, ValueError):
        return None


def _write_record(record: Path, since: float) -> bool:
    """Write (or refresh the time of) the record; a write is atomic, so no reader sees half a number."""
    try:
        partial = record.with_name(f"{record.name}.{os.getpid()}.{threading.get_ident()}")
        partial.write_text(repr(since))
        partial.replace(record)
        return True
    except OSError:  # a read-only or foreign directory: this process keeps its own record
        return False


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        wait = getattr(settings, "KINERJA_DB_CONNECT_WAIT_SECONDS", 2.0)
        record = _outage_record(conn_params)
        deadline = time.monotonic() + wait
        while True:
            try:
                connection = super().get_new_connection(conn_params)
            except self.Database.OperationalError:
                if _Outage.failed(record, time.time()) >= wait or time.monotonic() + RETRY_STEP_SECONDS > deadline:
                    raise
                time.sleep(RETRY_STEP_SECONDS)
                continue
            _Outage.ended(record)
            return connection


def outage_lasted() -> float:
    """Seconds the server has been refusing connections, as far as this machine knows (0 when it answers)."""
    with _Outage.lock:
        since, record, writable = _Outage.since, _Outage.record, _Outage.record_writable
    if since is None:
        return 0.0
    now = time.time()
    if writable:  # the shared record is the truth: gone when any process has connected since
        since = _read_record(record, now)
    return 0.0 if since is None else max(0.0, now - since)
