"""Agencies and units upserted by code through the API: the spreadsheet import's checks and its all-or-nothing
rule, a token's agencies only, a new agency only for a token over every agency, audited, a repeat changes nothing."""

from agencies.models import Agency, Unit
from audit.models import AuditEvent, AuditKind
from tests.factories import CoordinatorFactory, UserFactory

AGENCIES = "/api/v1/agencies/batch/"
UNITS = "/api/v1/units/batch/"


def test_a_service_account_renames_its_agency_and_adds_units_once(agency, make_service, api):
    caller = api(make_service(scopes=["people:write"], agencies=[agency]))
    renamed = [{"code": agency.code, "name": "Dinas Kependudukan dan Catatan Sipil", "short_name": "Disdukcapil"}]
    answer = caller.post(AGENCIES, {"agencies": renamed}).json()
    assert (answer["ok"], answer["updated"]) == (True, 1)
    agency.refresh_from_db()
    assert agency.short_name == "Disdukcapil"

    units = [
        {"agency_code": agency.code, "code": "SEK", "name": "Sekretariat", "kind": "sekretariat"},
        {"agency_code": agency.code, "code": "SEK-UM", "name": "Subbagian Umum", "parent_code": "SEK"},
    ]
    assert caller.post(UNITS, {"units": units}).json()["created"] == 2
    assert Unit.objects.get(agency=agency, code="SEK-UM").parent.code == "SEK"
    repeat = caller.post(UNITS, {"units": units}).json()
    assert (repeat["created"], repeat["updated"], repeat["unchanged"]) == (0, 0, 2)
    assert AuditEvent.objects.filter(kind=AuditKind.API_WRITE, target="units").count() == 1


def test_one_bad_unit_row_writes_nothing_and_every_error_is_listed(agency, make_service, api):
    caller = api(make_service(scopes=["people:write"], agencies=[agency]))
    units = [
        {"agency_code": agency.code, "code": "SEK", "name": "Sekretariat"},
        {"agency_code": agency.code, "code": "X1", "name": "Seksi", "parent_code": "NOPE"},
        {"agency_code": agency.code, "code": "X2", "name": "Seksi Dua", "kind": "kerajaan"},
    ]
    response = caller.post(UNITS, {"units": units})
    assert response.status_code == 400
    rows = {error["row"] for error in response.json()["errors"]}
    assert {2, 3} <= rows and 1 not in rows
    assert not Unit.objects.filter(code__in=["SEK", "X1", "X2"]).exists()


def test_a_service_account_cannot_add_an_agency_or_touch_another(agency, other_agency, make_service, api):
    caller = api(make_service(scopes=["people:write"], agencies=[agency]))
    response = caller.post(AGENCIES, {"agencies": [{"code": "BARU", "name": "Dinas Baru"}]})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "code"
    other = [{"agency_code": other_agency.code, "code": "SEK", "name": "Sekretariat"}]
    assert caller.post(UNITS, {"units": other}).status_code == 400
    assert not Agency.objects.filter(code="BARU").exists()
    assert not Unit.objects.filter(agency=other_agency, code="SEK").exists()


def test_only_an_administrators_personal_token_adds_an_agency(make_personal, admin_user, api, db):
    coordinator = UserFactory(username="bkpsdm")
    CoordinatorFactory(user=coordinator)
    new = {"agencies": [{"code": "BARU", "name": "Dinas Baru", "short_name": "Baru"}]}
    assert api(make_personal(coordinator)).post(AGENCIES, new).status_code == 400  # the import is the admin's
    caller = api(make_personal(admin_user))
    answer = caller.post(AGENCIES, new)
    assert answer.json()["created"] == 1, answer.content
    assert Agency.objects.get(code="BARU").name == "Dinas Baru"
