"""Workflow fixtures: an approved plan of the supervisor to cascade from, and the employee's opened plan."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
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


@pytest.fixture
def running_plan(filled_plan, employee, supervisor):
    """The filled plan, submitted and approved: in realisation."""
    services.submit_plan(plan=filled_plan, by=employee.user)
    services.approve_plan(plan=filled_plan, by=supervisor.user)
    return filled_plan


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


EVIDENCE_PDF = b"%PDF-1.4\nbukti dukung\n"


def record_realisation_with_evidence(plan, employee):
    indicator = plan.results.get().indicators.get()
    upload = SimpleUploadedFile("bukti.pdf", EVIDENCE_PDF, content_type="application/pdf")
    services.record_realisation(indicator=indicator, by=employee.user, value=10, files=[upload])


def advance(plan, stage, employee, supervisor):
    """Drive `plan` through the services until its open step is `stage` (a realisation with an evidence file on
    the way, a poor rating so that coaching follows); returns it refreshed."""
    steps = [
        ("review", lambda: services.submit_plan(plan=plan, by=employee.user)),
        ("realisation", lambda: services.approve_plan(plan=plan, by=supervisor.user)),
        (
            "self_assessment",
            lambda: (
                record_realisation_with_evidence(plan, employee),
                services.finish_realisation(plan=plan, by=employee.user),
            ),
        ),
        (
            "rating",
            lambda: services.submit_self_assessment(
                plan=plan, by=employee.user, results_rating="BELOW", summary="Belum tercapai"
            ),
        ),
        (
            "coaching",
            lambda: services.rate_plan(
                plan=plan,
                by=supervisor.user,
                results_rating="BELOW",
                behaviour_rating="BELOW",
                result_ratings={plan.results.get().pk: ("BELOW", "")},
            ),
        ),
        (
            "acknowledge",
            lambda: services.plan_coaching(
                plan=plan,
                by=supervisor.user,
                kind="bimbingan",
                problems="Target tidak tercapai",
                agreed_actions="Pendampingan mingguan",
                due_on=datetime.date(2027, 3, 1),
            ),
        ),
        ("close_coaching", lambda: services.acknowledge_coaching(plan=plan, by=employee.user)),
    ]
    for reached, step in steps:
        if open_task(plan, stage) is not None:
            break
        step()
        assert open_task(plan, reached) is not None
    plan.refresh_from_db()
    return plan
