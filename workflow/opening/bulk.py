"""Writing the rows of many started plans at once, straight into Kinerja's and viewflow's tables.

Starting plans one by one through the engine costs about 2 s per 1,000, and an opening for 10,000 employees must
take under 10 s (bench/opening.py measures it). So `create_plans` writes, with one multi-row INSERT per table,
exactly the rows that `workflow.services.start_plan` gets from `PlanFlow.start.run`: a draft Plan, its PlanProcess
(status NEW, empty data), a DONE start task, an ASSIGNED draft task owned by the employee's user that points back to
the start task (same token), and a `started` history row. tests/workflow/test_opening.py compares both paths row by
row and drives a bulk-opened plan through the rest of the flow.
"""

import datetime

from django.dispatch import Signal
from django.utils import timezone
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS
from viewflow.workflow.token import Token

from agencies.models import Period
from common.bulk import insert_rows

from ..flows import PlanFlow
from ..models import Action, Plan, PlanEvent, PlanProcess, Stage

# Sent inside each chunk's transaction with the draft tasks it created, as (task id, owner's user id, plan id), their
# step, and the period's name and plan deadline (`subject`, `due`). Bulk inserts bypass the Task post_save that
# notifies single starts, so a notifications app can listen here and notify owners in bulk without reading back what
# was just written.
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
    plan_ids = insert_rows(plan, "employee_id", rows=[(employee_id,) for employee_id, _user_id in employees])

    process = Process(flow_class=PlanFlow, status=PROCESS.NEW, created=at(1), data={})
    process_ids = insert_rows(process, rows=[()] * len(employees))
    employee_ids = [employee_id for employee_id, _user_id in employees]
    insert_rows(
        PlanProcess(period=period),
        "process_ptr_id",
        "plan_id",
        "employee_id",
        rows=list(zip(process_ids, plan_ids, employee_ids, strict=True)),
    )

    token = Token("start")
    start = Task(flow_task=PlanFlow.start, flow_task_type=PlanFlow.start.task_type, status=STATUS.DONE, token=token)
    start.started, start.created, start.finished, start.data = at(2), at(3), at(4), {}
    start_ids = insert_rows(start, "process_id", rows=[(process_id,) for process_id in process_ids])
    draft = Task(flow_task=PlanFlow.draft, flow_task_type=PlanFlow.draft.task_type, status=STATUS.ASSIGNED, token=token)
    draft.created, draft.data = at(5), {}
    draft_rows = [
        (process_id, user_id) for process_id, (_employee_id, user_id) in zip(process_ids, employees, strict=True)
    ]
    draft_ids = insert_rows(draft, "process_id", "owner_id", rows=draft_rows)
    insert_rows(
        Task.previous.through(), "from_task_id", "to_task_id", rows=list(zip(draft_ids, start_ids, strict=True))
    )

    event = PlanEvent(actor_id=actor_id, action=Action.STARTED, created_at=at(6))
    insert_rows(event, "plan_id", rows=[(plan_id,) for plan_id in plan_ids])
    owners = [user_id for _employee_id, user_id in employees]
    assigned = list(zip(draft_ids, owners, plan_ids, strict=True))
    tasks_assigned_in_bulk.send(
        sender=PlanFlow, tasks=assigned, flow_task=PlanFlow.draft, subject=period.name, due=period.plan_due
    )
