"""Every operation of the published schema, fuzzed in-process through the WSGI app with generated input, as an
anonymous caller, a scoped service account and a person: no server error and no response that breaks the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from agencies.models import IndicatorTarget
from tests.factories import (
    EmployeeFactory,
    IndicatorFactory,
    IndicatorRealisationFactory,
    PlanFactory,
    ResultIndicatorFactory,
    ResultPlanFactory,
)

SCOPES = ["people:read", "people:write", "iku:read", "iku:write", "plans:read", "complaints:read", "export:read"]
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# Read from the app itself, as a client would (the schema view touches no database).
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture
def world(agency, head, employee, period):
    """Data for the operations to find: an IKU with a target and a figure, a plan with an RHK, a team member."""
    indicator = IndicatorFactory(agency=agency)
    IndicatorTarget.objects.create(indicator=indicator, year=period.year, value=10)
    IndicatorRealisationFactory(indicator=indicator, period=period)
    ResultIndicatorFactory(result=ResultPlanFactory(plan=PlanFactory(employee=employee, period=period)))
    EmployeeFactory(agency=agency, supervisor=head)
    return agency


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI app closes old database connections at each request's start and end; inside a test that would close
    the test's own transaction's connection (on PostgreSQL), so keep them open as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


FUZZ = settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@schema.parametrize()
@FUZZ
def test_anonymous(case, world):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_scoped_service_account(case, world, make_service):
    token = make_service(scopes=SCOPES, agencies=[world])
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_person(case, world, head, make_personal):
    case.call_and_validate(headers={"Authorization": f"Bearer {make_personal(head)}"}, checks=CHECKS)
