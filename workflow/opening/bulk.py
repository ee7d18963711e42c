"""Writing the rows of many started plans at once, straight into Kinerja's and viewflow's tables.

Starting plans one by one through the engine costs about 2 s per 1,000, and an opening for 10,000 employees must
take under 10 s (bench/opening.py measures it). So `create_plans` writes, with one multi-row INSERT per table,
exactly the rows that `workflow.services.start_plan` gets from `PlanFlow.start.run`: a draft Plan, its PlanProcess
(status NEW, empty data), a DONE start task, an ASSIGNED draft task owned by the employee's user that points back to
the start task (same token), and a `started` history row. tests/workflow/test_opening.py compares both paths row by
row and drives a bulk-opened plan through the rest of the flow.
"""

import datetime
import sqlite3

from django.db import connection
from django.dispatch import Signal
from django.utils import timezone
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS
from viewflow.workflow.token import Token

from agencies.models import Period

from ..flows import PlanFlow
from ..models import Action, Plan, PlanEvent, PlanProcess, Stage

# Sent inside each chunk's transaction with the ids of the draft tasks it created. Bulk inserts bypass the Task
# post_save that notifies single starts, so a notifications app can listen here and notify owners in bulk.
tasks_assigned_in_bulk = Signal()


def create_plans(*, period: Period, employees: list[tuple[int, int]], actor_id: int | None) -> None:
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
