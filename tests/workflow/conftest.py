"""Workflow fixtures: an approved plan of the supervisor to cascade from, and the employee's opened plan."""

import pytest
from viewflow.workflow.models import Task

from tests.factories import PlanFactory, ResultIndicatorFactory, ResultPlanFactory
from workflow import services
from workflow.flows import PlanFlow


@pytest.fixture
def supervisor_plan(supervisor, period):
    """The supervisor's approved plan (built directly: only a cascade target here)."""
    plan = PlanFactory(employee=supervisor, period=period, stage="realisation", supervisor=supervisor.supervisor)
    result = ResultPlanFactory(plan=plan, text="Meningkatnya kecepatan layanan dokumen kependudukan")
    ResultIndicatorFactory(result=result)
    return plan


@pytest.fixture
def supervisor_rhk(supervisor_plan):
    return supervisor_plan.results.get()


@pytest.fixture
def plan(employee, period):
    return services.start_plan(employee=employee, period=period)


@pytest.fixture
def filled_plan(plan, employee, supervisor_rhk):
    """The employee's draft with one main RHK cascading from the supervisor and one numeric indicator."""
    result = services.add_result(
        plan=plan, by=employee.user, text="Terbitnya KTP-el tepat waktu", supports=supervisor_rhk
    )
    services.add_indicator(
        result=result, by=employee.user, description="KTP-el terbit", target_value=500, target_unit="dokumen"
    )
    return plan


def open_task(plan, name):
    """The open task of `plan` at node `name`, or None."""
    return Task.objects.filter(
        process__planprocess__plan=plan, flow_task=getattr(PlanFlow, name), status__in=["NEW", "ASSIGNED", "STARTED"]
    ).first()
