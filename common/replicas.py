"""Heavy read-only pages read from a PostgreSQL streaming replica, when there is one (deploy/province.md).

With DATABASE_REPLICA_URL set (settings.py adds the "replica" alias), a GET of a page named in REPLICA_PAGES reads
from the replica; everything else stays on the primary ("default"): every other page, every write, every read in a
transaction (`atomic`), the session, the signed-in identity (agencies/identity.py reads it in `primary_reads()`),
viewflow's processes and tasks, the task queue and the login lockouts. Without a replica nothing here does anything.

Three rules keep a reader from seeing the past:
- read-your-writes: after any request that may write (not GET/HEAD/OPTIONS), a signed cookie keeps that browser's
  reads on the primary for KINERJA_REPLICA_STICKY_SECONDS, so whoever just saved sees it on the next page;
- freshness: the replica is used only while its replay lags at most KINERJA_REPLICA_MAX_LAG_SECONDS behind (or it
  has replayed everything it received from a live stream: an idle primary sends nothing, and the replay time then
  ages without the replica being behind). Measured at most every KINERJA_REPLICA_CHECK_SECONDS per process, so a
  page is at most about the sum of the two behind;
- failure: a replica that refuses connections, or a page whose replica query failed (a replica stopped mid-page, a
  query cancelled by a conflict with recovery), is served from the primary: the page runs once more there.
A request reads from one database only: the choice is made at its first read and kept.
"""

import contextlib
import logging
import threading
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"

# The one list of what may read from the replica: URL names of pages that only read, are heavy, and tolerate data a
# few seconds old (dashboards and the compliance board, reports, exports, the public pages, the API's bulk reads).
REPLICA_PAGES = frozenset(
    {
        "reports:index",
        "reports:dashboard",
        "reports:period_overview",
        "reports:drill_down",
        "reports:distribution",
        "reports:iku",
        "reports:agency_dashboard",
        "reports:team_dashboard",
        "reports:compliance",
        "reports:export",
        "reports:recap_pdf",
        "reminders:agency_people",
        "workflow:team_export",
        "workflow:agency_plans_export",
        "development:coverage",
        "development:completed_export",
        "development:training_report",
        "development:training_effect",
        "surveys:results",
        "surveys:service_results",
        "surveys:export",
        "feedback:public_page",
        "feedback:public_csv",
        "api:national-export",
        "api:national-export-csv",
        "api:survey-results",
    }
)
# Read from the primary even on those pages: state the next write decides on (viewflow's processes and tasks), and
# the machinery's own tables (sessions, the task queue, login lockouts, API tokens just issued).
PRIMARY_ONLY_APPS = frozenset({"sessions", "viewflow", "django_tasks_database", "axes"})
PRIMARY_ONLY_MODELS = frozenset({"api.apitoken"})

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
WROTE_COOKIE = "kinerja_wrote"
WROTE_SALT = "common.replicas.wrote"

FRESHNESS_SQL = """
SELECT NOT pg_is_in_recovery()
    OR (pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
        AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')),
    EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())
"""


def configured() -> bool:
    return settings.KINERJA_REPLICA_READS


@dataclass
class _Reads:
    """This request's reading: whether it may use the replica, where its reads went, whether a replica query failed,
    whether this is the page's second run (on the primary, after a failed replica read)."""

    allowed: bool = False
    alias: str | None = None
    replica_failed: bool = False
    second_run: bool = False


_reads: ContextVar[_Reads | None] = ContextVar("kinerja_replica_reads", default=None)


@contextlib.contextmanager
def primary_reads():
    """Everything read inside reads from the primary, whatever page this is."""
    token = _reads.set(None)
    try:
        yield
    finally:
        _reads.reset(token)


class _Health:
    """This process's last measure of the replica: when, and whether it was usable."""

    lock = threading.Lock()
    checked_at = float("-inf")
    usable: bool | None = None  # not measured yet

    @classmethod
    def record(cls, usable: bool, why: str = "") -> bool:
        if usable != cls.usable:  # logged when it changes, not at every measure
            if not usable:
                logger.warning("Reading from the primary only: %s", why)
            elif cls.usable is not None:
                logger.warning("The replica is usable again")
        cls.checked_at, cls.usable = time.monotonic(), usable
        return usable


def _measure() -> tuple[bool, str]:
    """Whether the replica is usable, and why not."""
    replica = connections[REPLICA]
    try:
        if replica.vendor != "postgresql":  # a test mirror of the primary: never behind
            replica.ensure_connection()
            return True, ""
        with replica.cursor() as cursor:
            cursor.execute(FRESHNESS_SQL)
            caught_up, lag_seconds = cursor.fetchone()
    except DatabaseError as error:
        replica.close()
        return False, f"the replica does not answer ({error})"
    if caught_up or (lag_seconds is not None and lag_seconds <= settings.KINERJA_REPLICA_MAX_LAG_SECONDS):
        return True, ""
    return False, f"the replica's last replayed commit is {lag_seconds} s old"


def replica_usable() -> bool:
    """Whether reads may go to the replica now: measured at most every KINERJA_REPLICA_CHECK_SECONDS per process."""
    if time.monotonic() - _Health.checked_at < settings.KINERJA_REPLICA_CHECK_SECONDS:
        return _Health.usable
    with _Health.lock:
        if time.monotonic() - _Health.checked_at < settings.KINERJA_REPLICA_CHECK_SECONDS:
            return _Health.usable
        return _Health.record(*_measure())


def _connected() -> bool:
    """The replica connection is open and answers (Django's health check of a reused connection), or opens now."""
    replica = connections[REPLICA]
    try:
        replica.close_if_health_check_failed()
        replica.ensure_connection()
    except DatabaseError as error:
        replica.close()
        with _Health.lock:
            _Health.record(False, f"the replica does not answer ({error})")
        return False
    return True


class ReplicaRouter:
    """Reads of a page allowed by ReplicaReadsMiddleware go to the replica while it is usable, all else to the
    primary."""

    def db_for_read(self, model, **hints):
        reads = _reads.get()
        if reads is None or not reads.allowed:
            return None
        meta = model._meta
        if meta.app_label in PRIMARY_ONLY_APPS or meta.label_lower in PRIMARY_ONLY_MODELS:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if reads.alias is None:
            reads.alias = REPLICA if replica_usable() and _connected() else PRIMARY
        return reads.alias

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's rows

    def allow_migrate(self, db, app_label, **hints):
        return False if db == REPLICA else None


def _recently_wrote(request) -> bool:
    return (
        request.get_signed_cookie(
            WROTE_COOKIE, default=None, salt=WROTE_SALT, max_age=settings.KINERJA_REPLICA_STICKY_SECONDS
        )
        is not None
    )


def _remember_write(response) -> None:
    response.set_signed_cookie(
        WROTE_COOKIE,
        "1",
        salt=WROTE_SALT,
        max_age=settings.KINERJA_REPLICA_STICKY_SECONDS,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class ReplicaReadsMiddleware:
    """Lets a GET of a page in REPLICA_PAGES read from the replica (unless this browser wrote a moment ago), keeps
    a writer's next reads on the primary, and runs a page once more on the primary when its replica read failed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not configured():
            return self.get_response(request)
        reads = _Reads()
        token = _reads.set(reads)

        def note_failure(execute, sql, params, many, context):
            try:
                return execute(sql, params, many, context)
            except DatabaseError:
                reads.replica_failed = True
                raise

        try:
            with connections[REPLICA].execute_wrapper(note_failure):
                response = self.get_response(request)
            if reads.replica_failed and response.status_code >= 500:
                logger.warning("A replica read failed; serving %s from the primary", request.path)
                connections[REPLICA].close()
                with _Health.lock:
                    _Health.record(False, "a replica read failed")
                _reads.set(_Reads(second_run=True))
                response = self.get_response(request)
        finally:
            _reads.reset(token)
        if request.method not in SAFE_METHODS:
            _remember_write(response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        reads = _reads.get()
        if (
            reads is not None
            and not reads.second_run
            and request.method in ("GET", "HEAD")
            and request.resolver_match.view_name in REPLICA_PAGES
            and not _recently_wrote(request)
        ):
            reads.allowed = True
        return None


def forget_health() -> None:
    """Measure the replica afresh at the next read (tests, and after an operator repaired it)."""
    with _Health.lock:
        _Health.checked_at = float("-inf")
