"""Opening a period for whole agencies: every active employee's plan, process and first task, written in bulk.

Starting plans one by one through the engine costs about 2 s per 1,000 (docs/viewflow.md), and an opening for
10,000 employees must take under 10 s. So for each chunk of employees this module writes, with bulk inserts,
exactly the rows that `workflow.services.start_plan` gets from `PlanFlow.start.run`: a draft Plan, its PlanProcess
(status NEW, empty data), a DONE start task, an ASSIGNED draft task owned by the employee's user that points back to
the start task (same token), and a `started` history row — and it commits them together with the opening's progress
in one transaction, so a plan is never visible without its process and task. tests/workflow/test_opening.py
compares both paths row by row and drives a bulk-opened plan through the rest of the flow.

Re-running is always safe: employees who already have a plan for the period are skipped, and the unique
(employee, period) constraint turns a race with a single start into a retried chunk rather than a duplicate.
"""

import datetime
import sqlite3
from collections.abc import Callable, Iterable
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.dispatch import Signal
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS
from viewflow.workflow.token import Token

from agencies.access import agencies_coordinated_by, coordinates_agency
from agencies.models import Agency, Employee, Period
from agencies.roles import roles_for

from ..flows import PlanFlow
from ..models import (
    UNFINISHED_OPENING_STATUSES,
    Action,
    OpeningStatus,
    PeriodOpening,
    Plan,
    PlanEvent,
    PlanProcess,
    Stage,
)

CHUNK_SIZE = 1000
RACE_RETRIES = 3

# Sent inside each chunk's transaction with the ids of the draft tasks it created. Bulk inserts bypass the Task
# post_save that notifies single starts, so a notifications app can listen here and notify owners in bulk.
tasks_assigned_in_bulk = Signal()


# Permissions -------------------------------------------------------------------------------------------------------


def can_open_periods(user) -> bool:
    roles = roles_for(user)
    return roles.is_coordinator or roles.is_administrator


def check_open_periods(user) -> None:
    if not can_open_periods(user):
        raise PermissionDenied


def check_open_period_for_agencies(user, agency_ids: Iterable[int]) -> None:
    """Coordinators open periods only for agencies in their scope; administrators for every agency."""
    check_open_periods(user)
    if not all(coordinates_agency(user, agency_id) for agency_id in agency_ids):
        raise PermissionDenied(_("You do not coordinate every chosen agency."))


# Selectors ---------------------------------------------------------------------------------------------------------


def agencies_with_counts(*, user, period: Period) -> list[Agency]:
    """Agencies in the user's scope, each with `active_count` (active employees) and `planned_count` (of them, those
    with a plan for the period): three queries whatever the number of agencies."""
    agencies = list(agencies_coordinated_by(user).order_by("name"))
    active = Employee.objects.filter(is_active=True, agency__in=[agency.pk for agency in agencies])
    active_counts = dict(active.values("agency_id").annotate(n=Count("pk")).values_list("agency_id", "n"))
    planned_counts = dict(
        active.filter(plans__period=period).values("agency_id").annotate(n=Count("pk")).values_list("agency_id", "n")
    )
    for agency in agencies:
        agency.active_count = active_counts.get(agency.pk, 0)
        agency.planned_count = planned_counts.get(agency.pk, 0)
    return agencies


def get_opening_for_user(*, user, period_id: int, opening_id: int) -> PeriodOpening:
    """The opening, if the user may open periods for every one of its agencies; otherwise 404."""
    check_open_periods(user)
    opening = (
        PeriodOpening.objects.select_related("period", "requested_by")
        .prefetch_related("agencies")
        .filter(pk=opening_id, period_id=period_id)
        .first()
    )
    if opening is None:
        raise Http404
    try:
        check_open_period_for_agencies(user, [agency.pk for agency in opening.agencies.all()])
    except PermissionDenied:
        raise Http404 from None
    return opening


def unfinished_opening(*, period: Period) -> PeriodOpening | None:
    return PeriodOpening.objects.filter(period=period, status__in=UNFINISHED_OPENING_STATUSES).first()


# Services ----------------------------------------------------------------------------------------------------------


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
            transaction.on_commit(partial(run_opening_task.enqueue, opening_id=opening.pk), robust=True)
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
    *, opening_id: int, chunk_size: int = CHUNK_SIZE, on_progress: Callable[[PeriodOpening], None] | None = None
) -> PeriodOpening:
    """Create the missing plans of the opening chunk by chunk, one transaction each, until none is missing."""
    opening = _mark_running(opening_id)
    if opening.status == OpeningStatus.DONE:
        return opening
    retries, after_pk = 0, 0
    try:
        while True:
            try:
                created, after_pk = _open_chunk(opening=opening, chunk_size=chunk_size, after_pk=after_pk)
            except IntegrityError:
                # Someone started one of these plans meanwhile; the chunk rolled back whole, so just pick again.
                opening.refresh_from_db()
                retries += 1
                if retries > RACE_RETRIES:
                    raise
                continue
            retries = 0
            if on_progress is not None:
                on_progress(opening)
            if not created:
                break
    except Exception as error:
        opening.refresh_from_db()
        _finish(opening, status=OpeningStatus.FAILED, error=f"{type(error).__name__}: {error}")
        raise
    _finish(opening, status=OpeningStatus.DONE)
    return opening


@task()
def run_opening_task(*, opening_id: int) -> int:
    """Task worker entry point: run (or resume) the opening; returns how many plans it has created in all."""
    return run_opening(opening_id=opening_id).created


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
def _open_chunk(*, opening: PeriodOpening, chunk_size: int, after_pk: int) -> tuple[int, int]:
    """Open the plans of the next `chunk_size` employees (by id, after `after_pk`) without one and record the
    progress; returns how many, and the last employee id seen. When none is left, the counts are made exact.

    The opening's row is locked first, so two workers resuming the same opening take turns chunk by chunk (each
    sees what the other committed) instead of colliding on the same employees.
    """
    locked = PeriodOpening.objects.select_for_update().values("created", "done").get(pk=opening.pk)
    opening.created, opening.done = locked["created"], locked["done"]
    has_plan = Exists(Plan.objects.filter(employee=OuterRef("pk"), period_id=opening.period_id))
    missing = _employees_of(opening).filter(~has_plan, pk__gt=after_pk).order_by("pk")
    batch = list(missing.values_list("pk", "user_id")[:chunk_size])
    if batch:
        _create_plans(period=opening.period, employees=batch, actor_id=opening.requested_by_id)
        opening.created += len(batch)
        opening.done = min(opening.total, opening.done + len(batch))
    else:
        _count(opening)
    opening.heartbeat_at = timezone.now()
    opening.save(update_fields=["total", "done", "created", "heartbeat_at"])
    return len(batch), batch[-1][0] if batch else after_pk


def _create_plans(*, period: Period, employees: list[tuple[int, int]], actor_id: int | None) -> None:
    """The rows `start_plan` creates, for each (employee id, user id), with one multi-row INSERT per table.

    Each table's rows are copies of one template object (validated once) that differ only in their foreign keys.
    Timestamps keep the engine's order within a plan (plan, process, start task started/created/finished, draft
    task, history row), one microsecond apart.
    """
    base = timezone.now()

    def at(step: int) -> datetime.datetime:
        return base + datetime.timedelta(microseconds=step)

    plan = Plan(period=period, stage=Stage.DRAFT, created_at=at(0))
    plan.full_clean(exclude=["employee"], validate_unique=False, validate_constraints=False)
    plan_ids = _insert(plan, "employee_id", rows=[(employee_id,) for employee_id, _user_id in employees])

    process = Process(flow_class=PlanFlow, status=PROCESS.NEW, created=at(1), data={})
    process_ids = _insert(process, rows=[()] * len(employees))
    _insert(PlanProcess(), "process_ptr_id", "plan_id", rows=list(zip(process_ids, plan_ids, strict=True)))

    token = Token("start")
    start = Task(flow_task=PlanFlow.start, flow_task_type=PlanFlow.start.task_type, status=STATUS.DONE, token=token)
    start.started, start.created, start.finished, start.data = at(2), at(3), at(4), {}
    start_ids = _insert(start, "process_id", rows=[(process_id,) for process_id in process_ids])
    draft = Task(flow_task=PlanFlow.draft, flow_task_type=PlanFlow.draft.task_type, status=STATUS.ASSIGNED, token=token)
    draft.created, draft.data = at(5), {}
    draft_rows = [
        (process_id, user_id) for process_id, (_employee_id, user_id) in zip(process_ids, employees, strict=True)
    ]
    draft_ids = _insert(draft, "process_id", "owner_id", rows=draft_rows)
    _insert(Task.previous.through(), "from_task_id", "to_task_id", rows=list(zip(draft_ids, start_ids, strict=True)))

    event = PlanEvent(actor_id=actor_id, action=Action.STARTED, created_at=at(6))
    _insert(event, "plan_id", rows=[(plan_id,) for plan_id in plan_ids])
    tasks_assigned_in_bulk.send(sender=PlanFlow, task_ids=draft_ids)


def _insert(template, *varying: str, rows: list[tuple]) -> list[int]:
    """Insert one row per tuple of `rows`: the template's values, with the `varying` columns (attnames of integer
    fields such as foreign keys) taken from the tuple. Returns the new auto primary keys in row order (if any).

    Django's bulk_create prepares every value of every row (and refuses multi-table models such as PlanProcess);
    here the template's values are prepared once. PostgreSQL gets the varying columns as arrays (INSERT … SELECT
    FROM unnest, a handful of parameters per statement); SQLite gets multi-row VALUES.
    """
    if not rows:
        return []
    opts = template._meta
    auto_field = opts.auto_field if opts.pk is opts.auto_field else None
    fields = [field for field in opts.local_concrete_fields if field is not auto_field]
    constants = {
        field.attname: field.get_db_prep_save(field.pre_save(template, add=True), connection)
        for field in fields
        if field.attname not in varying
    }
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(opts.db_table)} ({', '.join(quote(field.column) for field in fields)}) "
    returning = f" RETURNING {quote(auto_field.column)}" if auto_field else ""
    if connection.vendor == "postgresql":
        statements = [_unnest_statement(fields, constants, varying, rows)]
    else:
        statements = _values_statements(fields, constants, varying, rows)
    ids = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(head + sql + returning, params)
            if auto_field:
                ids.extend(pk for (pk,) in cursor.fetchall())
    return ids


def _unnest_statement(fields, constants: dict, varying: tuple[str, ...], rows: list[tuple]) -> tuple[str, list]:
    columns = list(zip(*rows, strict=True))
    expressions, params = [], []
    for field in fields:
        if field.attname in varying:
            expressions.append(f"v.c{varying.index(field.attname)}")
        else:
            expressions.append(f"CAST(%s AS {field.cast_db_type(connection)})")
            params.append(constants[field.attname])
    arrays = ", ".join(["CAST(%s AS bigint[])"] * len(varying))
    aliases = ", ".join(f"c{index}" for index in range(len(varying)))
    params.extend(list(column) for column in columns)
    source = (
        f"unnest({arrays}) WITH ORDINALITY AS v({aliases}, n) ORDER BY v.n" if varying else "generate_series(1, %s)"
    )
    if not varying:
        params.append(len(rows))
    return f"SELECT {', '.join(expressions)} FROM {source}", params


def _values_statements(fields, constants: dict, varying: tuple[str, ...], rows: list[tuple]):
    positions = {attname: index for index, attname in enumerate(varying)}
    per_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = max(1, _max_query_params() // len(fields))
    for start in range(0, len(rows), per_statement):
        batch = rows[start : start + per_statement]
        params = [
            row[positions[field.attname]] if field.attname in positions else constants[field.attname]
            for row in batch
            for field in fields
        ]
        yield "VALUES " + ", ".join([per_row] * len(batch)), params


def _max_query_params() -> int:
    """SQLite tells its limit (32,766 by default since 3.32); other databases get Django's conservative 999."""
    if connection.vendor == "sqlite":
        return min(30_000, connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    return connection.features.max_query_params or 999
