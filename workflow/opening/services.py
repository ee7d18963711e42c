"""Opening a period for whole agencies: every active employee's plan, process and first task.

An opening is queued by the coordinator (`request_period_opening`, run by the task worker) or run to the end at once
(`open_period`: the management command and the benchmark). It works through the agencies' employees chunk by chunk;
each chunk's plans are written in bulk (`bulk.create_plans`) and committed together with the opening's progress in
one transaction, so a plan is never visible without its process and task.

Re-running is always safe: employees who already have a plan for the period are skipped, and the unique
(employee, period) constraint turns a race with a single start into a retried chunk rather than a duplicate.
"""

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Least
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Employee, Period

from ..models import UNFINISHED_OPENING_STATUSES, OpeningStatus, PeriodOpening, Plan
from . import bulk, tasks
from .permissions import check_open_period_for_agencies

CHUNK_SIZE = 1000
RACE_RETRIES = 3


def check_period_accepts_plans(period: Period) -> None:
    if not period.accepts_plans:
        raise ValidationError(_("Plans for this period can no longer be opened."))


def request_period_opening(*, period: Period, agency_ids: Iterable[int], by) -> PeriodOpening:
    """The coordinator asks for an opening: queue it for the task worker and return it for its progress page.

    A second request while the period's opening is queued or running returns that opening (adding any new
    agencies); a failed or stalled one is resumed.
    """
    agency_ids = sorted(set(agency_ids))
    check_open_period_for_agencies(by, agency_ids)
    check_period_accepts_plans(period)
    with transaction.atomic():
        opening, needs_run = _claim_opening(period=period, agency_ids=agency_ids, by=by, resume_live=False)
        if needs_run:
            transaction.on_commit(partial(tasks.run_opening_task.enqueue, opening_id=opening.pk), robust=True)
    return opening


def open_period(
    *,
    period: Period,
    agency_ids: Iterable[int],
    by,
    chunk_size: int = CHUNK_SIZE,
    on_progress: Callable[[PeriodOpening], None] | None = None,
) -> PeriodOpening:
    """Open the period for the agencies now, in this process (management command, benchmark), to the end.

    Creates the period's opening or resumes its unfinished one. `by=None` is the system (a command run by an
    operator); any user is permission-checked.
    """
    agency_ids = sorted(set(agency_ids))
    if by is not None:
        check_open_period_for_agencies(by, agency_ids)
    check_period_accepts_plans(period)
    with transaction.atomic():
        opening, _needs_run = _claim_opening(period=period, agency_ids=agency_ids, by=by, resume_live=True)
    return run_opening(opening_id=opening.pk, chunk_size=chunk_size, on_progress=on_progress)


def _claim_opening(*, period: Period, agency_ids: list[int], by, resume_live: bool) -> tuple[PeriodOpening, bool]:
    """The period's unfinished opening (with the agencies added) or a new one, and whether it must be (re)run."""
    opening = (
        PeriodOpening.objects.select_for_update().filter(period=period, status__in=UNFINISHED_OPENING_STATUSES).first()
    )
    if opening is None:
        opening = PeriodOpening(period=period, requested_by=by, status=OpeningStatus.QUEUED)
        opening.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                opening.save()
        except IntegrityError:  # another request created it a moment ago
            return _claim_opening(period=period, agency_ids=agency_ids, by=by, resume_live=resume_live)
        opening.agencies.add(*agency_ids)
        return opening, True
    opening.agencies.add(*agency_ids)
    if opening.is_failed or opening.is_stalled or resume_live:
        opening.status, opening.error = OpeningStatus.QUEUED, ""
        opening.heartbeat_at = timezone.now()
        opening.save(update_fields=["status", "error", "heartbeat_at"])
        return opening, True
    return opening, False


def run_opening(
    *,
    opening_id: int,
    chunk_size: int = CHUNK_SIZE,
    on_progress: Callable[[PeriodOpening], None] | None = None,
    workers: int | None = None,
) -> PeriodOpening:
    """Create the missing plans of the opening chunk by chunk, one transaction each, until none is missing.

    The employees' ids are read once and walked in order, `chunk_size` at a time: each chunk reads its own
    employees by primary key and only their plans, so a chunk costs the same at the first and the last of 100,000
    employees whatever the planner's statistics say; a last sweep then looks for anyone the walk could not see (an
    employee moved into one of the agencies meanwhile) until nobody is missing.

    On PostgreSQL the walk is split into `workers` ranges of employees walked at once on connections of their own
    (`parallel_workers`): most of a chunk's time is the database server's, and one connection keeps only one core
    busy. A caller inside a transaction gets one walk, since other connections could not see its rows.
    """
    opening = _mark_running(opening_id)
    if opening.status == OpeningStatus.DONE:
        return opening
    workers = parallel_workers() if workers is None else workers
    try:
        ids = list(_employees_of(opening).order_by("pk").values_list("pk", flat=True))
        if (
            workers > 1
            and len(ids) > chunk_size
            and connection.vendor == "postgresql"
            and not connection.in_atomic_block
        ):
            _walk_in_parallel(opening, ids, chunk_size=chunk_size, workers=workers, on_progress=on_progress)
        else:
            _walk(opening, ids, chunk_size=chunk_size, on_progress=on_progress)
        _sweep(opening, chunk_size=chunk_size, on_progress=on_progress)
    except Exception as error:
        opening.refresh_from_db()
        _finish(opening, status=OpeningStatus.FAILED, error=f"{type(error).__name__}: {error}")
        raise
    _finish(opening, status=OpeningStatus.DONE)
    return opening


def parallel_workers() -> int:
    """How many connections an opening walks the employees with (KINERJA_OPENING_WORKERS, default 2)."""
    return max(1, settings.KINERJA_OPENING_WORKERS)


def _retrying(opening: PeriodOpening, step: Callable[[], int]) -> int:
    """Run one chunk. A chunk that collided with a plan someone started meanwhile rolled back whole, so it is simply
    run again (a few times at most): it then finds that plan and skips its employee."""
    for attempt in range(RACE_RETRIES + 1):
        try:
            return step()
        except IntegrityError:
            if attempt == RACE_RETRIES:
                raise
            opening.refresh_from_db()
    raise AssertionError("unreachable")


def _walk(opening: PeriodOpening, ids: list[int], *, chunk_size: int, slot: int | None = None, on_progress=None):
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        _retrying(opening, partial(_open_chunk, opening=opening, ids=chunk, slot=slot))
        if on_progress is not None:
            on_progress(opening)


def _sweep(opening: PeriodOpening, *, chunk_size: int, on_progress=None) -> None:
    while True:
        created = _retrying(opening, partial(_sweep_chunk, opening=opening, chunk_size=chunk_size))
        if on_progress is not None:
            on_progress(opening)
        if not created:
            return


def _walk_in_parallel(opening: PeriodOpening, ids: list[int], *, chunk_size: int, workers: int, on_progress) -> None:
    """The walk over `workers` contiguous ranges of the employee ids at once, one thread and connection each."""
    size = -(-len(ids) // workers)  # ceiling division: `workers` ranges at most
    ranges = [ids[start : start + size] for start in range(0, len(ids), size)]
    reporting = threading.Lock()

    def report(current: PeriodOpening) -> None:
        if on_progress is not None:
            with reporting:
                on_progress(current)

    def walk_range(slot: int, part: list[int]) -> None:
        try:
            mine = PeriodOpening.objects.select_related("period").get(pk=opening.pk)
            _walk(mine, part, chunk_size=chunk_size, slot=slot, on_progress=report)
        finally:
            connections.close_all()  # this thread's connection

    with ThreadPoolExecutor(max_workers=len(ranges), thread_name_prefix="opening") as pool:
        futures = [pool.submit(walk_range, slot, part) for slot, part in enumerate(ranges)]
        for future in futures:
            future.result()  # a range's error fails the opening (the others finish their chunk first)


@transaction.atomic
def _mark_running(opening_id: int) -> PeriodOpening:
    opening = PeriodOpening.objects.select_for_update().select_related("period").get(pk=opening_id)
    if opening.status == OpeningStatus.DONE:
        return opening
    now = timezone.now()
    opening.status, opening.error, opening.heartbeat_at = OpeningStatus.RUNNING, "", now
    opening.started_at = now
    _count(opening)
    opening.save(update_fields=["status", "error", "heartbeat_at", "started_at", "total", "done"])
    return opening


def _count(opening: PeriodOpening) -> None:
    """Exact `total` and `done`, counted at the start and the end of a run (chunks add what they create)."""
    has_plan = Exists(Plan.objects.filter(employee=OuterRef("pk"), period_id=opening.period_id))
    counts = _employees_of(opening).aggregate(total=Count("pk"), done=Count("pk", filter=Q(has_plan)))
    opening.total, opening.done = counts["total"], counts["done"]


def _finish(opening: PeriodOpening, *, status: str, error: str = "") -> None:
    opening.status, opening.error = status, error
    opening.finished_at = timezone.now() if status == OpeningStatus.DONE else None
    opening.heartbeat_at = timezone.now()
    opening.save(update_fields=["status", "error", "finished_at", "heartbeat_at"])


def _employees_of(opening: PeriodOpening) -> QuerySet:
    agency_ids = PeriodOpening.agencies.through.objects.filter(periodopening_id=opening.pk).values("agency_id")
    return Employee.objects.filter(is_active=True, agency_id__in=agency_ids)


@transaction.atomic
def _open_chunk(*, opening: PeriodOpening, ids: list[int], slot: int | None = None) -> int:
    """Open the plans of those of the employees `ids` (still active in the opening's agencies) who have none, and
    record the progress; returns how many plans.

    Two runs of the same opening (two task workers resuming it) take turns chunk by chunk on the same range, each
    seeing what the other committed, instead of colliding on the same employees: one walk locks the opening's row,
    each range of a parallel walk (`slot`) takes a lock of its own.
    """
    _lock(opening, slot)
    candidates = list(_employees_of(opening).filter(pk__in=ids).order_by("pk").values_list("pk", "user_id"))
    planned = set(
        Plan.objects.filter(period_id=opening.period_id, employee_id__in=[pk for pk, _user_id in candidates])
        .order_by()
        .values_list("employee_id", flat=True)
    )
    batch = [candidate for candidate in candidates if candidate[0] not in planned]
    _create_and_record(opening, batch, shared=slot is not None)
    return len(batch)


@transaction.atomic
def _sweep_chunk(*, opening: PeriodOpening, chunk_size: int) -> int:
    """Open the plans of up to `chunk_size` employees of the agencies still without one, whatever their id; when
    nobody is missing, make the counts exact. Returns how many plans."""
    _lock(opening, None)
    has_plan = Exists(Plan.objects.filter(employee=OuterRef("pk"), period_id=opening.period_id))
    missing = _employees_of(opening).filter(~has_plan).order_by("pk")
    batch = list(missing.values_list("pk", "user_id")[:chunk_size])
    if not batch:
        _count(opening)
    _create_and_record(opening, batch, shared=False)
    return len(batch)


# The first key of the advisory locks on a parallel opening's ranges (the second: opening id * 64 + range).
_RANGE_LOCK_SPACE = 0x4B4F  # "KO"


def _lock(opening: PeriodOpening, slot: int | None) -> None:
    if slot is None:
        locked = PeriodOpening.objects.select_for_update().values("created", "done").get(pk=opening.pk)
        opening.created, opening.done = locked["created"], locked["done"]
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_RANGE_LOCK_SPACE, (opening.pk * 64 + slot) % 2**31])


def _create_and_record(opening: PeriodOpening, batch: list[tuple[int, int]], *, shared: bool) -> None:
    """Create the plans and record the progress. A range of a parallel walk (`shared`) checks its foreign keys
    first and then adds its counts in one UPDATE, so the opening's row is locked only for the moment of the
    commit, not while another range's chunk is written."""
    if batch:
        bulk.create_plans(period=opening.period, employees=batch, actor_id=opening.requested_by_id)
    if not shared:
        opening.created += len(batch)
        opening.done = min(opening.total, opening.done + len(batch))
        opening.heartbeat_at = timezone.now()
        opening.save(update_fields=["total", "done", "created", "heartbeat_at"])
        return
    connection.check_constraints()
    added = len(batch)
    PeriodOpening.objects.filter(pk=opening.pk).update(
        created=F("created") + added, done=Least(F("done") + added, F("total")), heartbeat_at=timezone.now()
    )
    opening.refresh_from_db(fields=["created", "done", "total"])
