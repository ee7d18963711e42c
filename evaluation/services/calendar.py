"""The data calendar: an IKU's schedule, and opening a year's data-entry tasks for many agencies at once."""

import datetime

from django.db import connection, transaction
from django.utils import timezone
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS
from viewflow.workflow.token import Token

from common.bulk import insert_rows

from .. import permissions
from ..flows import DataEntryFlow
from ..models import DataEntry, DataEntryProcess, DataSchedule, period_bounds


@transaction.atomic
def set_schedule(*, indicator, by, frequency: str, pic, due_day: int, value_kind: str, min_value=None, max_value=None):
    """Put an IKU on the data calendar (or change its place); entries already opened keep their due dates."""
    permissions.check_edit_schedule(by, indicator.agency_id)
    schedule = DataSchedule.objects.filter(indicator=indicator).first() or DataSchedule(indicator=indicator)
    schedule.frequency, schedule.pic, schedule.due_day = frequency, pic, due_day
    schedule.value_kind, schedule.min_value, schedule.max_value = value_kind, min_value, max_value
    schedule.full_clean()
    schedule.save()
    return schedule


def open_data_entries(*, year: int, agency_ids, by) -> int:
    """Open the year's data-entry tasks of every scheduled, active IKU of the agencies; returns how many were new.

    A second run opens only what is missing. The rows are those `DataEntryFlow.start.run(entry=…)` creates (a NEW
    process, a DONE start task and an ASSIGNED `enter` task owned by the PIC, sharing the start token), written with
    one multi-row INSERT per table as the period opening does (workflow/opening/bulk.py): 50 agencies × 20 IKU × 12
    months must open in under 5 s (bench/evaluation.py). tests/evaluation/test_calendar.py compares both paths.
    """
    permissions.check_open_calendar(by, agency_ids)
    schedules = list(
        DataSchedule.objects.filter(indicator__agency_id__in=agency_ids, indicator__is_active=True)
        .select_related("pic")
        .only("pk", "frequency", "due_day", "pic__user_id")
    )
    with transaction.atomic():
        existing = set(
            DataEntry.objects.filter(schedule__in=schedules, starts_on__year=year).values_list(
                "schedule_id", "starts_on"
            )
        )
        rows, owner_ids = [], []  # (schedule id, starts on, ends on, due on) and the PIC's user per new entry
        for schedule in schedules:
            for starts_on, ends_on in period_bounds(year, schedule.frequency):
                if (schedule.pk, starts_on) not in existing:
                    rows.append((schedule.pk, starts_on, ends_on, ends_on + datetime.timedelta(days=schedule.due_day)))
                    owner_ids.append(schedule.pic.user_id)
        entry_ids = _insert_entries(rows)
        _start_processes(entry_ids=entry_ids, owner_ids=owner_ids)
    return len(entry_ids)


ENTRY_VARYING = ("schedule_id", "starts_on", "ends_on", "due_on")


def _insert_entries(rows: list[tuple]) -> list[int]:
    """New entries from (schedule id, starts on, ends on, due on) rows; their ids in order. On PostgreSQL one INSERT …
    SELECT FROM unnest of typed arrays: Django's bulk_create builds and prepares every value of every row, two thirds
    of the opening's time at 12,000 entries."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        entries = [DataEntry(**dict(zip(ENTRY_VARYING, row, strict=True))) for row in rows]
        return [entry.pk for entry in DataEntry.objects.bulk_create(entries, batch_size=2000)]
    template = DataEntry(created_at=timezone.now())
    opts = DataEntry._meta
    fields = [field for field in opts.local_concrete_fields if field is not opts.auto_field]
    expressions, params = [], []
    for field in fields:
        if field.attname in ENTRY_VARYING:
            expressions.append(f"v.c{ENTRY_VARYING.index(field.attname)}")
        else:
            expressions.append(f"CAST(%s AS {field.cast_db_type(connection)})")
            params.append(field.get_db_prep_save(field.pre_save(template, add=True), connection))
    arrays = []
    for attname in ENTRY_VARYING:
        field = opts.get_field(attname.removesuffix("_id"))
        column_type = (field.target_field if field.is_relation else field).cast_db_type(connection)
        arrays.append(f"CAST(%s AS {column_type}[])")
    params.extend(list(column) for column in zip(*rows, strict=True))
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(opts.db_table)} ({', '.join(quote(field.column) for field in fields)}) "
        f"SELECT {', '.join(expressions)} FROM unnest({', '.join(arrays)}) WITH ORDINALITY AS v(c0, c1, c2, c3, n) "
        f"ORDER BY v.n RETURNING {quote(opts.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for (pk,) in cursor.fetchall()]


def _start_processes(*, entry_ids: list[int], owner_ids: list[int]) -> None:
    if not entry_ids:
        return
    base = timezone.now()

    def at(step: int) -> datetime.datetime:
        return base + datetime.timedelta(microseconds=step)

    process_ids = insert_rows(
        Process(flow_class=DataEntryFlow, status=PROCESS.NEW, created=at(0), data={}), rows=[()] * len(entry_ids)
    )
    insert_rows(
        DataEntryProcess(),
        "process_ptr_id",
        "entry_id",
        rows=list(zip(process_ids, entry_ids, strict=True)),
    )
    token = Token("start")
    start = Task(
        flow_task=DataEntryFlow.start, flow_task_type=DataEntryFlow.start.task_type, status=STATUS.DONE, token=token
    )
    start.started, start.created, start.finished, start.data = at(1), at(2), at(3), {}
    start_ids = insert_rows(start, "process_id", rows=[(process_id,) for process_id in process_ids])
    enter = Task(
        flow_task=DataEntryFlow.enter, flow_task_type=DataEntryFlow.enter.task_type, status=STATUS.ASSIGNED, token=token
    )
    enter.created, enter.data = at(4), {}
    enter_ids = insert_rows(enter, "process_id", "owner_id", rows=list(zip(process_ids, owner_ids, strict=True)))
    insert_rows(
        Task.previous.through(), "from_task_id", "to_task_id", rows=list(zip(enter_ids, start_ids, strict=True))
    )
