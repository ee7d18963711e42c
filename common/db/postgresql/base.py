"""Django's PostgreSQL backend, riding out a restart: opening a connection is retried for a moment, then fails fast.

A PostgreSQL restart refuses connections for a second or so. A request that needs a new connection then waits
for it (up to KINERJA_DB_CONNECT_WAIT_SECONDS, 2 by default) instead of failing: nothing was executed yet, so any
request may safely wait. Once an outage has lasted that long, this process stops waiting: every request tries once
(a refused connection costs well under a millisecond) and answers the 503 page at once (config/errors.py), until a
connection succeeds again. Used as ENGINE "common.db.postgresql" (settings.py); everything else is Django's.
"""

import logging
import threading
import time

from django.conf import settings
from django.db.backends.postgresql import base

logger = logging.getLogger(__name__)
RETRY_STEP_SECONDS = 0.1


class _Outage:
    """When this process last found the server refusing connections (None: it is answering)."""

    lock = threading.Lock()
    since: float | None = None

    @classmethod
    def failed(cls, now: float) -> float:
        with cls.lock:
            if cls.since is None:
                cls.since = now
                logger.warning("PostgreSQL refuses connections; waiting briefly, then answering 503")
            return now - cls.since

    @classmethod
    def ended(cls) -> None:
        if cls.since is not None:
            with cls.lock:
                if cls.since is not None:
                    logger.warning("PostgreSQL answers again after %.1f s", time.monotonic() - cls.since)
                    cls.since = None


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        wait = getattr(settings, "KINERJA_DB_CONNECT_WAIT_SECONDS", 2.0)
        deadline = time.monotonic() + wait
        while True:
            try:
                connection = super().get_new_connection(conn_params)
            except self.Database.OperationalError:
                now = time.monotonic()
                if _Outage.failed(now) >= wait or now + RETRY_STEP_SECONDS > deadline:
                    raise
                time.sleep(RETRY_STEP_SECONDS)
                continue
            _Outage.ended()
            return connection


def outage_lasted() -> float:
    """Seconds this process has found the server refusing connections (0 when it answers)."""
    since = _Outage.since
    return 0.0 if since is None else time.monotonic() - since
