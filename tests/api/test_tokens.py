"""Tokens: created by an administrator (admin or command), stored hashed and shown once, revoked at once; scopes
answered 401/403; a rate limit per token; writes audited with the token."""

import pytest
from django.core.management import call_command

from api.models import ApiToken
from audit.models import AuditEvent, AuditKind


def test_a_service_token_is_stored_only_as_a_hash_and_works_until_revoked(agency, make_service, api, admin_user):
    raw = make_service(scopes=["people:read"], agencies=[agency])
    token = ApiToken.objects.get()
    assert raw.startswith(f"kin_{token.prefix}_") and raw.split("_", 2)[2] not in token.secret_hash
    assert api(raw).get("/api/v1/employees/").status_code == 200
    call_command("api_token", "revoke", token.prefix)
    assert api(raw).get("/api/v1/employees/").status_code == 401
    assert not token.user.__class__.objects.get(pk=token.user_id).is_active
    assert AuditEvent.objects.filter(kind=AuditKind.API_TOKEN, detail__action="revoked").exists()


def test_a_wrong_secret_with_a_real_prefix_is_refused(agency, make_service, api):
    raw = make_service(scopes=["people:read"], agencies=[agency])
    assert api(raw[:-3] + "xyz").get("/api/v1/employees/").status_code == 401
    assert api("nonsense").get("/api/v1/employees/").status_code == 401


def test_the_command_creates_a_service_account_and_prints_its_token_once(agency, api, capsys):
    call_command("api_token", "service", "Open data", "--scope", "plans:read", "--agency", "DUKCAPIL")
    raw = capsys.readouterr().out.strip()
    assert api(raw).get("/api/v1/plans/").status_code == 200
    call_command("api_token", "list")
    listing = capsys.readouterr().out
    assert "plans:read" in listing and raw not in listing


def test_a_personal_token_from_the_command_acts_as_its_person(employee, api, capsys):
    call_command("api_token", "personal", employee.user.username)
    raw = capsys.readouterr().out.strip()
    response = api(raw).get("/api/v1/plans/")
    assert response.status_code == 200


def test_no_token_is_401_and_a_token_without_the_scope_is_403(agency, make_service, api):
    raw = make_service(scopes=["iku:read"], agencies=[agency])
    assert api(None).get("/api/v1/employees/").status_code == 401
    assert api(raw).get("/api/v1/employees/").status_code == 403
    assert api(None).get("/api/v1/agencies/").status_code == 200  # public


def test_each_token_has_its_own_rate_limit(agency, make_service, api, settings):
    settings.KINERJA_RATE_LIMITS = {**settings.KINERJA_RATE_LIMITS, "api": (3, 60)}
    first = make_service(scopes=["people:read"], agencies=[agency], name="one")
    second = make_service(scopes=["people:read"], agencies=[agency], name="two")
    statuses = [api(first).get("/api/v1/agencies/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert api(second).get("/api/v1/agencies/").status_code == 200


def test_the_admin_creates_a_service_account_and_shows_the_secret_once(agency, client_for, admin_user):
    response = client_for(admin_user).post(
        "/admin/api/apitoken/add/",
        {"name": "Dashboard", "scopes": ["plans:read", "iku:read"], "agencies": [agency.pk]},
        follow=True,
    )
    token = ApiToken.objects.get()
    assert token.is_service and sorted(token.scopes) == ["iku:read", "plans:read"]
    assert f"kin_{token.prefix}_" in response.content.decode()


@pytest.mark.parametrize("scopes", [[], ["everything"]])
def test_a_service_account_needs_known_scopes(agency, scopes, capsys):
    from django.core.exceptions import ValidationError

    from api import services

    with pytest.raises(ValidationError):
        services.create_service_account(name="x", scopes=scopes, agencies=[agency], by=None)


def test_the_admin_revokes_through_the_service_and_never_deletes(agency, make_service, client_for, admin_user, api):
    raw = make_service(scopes=["people:read"], agencies=[agency])
    token = ApiToken.objects.get()
    response = client_for(admin_user).post(
        "/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api(raw).get("/api/v1/employees/").status_code == 401
    assert AuditEvent.objects.filter(kind=AuditKind.API_TOKEN, actor=admin_user, detail__action="revoked").exists()
    assert client_for(admin_user).get(f"/admin/api/apitoken/{token.pk}/delete/").status_code == 403
