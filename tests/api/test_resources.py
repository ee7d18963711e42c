"""Reads: each token sees its own agencies only, with constant query counts, ETags and cursor pages; writes go
through the import's rules and the IKU verification; the national export as JSON and CSV."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies import services as agency_services
from agencies.models import Employee, IndicatorRealisation
from audit.models import AuditEvent, AuditKind
from tests.factories import EmployeeFactory, IndicatorFactory, PlanFactory, ResultIndicatorFactory, ResultPlanFactory
from workflow.models import Stage

ROW = {"position_title": "Analis", "agency_code": "DUKCAPIL"}


def _queries(caller, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert caller.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("path", "scope", "grow"),
    [
        ("/api/v1/employees/", "people:read", lambda agency, period: EmployeeFactory(agency=agency)),
        (
            "/api/v1/plans/",
            "plans:read",
            lambda agency, period: ResultIndicatorFactory(
                result=ResultPlanFactory(plan=PlanFactory(employee=EmployeeFactory(agency=agency), period=period))
            ),
        ),
        ("/api/v1/indicators/", "iku:read", lambda agency, period: IndicatorFactory(agency=agency)),
    ],
)
def test_lists_cost_a_constant_number_of_queries(agency, period, make_service, api, path, scope, grow):
    caller = api(make_service(scopes=[scope], agencies=[agency]))
    grow(agency, period)
    caller.get(path)  # the token's first use is recorded once
    few = _queries(caller, path)
    for _ in range(5):
        grow(agency, period)
    assert _queries(caller, path) == few <= 10


def test_a_service_account_sees_only_its_agencies(agency, other_agency, employee, outsider, make_service, api):
    caller = api(make_service(scopes=["people:read"], agencies=[agency]))
    body = caller.get("/api/v1/employees/").json()
    nips = {row["nip"] for row in body["results"]}
    assert employee.nip in nips and outsider.nip not in nips
    assert caller.get(f"/api/v1/employees/{outsider.nip}/").status_code == 404


def test_a_personal_token_reads_what_the_site_shows_its_person(employee, colleague, period, make_personal, api):
    own = PlanFactory(employee=employee, period=period)
    theirs = PlanFactory(employee=colleague, period=period)
    caller = api(make_personal(employee))
    ids = {row["id"] for row in caller.get("/api/v1/plans/").json()["results"]}
    assert ids == {own.pk}
    assert caller.get(f"/api/v1/plans/{theirs.pk}/").status_code == 404
    assert caller.get("/api/v1/employees/").json()["results"] == []  # a plain employee oversees no agency


def test_a_read_answers_304_to_its_own_etag(agency, make_service, api):
    caller = api(make_service(scopes=["people:read"], agencies=[agency]))
    first = caller.get("/api/v1/units/")
    assert caller.get("/api/v1/units/", None, **{"If-None-Match": first["ETag"]}).status_code == 304


def test_plans_filter_by_stage_and_changed_since(agency, employee, period, make_service, api):
    plan = PlanFactory(employee=employee, period=period, stage=Stage.DONE)
    caller = api(make_service(scopes=["plans:read"], agencies=[agency]))
    assert [p["id"] for p in caller.get("/api/v1/plans/", {"stage": "done"}).json()["results"]] == [plan.pk]
    assert caller.get("/api/v1/plans/", {"stage": "draft"}).json()["results"] == []
    later = caller.get("/api/v1/plans/", {"changed_since": "2999-01-01T00:00:00Z"}).json()["results"]
    assert later == []
    assert caller.get("/api/v1/plans/", {"changed_since": "yesterday"}).status_code == 400


def test_the_batch_is_all_or_nothing_and_reports_every_rows_errors(agency, make_service, api):
    from tests.factories import make_nip

    caller = api(make_service(scopes=["people:write"], agencies=[agency]))
    rows = [
        {**ROW, "nip": make_nip(1), "name": "Ani"},
        {**ROW, "nip": "123", "name": "Bad NIP"},
        {**ROW, "nip": make_nip(3), "name": "Cici", "agency_code": "NOPE"},
    ]
    response = caller.post("/api/v1/employees/batch/", {"employees": rows})
    assert response.status_code == 400
    assert {(e["row"], e["field"]) for e in response.json()["errors"]} >= {(2, "nip"), (3, "agency_code")}
    assert not Employee.objects.exists()
    good = [rows[0], {**ROW, "nip": make_nip(2), "name": "Budi", "supervisor_nip": make_nip(1)}]
    assert caller.post("/api/v1/employees/batch/", {"employees": good}).json()["created"] == 2
    assert Employee.objects.get(nip=make_nip(2)).supervisor.nip == make_nip(1)
    repeat = caller.post("/api/v1/employees/batch/", {"employees": good}).json()
    assert (repeat["created"], repeat["updated"], repeat["unchanged"]) == (0, 0, 2)
    assert AuditEvent.objects.filter(kind=AuditKind.API_WRITE, detail__created="2").count() == 1


def test_the_batch_refuses_another_agencys_people(agency, outsider, make_service, api):
    caller = api(make_service(scopes=["people:write"], agencies=[agency]))
    row = {**ROW, "nip": outsider.nip, "name": "Taken over"}
    response = caller.post("/api/v1/employees/batch/", {"employees": [row]})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "nip"
    outsider.refresh_from_db()
    assert outsider.agency_id != agency.pk


def test_a_pushed_realisation_waits_for_the_same_verification(agency, head, period, make_service, api):
    indicator = IndicatorFactory(agency=agency)
    caller = api(make_service(scopes=["iku:write"], agencies=[agency]))
    body = {"period": period.pk, "value": "12.5", "source_system": "SIAK", "reference": "r-1"}
    response = caller.post(f"/api/v1/indicators/{indicator.pk}/realisations/", body)
    assert response.status_code == 201 and response.json()["verified"] is False
    realisation = IndicatorRealisation.objects.get()
    assert realisation.provenance["pushed"]["system"] == "SIAK"
    agency_services.verify_realisation(realisation=realisation, by=head.user)
    realisation.refresh_from_db()
    assert realisation.verified_at is not None
    assert AuditEvent.objects.filter(kind=AuditKind.API_WRITE).exists()
    other = IndicatorFactory()
    assert caller.post(f"/api/v1/indicators/{other.pk}/realisations/", body).status_code == 404


def test_the_national_export_lists_final_evaluations(agency, employee, supervisor, period, make_service, api):
    PlanFactory(
        employee=employee,
        period=period,
        stage=Stage.DONE,
        results_rating="AS_EXPECTED",
        behaviour_rating="AS_EXPECTED",
        predikat="BAIK",
        rated_by=supervisor,
    )
    PlanFactory(employee=supervisor, period=period, stage=Stage.RATING)
    supervisor.rank = "Penata Tingkat I, III/d"
    supervisor.save(update_fields=["rank"])
    caller = api(make_service(scopes=["export:read"], agencies=[agency]))
    query = {"agency": "DUKCAPIL", "period": period.pk}
    records = caller.get("/api/v1/exports/national/", query).json()
    assert [(r["employee_nip"], r["assessor_nip"], r["period_end_month"]) for r in records] == [
        (employee.nip, supervisor.nip, 12)
    ]
    assert records[0]["assessor_rank"] == "Penata Tingkat I, III/d"
    csv = caller.get("/api/v1/exports/national/csv/", query)
    assert csv["Content-Type"].startswith("text/csv") and employee.nip in csv.content.decode("utf-8-sig")
    assert caller.get("/api/v1/exports/national/", {**query, "agency": "DINKES"}).status_code == 404


def test_a_persons_plan_list_costs_a_constant_number_of_queries(agency, head, period, make_personal, api):
    caller = api(make_personal(head))

    def grow():
        plan = PlanFactory(employee=EmployeeFactory(agency=agency, supervisor=head), period=period)
        ResultIndicatorFactory(result=ResultPlanFactory(plan=plan))

    grow()
    caller.get("/api/v1/plans/")
    few = _queries(caller, "/api/v1/plans/")
    for _ in range(5):
        grow()
    assert _queries(caller, "/api/v1/plans/") == few <= 10
    assert len(caller.get("/api/v1/plans/").json()["results"]) == 6  # the head reads the agency's plans


@pytest.mark.parametrize("value", ["²", "9" * 25, "abc", "0"])
def test_a_malformed_id_in_a_filter_is_400_and_in_a_path_404(agency, make_service, api, value):
    caller = api(make_service(scopes=["plans:read", "iku:write"], agencies=[agency]))
    response = caller.get("/api/v1/plans/", {"period": value})
    assert response.status_code == 400 and "period" in response.json()
    assert caller.get(f"/api/v1/plans/{value}/").status_code == 404
    assert caller.post(f"/api/v1/indicators/{value}/realisations/", {}).status_code == 404
