"""The API's access matrix: every operation × (no token, a token without the operation's scope, a token of another
agency, the rightful token), the status each gets, and no Dukcapil NIP or name in any answer but the rightful one's.

The operations come from the URLconf (every `api:` name), so a new one fails `test_every_api_url_is_declared` until
it is declared here.
"""

import pytest
from django.test import Client
from django.urls import reverse

from api.scopes import Scope
from tests.factories import (
    EmployeeFactory,
    IndicatorFactory,
    PlanFactory,
    ResultIndicatorFactory,
    ResultPlanFactory,
)
from tests.test_access_matrix import ALL_URLS
from workflow.models import Stage

# foreign_person: a personal token of someone in the other agency; it gets what a token of that agency gets.
CALLERS = ("none", "wrong_scope", "other_agency", "foreign_person", "rightful")
PUBLIC = dict.fromkeys(CALLERS, 200)
SCOPED = {"none": 401, "wrong_scope": 403, "other_agency": 200, "rightful": 200}  # lists: the other agency sees none
ONE = {"none": 401, "wrong_scope": 403, "other_agency": 404, "rightful": 200}  # one thing: not found elsewhere

# name: (scope or None, method, URL kwargs from the world, query or body from the world, expected statuses)
EXPECTED = {
    "api:schema": (None, "get", {}, {}, PUBLIC),
    "api:docs": (None, "get", {}, {}, PUBLIC),
    "api:redoc": (None, "get", {}, {}, PUBLIC),
    "api:agencies": (None, "get", {}, {}, PUBLIC),
    "api:periods": (None, "get", {}, {}, PUBLIC),
    "api:complaints": (None, "get", {}, {}, PUBLIC),
    "api:survey-results": (None, "get", {}, {"period": "period"}, PUBLIC),
    "api:units": (Scope.PEOPLE_READ, "get", {}, {}, SCOPED),
    "api:employees": (Scope.PEOPLE_READ, "get", {}, {}, SCOPED),
    "api:employee": (Scope.PEOPLE_READ, "get", {"nip": "nip"}, {}, ONE),
    "api:employee-batch": (
        Scope.PEOPLE_WRITE,
        "post",
        {},
        {"employees": "batch"},
        {"none": 401, "wrong_scope": 403, "other_agency": 400, "rightful": 200},
    ),
    "api:agency-batch": (
        Scope.PEOPLE_WRITE,
        "post",
        {},
        {"agencies": "agency_batch"},
        {"none": 401, "wrong_scope": 403, "other_agency": 400, "rightful": 200},
    ),
    "api:unit-batch": (
        Scope.PEOPLE_WRITE,
        "post",
        {},
        {"units": "unit_batch"},
        {"none": 401, "wrong_scope": 403, "other_agency": 400, "rightful": 200},
    ),
    "api:indicators": (Scope.IKU_READ, "get", {}, {}, SCOPED),
    "api:realisations": (
        Scope.IKU_WRITE,
        "post",
        {"indicator_id": "indicator"},
        {"period": "period", "value": "value", "source_system": "system"},
        {**ONE, "rightful": 201},
    ),
    "api:plans": (Scope.PLANS_READ, "get", {}, {}, SCOPED),
    "api:plan": (Scope.PLANS_READ, "get", {"pk": "plan"}, {}, ONE),
    "api:national-export": (Scope.EXPORT_READ, "get", {}, {"agency": "code", "period": "period"}, ONE),
    "api:national-export-csv": (Scope.EXPORT_READ, "get", {}, {"agency": "code", "period": "period"}, ONE),
}
API_URLS = sorted(name for name in ALL_URLS if name.startswith("api:"))


def test_every_api_url_is_declared():
    assert sorted(EXPECTED) == API_URLS


@pytest.fixture
def world(agency, other_agency, head, supervisor, employee, period, make_service):
    indicator = IndicatorFactory(agency=agency)
    plan = PlanFactory(employee=employee, period=period, stage=Stage.DONE, rated_by=supervisor, predikat="BAIK")
    ResultIndicatorFactory(result=ResultPlanFactory(plan=plan))
    EmployeeFactory(agency=other_agency, name="Dewi Lestari")
    secrets = [person.nip for person in (head, supervisor, employee)] + [p.name for p in (head, supervisor, employee)]
    values = {
        "nip": employee.nip,
        "indicator": indicator.pk,
        "plan": plan.pk,
        "period": period.pk,
        "code": agency.code,
        "value": "5",
        "system": "SIAK",
        "agency_batch": [{"code": agency.code, "name": agency.name, "short_name": agency.short_name}],
        "unit_batch": [{"agency_code": agency.code, "code": employee.unit.code, "name": employee.unit.name}],
        "batch": [
            {
                "nip": employee.nip,
                "name": employee.name,
                "position_title": employee.position_title,
                "agency_code": agency.code,
                "unit_code": employee.unit.code,
                "supervisor_nip": supervisor.nip,
            }
        ],
    }
    return values, secrets


def _token(caller, scope, agency, other_agency, make_service, foreign_personal):
    if caller == "none":
        return None
    if caller == "foreign_person":
        return foreign_personal
    every = list(Scope.values)
    if caller == "wrong_scope":
        return make_service(scopes=[s for s in every if s != scope] or every, agencies=[agency], name=caller)
    return make_service(scopes=every, agencies=[other_agency if caller == "other_agency" else agency], name=caller)


@pytest.mark.parametrize("name", API_URLS)
def test_an_operation_answers_each_caller_by_the_matrix_and_leaks_nothing(
    name, world, agency, other_agency, outsider, make_service, make_personal
):
    foreign_personal = make_personal(outsider)
    scope, method, kwargs, data, expected = EXPECTED[name]
    values, secrets = world
    url = reverse(name, kwargs={key: values[source] for key, source in kwargs.items()})
    payload = {key: values[source] for key, source in data.items()}
    for caller in CALLERS:
        if scope is None and caller == "wrong_scope":
            continue  # nothing to lack
        token = _token(caller, scope, agency, other_agency, make_service, foreign_personal)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        client = Client()
        if method == "get":
            response = client.get(url, payload, headers=headers)
        else:
            response = client.post(url, payload, content_type="application/json", headers=headers)
        assert response.status_code == expected.get(caller, expected["other_agency"]), (
            f"{name} as {caller}: {response.content[:300]}"
        )
        if caller != "rightful":
            content = response.content.decode("utf-8", errors="replace")
            leaked = [secret for secret in secrets if secret in content]
            assert not leaked, f"{name} as {caller} shows Dukcapil data: {leaked}"
