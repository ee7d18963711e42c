"""A small kabupaten in mid-period: plans in every stage, real open tasks (some overdue), predikat, people without
a plan, and helpers that compute the expected figures straight from the records, one row at a time."""

import datetime

import pytest
from django.utils import timezone
from viewflow.workflow.models import Task

from agencies.models import Employee
from tests.factories import EmployeeFactory, PlanFactory
from workflow import services
from workflow.models import Plan
from workflow.selectors import OPEN_STATUSES, due_at_for

# (stage, predikat) of the plans of the "extra" staff built by `staff_with_plans`.
MIX = [
    ("draft", ""),
    ("review", ""),
    ("realisation", ""),
    ("realisation", ""),
    ("self_assessment", ""),
    ("rating", ""),
    ("coaching", "BUTUH_PERBAIKAN"),
    ("done", "BAIK"),
    ("done", "BAIK"),
    ("done", "SANGAT_BAIK"),
]


def staff_with_plans(agency, period, *, mix=MIX, supervisor=None, started=0, without_plan=1):
    """Employees of `agency`: one plan each per `mix` entry, `started` more opened through the engine (an open
    draft task each), `without_plan` active people with no plan and one inactive person without a plan."""
    for stage, predikat in mix:
        person = EmployeeFactory(agency=agency, supervisor=supervisor)
        PlanFactory(employee=person, period=period, stage=stage, predikat=predikat, supervisor=supervisor)
    for _ in range(started):
        services.start_plan(employee=EmployeeFactory(agency=agency, supervisor=supervisor), period=period)
    for _ in range(without_plan):
        EmployeeFactory(agency=agency, supervisor=supervisor)
    EmployeeFactory(agency=agency, is_active=False)


@pytest.fixture
def kabupaten(agency, other_agency, head, supervisor, employee, colleague, outsider, period):
    """Two agencies with plans in every stage; the employee's and two extra plans have open (overdue) draft tasks."""
    services.start_plan(employee=employee, period=period)
    PlanFactory(employee=supervisor, period=period, stage="realisation", supervisor=head)
    staff_with_plans(agency, period, supervisor=supervisor, started=2)
    staff_with_plans(other_agency, period, mix=MIX[:5] + [("done", "KURANG")], without_plan=2)
    return {"agencies": [agency, other_agency], "period": period}


def expected_overview(agency, period, *, now=None):
    """The overview numbers of one agency, computed record by record (no aggregation)."""
    now = now or timezone.now()
    buckets = {
        "draft": {"draft"},
        "review": {"review"},
        "realisation": {"realisation"},
        "self_assessment": {"self_assessment"},
        "rating": {"rating"},
        "coaching": {"coaching"},
        "done": {"done"},
    }
    plans = [plan for plan in Plan.objects.filter(period=period) if plan.employee.agency_id == agency.pk]
    active = [person for person in Employee.objects.all() if person.agency_id == agency.pk and person.is_active]
    with_plan = {plan.employee_id for plan in plans}
    counts = {"not_started": sum(1 for person in active if person.pk not in with_plan)}
    for key, stages in buckets.items():
        counts[key] = sum(1 for plan in plans if plan.stage in stages)
    overdue = 0
    for task in Task.objects.all():
        if task.status not in OPEN_STATUSES or not hasattr(task.process, "planprocess"):
            continue
        plan = task.process.planprocess.plan
        if plan.period_id != period.pk or plan.employee.agency_id != agency.pk:
            continue
        due = due_at_for(task.flow_task.name, plan)
        overdue += due is not None and due < now
    return {"employees": len(active), "plans": len(plans), "counts": counts, "overdue": overdue}


@pytest.fixture
def past_period(db):
    from tests.factories import PeriodFactory

    return PeriodFactory(year=2025, status="closed", evaluation_due=datetime.date(2026, 1, 10))
