"""The data calendar: an IKU's schedule, and opening a year's data-entry tasks for many agencies at once."""

import datetime

from django.db import transaction
from django.utils import timezone
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS
from viewflow.workflow.token import Token

from common.bulk import insert_rows

from .. import permissions
from ..flows import DataEntryFlow
from ..models import DataEntry, DataEntryProcess, DataSchedule, period_bounds
from .sources import adopt_waiting_figures


@transaction.atomic
def set_schedule(*, indicator, by, frequency: str, pic, due_day: int, value_kind: str, min_value=None, max_value=None):
    """Put an IKU on the data calendar (or change its place); entries already opened keep their due dates. Its
    computed and pushed figures still waiting for verification on the IKU page move into the calendar
    (services/sources.py)."""
    permissions.check_edit_schedule(by, indicator.agency_id)
    schedule = DataSchedule.objects.filter(indicator=indicator).first() or DataSchedule(indicator=indicator)
    schedule.frequency, schedule.pic, schedule.due_day = frequency, pic, due_day
    schedule.value_kind, schedule.min_value, schedule.max_value = value_kind, min_value, max_value
    schedule.full_clean()
    schedule.save()
    adopt_waiting_figures(schedule)
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
    """New entries from (schedule id, starts on, ends on, due on) rows; their ids in order (`insert_rows`: Django's
    bulk_create builds and prepares every value of every row, two thirds of the opening's time at 12,000 entries)."""
    template = DataEntry(created_at=timezone.now())
    template.full_clean(exclude=["schedule", "starts_on", "ends_on", "due_on"])
    return insert_rows(template, *ENTRY_VARYING, rows=rows)


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
