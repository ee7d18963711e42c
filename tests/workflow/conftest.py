"""Workflow fixtures: an approved plan of the supervisor to cascade from, and the employee's opened plan."""

import pytest
from django.contrib.auth.models import Permission
from viewflow.workflow.models import Task

from tests.factories import CoordinatorFactory, PlanFactory, ResultIndicatorFactory, ResultPlanFactory, UserFactory
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


@pytest.fixture
def people(employee, colleague, supervisor, head, outsider, coordinator, other_agency):
    elsewhere = UserFactory(username="coordinator_elsewhere")
    CoordinatorFactory(user=elsewhere, all_agencies=False).agencies.add(other_agency)
    staff_reader = UserFactory(username="staff_reader", is_staff=True)
    staff_reader.user_permissions.add(Permission.objects.get(codename="view_plan", content_type__app_label="workflow"))
    return {
        "administrator": UserFactory(username="administrator", is_staff=True, is_superuser=True),
        "staff_reader": staff_reader,  # staff granted "Can view plan (SKP)" in the admin
        "staff": UserFactory(username="staff", is_staff=True),  # staff for other work: no plans
        "employee": employee.user,
        "colleague": colleague.user,
        "supervisor": supervisor.user,
        "head": head.user,
        "outsider": outsider.user,
        "coordinator": coordinator,
        "coordinator_elsewhere": elsewhere,
        "anonymous": None,
    }
