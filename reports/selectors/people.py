"""The lists behind the numbers (drill-down), the supervisor's team and the agency head's open action items."""

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task

from agencies.models import Employee, Period
from forums.selectors import open_actions_for_agency
from workflow.models import Plan
from workflow.selectors import PLAN_JOINS, due_at_for, team_members_without_plan, team_plans, with_due_dates

from .overview import PLAN_BUCKETS, overdue_tasks_q

__all__ = [
    "DRILL_KINDS",
    "DrillKind",
    "drill_down",
    "task_due",
    "open_actions",
    "team_rows",
    "team_without_plan",
]

DRILL_KINDS = frozenset({"not_started", "overdue", "plans", *PLAN_BUCKETS})


class DrillKind(models.TextChoices):
    """What a drill-down lists; the label is the page's heading, the value names its rows' template."""

    EMPLOYEES = "employees", _("Active employees without a plan")
    TASKS = "tasks", _("Overdue tasks")
    PLANS = "plans", _("Plans")

    @property
    def rows_template(self) -> str:
        return f"reports/_drill_{self.value}.html"


def drill_down(
    *,
    period: Period,
    agency_ids: list[int],
    stage: str,
    predikat: str = "",
    owner_id: int | None = None,
    now=None,
) -> tuple[DrillKind, QuerySet]:
    """The records behind one number of the dashboards: (what they are, queryset).

    `stage` is a bucket key, "not_started", "overdue" or "plans" (every plan, optionally of one predikat).
    """
    if stage == "not_started":
        employees = (
            Employee.objects.filter(is_active=True, agency_id__in=agency_ids)
            .exclude(plans__period=period)
            .select_related("agency", "unit", "supervisor")
            .order_by("agency__short_name", "name", "pk")
        )
        return DrillKind.EMPLOYEES, employees
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
        return DrillKind.TASKS, tasks
    plans = Plan.objects.filter(period=period, employee__agency_id__in=agency_ids, ended_on__isnull=True)
    if stage in PLAN_BUCKETS:
        plans = plans.filter(stage__in=PLAN_BUCKETS[stage].stages)
    if predikat:
        plans = plans.filter(predikat=predikat)
    plans = plans.select_related(*PLAN_JOINS).order_by("employee__agency__short_name", "employee__name", "pk")
    return DrillKind.PLANS, plans


def task_due(tasks) -> None:
    """Set `due_at` on each task of a drill-down page (its plan, period and agency were joined by `drill_down`)."""
    for task in tasks:
        task.due_at = due_at_for(task.flow_task.name, task.process.planprocess.plan)


def team_rows(*, user, period: Period | None) -> list[dict]:
    """The supervisor's team: each subordinate's plan with stage, the due date of the current step, realisation
    progress and ratings once given (workflow's `team_plans` does the joins and the counting)."""
    rows = []
    for plan in with_due_dates(team_plans(user=user, period=period)):
        rows.append(
            {
                "plan": plan,
                "due": plan.due_at,
                "overdue": plan.overdue,
                "progress": round(100 * plan.realised_count / plan.indicator_count) if plan.indicator_count else None,
            }
        )
    return rows


def team_without_plan(*, user, period: Period | None) -> QuerySet:
    return team_members_without_plan(user=user, period=period).select_related("unit").order_by("name")


def open_actions(*, agency_id: int) -> QuerySet:
    """The agency's open forum action items, overdue first (forums owns the rule)."""
    return open_actions_for_agency(agency_id=agency_id)
