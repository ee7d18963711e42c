"""The lists behind the numbers (drill-down), the supervisor's team and the agency head's open action items."""

from django.db.models import QuerySet
from viewflow.workflow.models import Task

from agencies.models import Employee, Period
from forums.selectors import open_actions_for_agency
from workflow.models import Plan
from workflow.selectors import PLAN_JOINS, due_at_for, team_members_without_plan, team_plans

from .overview import PLAN_BUCKETS, overdue_tasks_q

__all__ = [
    "DRILL_KINDS",
    "drill_down",
    "task_due",
    "open_actions",
    "team_rows",
    "team_without_plan",
]

DRILL_KINDS = frozenset({"not_started", "overdue", "plans", *PLAN_BUCKETS})


def drill_down(
    *,
    period: Period,
    agency_ids: list[int],
    stage: str,
    predikat: str = "",
    owner_id: int | None = None,
    now=None,
) -> tuple[str, QuerySet]:
    """The records behind one number of the dashboards: ("employees" | "plans" | "tasks", queryset).

    `stage` is a bucket key, "not_started", "overdue" or "plans" (every plan, optionally of one predikat).
    """
    if stage == "not_started":
        employees = (
            Employee.objects.filter(is_active=True, agency_id__in=agency_ids)
            .exclude(plans__period=period)
            .select_related("agency", "unit", "supervisor")
            .order_by("agency__short_name", "name", "pk")
        )
        return "employees", employees
    if stage == "overdue":
        tasks = Task.objects.filter(overdue_tasks_q(period=period, now=now)).filter(
            process__planprocess__plan__employee__agency_id__in=agency_ids
        )
        if owner_id is not None:
            tasks = tasks.filter(owner_id=owner_id)
        tasks = tasks.select_related(
            "owner__employee",
            "process__planprocess__plan__employee__agency",
            "process__planprocess__plan__period",
        ).order_by("process__planprocess__plan__employee__agency__short_name", "created", "pk")
        return "tasks", tasks
    plans = Plan.objects.filter(period=period, employee__agency_id__in=agency_ids)
    if stage in PLAN_BUCKETS:
        plans = plans.filter(stage__in=PLAN_BUCKETS[stage].stages)
    if predikat:
        plans = plans.filter(predikat=predikat)
    return "plans", plans.select_related(*PLAN_JOINS).order_by("employee__agency__short_name", "employee__name", "pk")


def task_due(tasks) -> None:
    """Set `due_at` on each task of a drill-down page (its plan, period and agency were joined by `drill_down`)."""
    for task in tasks:
        task.due_at = due_at_for(task.flow_task.name, task.process.planprocess.plan)


def team_rows(*, user, period: Period | None) -> list[dict]:
    """The supervisor's team: each subordinate's plan with stage, the due date of the current step, realisation
    progress and ratings once given (workflow's `team_plans` does the joins and the counting)."""
    rows = []
    for plan in team_plans(user=user, period=period):
        rows.append(
            {
                "plan": plan,
                "due": due_at_for(plan.stage, plan),
                "progress": round(100 * plan.realised_count / plan.indicator_count) if plan.indicator_count else None,
            }
        )
    return rows


def team_without_plan(*, user, period: Period | None) -> QuerySet:
    return team_members_without_plan(user=user, period=period).select_related("unit").order_by("name")


def open_actions(*, agency_id: int) -> QuerySet:
    """The agency's open forum action items, overdue first (forums owns the rule)."""
    return open_actions_for_agency(agency_id=agency_id)
