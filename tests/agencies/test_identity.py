"""The signed-in user's identity from the cache (agencies/identity.py): one cache read instead of the role query,
and every change of a role, a supervisor, an agency (head) or a coordinator's scope seen by the very next request."""

import contextlib
from unittest.mock import patch

import pytest
from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.services import organisation, people
from tests.factories import CoordinatorFactory, EmployeeFactory, UserFactory

# The alias of the role query (agencies.roles.with_role_rows): present in a request's SQL when the signed-in user
# was read from the database.
ROLE_QUERY_MARK = "has_subordinates"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    with contextlib.suppress(Exception):  # the cache-down test's cache is still the unreachable one here
        cache.clear()


def _role_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return sum(ROLE_QUERY_MARK in query["sql"] for query in captured.captured_queries)


def test_the_signed_in_user_is_read_from_the_database_once_then_from_the_cache(client, employee):
    client.force_login(employee.user)
    plans = reverse("workflow:plan_list")

    assert _role_queries(client, plans) == 1
    assert _role_queries(client, plans) == 0
    assert _role_queries(client, plans) == 0


def test_a_new_subordinate_makes_the_supervisor_see_the_team_page_at_the_next_request(client, agency, employee):
    client.force_login(employee.user)
    team = reverse("workflow:team")
    assert client.get(team).status_code == 403  # no one reports to them: their identity is now cached

    newcomer = EmployeeFactory(agency=agency)
    people.set_supervisor(employee=newcomer, supervisor=employee)

    assert client.get(team).status_code == 200


def test_losing_the_last_subordinate_closes_the_team_page_at_the_next_request(client, supervisor, employee):
    client.force_login(supervisor.user)
    team = reverse("workflow:team")
    assert client.get(team).status_code == 200

    people.set_supervisor(employee=employee, supervisor=None)

    assert client.get(team).status_code == 403


def test_a_new_agency_head_oversees_the_agency_at_the_next_request(client, agency, employee, period):
    client.force_login(employee.user)
    url = reverse("reports:agency_dashboard", args=[period.pk, agency.pk])
    before = client.get(url).status_code
    assert before in (403, 404)

    organisation.set_agency_head(agency=agency, head=employee)

    assert client.get(url).status_code == 200


def test_a_coordinator_scope_widened_in_the_admin_is_seen_at_the_next_request(
    client, admin_user, agency, other_agency, period
):
    user = UserFactory(username="scoped")
    coordinator = CoordinatorFactory(user=user, all_agencies=False)
    coordinator.agencies.set([other_agency])
    client.force_login(user)
    url = reverse("reports:agency_dashboard", args=[period.pk, agency.pk])
    assert client.get(url).status_code in (403, 404)

    admin = type(client)()
    admin.force_login(admin_user)
    response = admin.post(
        reverse("admin:agencies_coordinator_change", args=[coordinator.pk]),
        {"user": user.pk, "agencies": [agency.pk, other_agency.pk]},
    )
    assert response.status_code == 302, response.content[:2000]

    assert client.get(url).status_code == 200


def test_a_deactivated_account_is_signed_out_at_the_next_request(client, employee):
    client.force_login(employee.user)
    plans = reverse("workflow:plan_list")
    assert client.get(plans).status_code == 200

    employee.user.is_active = False
    employee.user.save()

    response = client.get(plans)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_changed_password_ends_the_other_sessions_at_the_next_request(client, employee):
    client.force_login(employee.user)
    plans = reverse("workflow:plan_list")
    assert client.get(plans).status_code == 200

    employee.user.password = make_password("a-new-secret-2026")
    employee.user.save()

    assert client.get(plans).status_code == 302


def test_each_person_gets_their_own_identity(client, employee, supervisor):
    plans = reverse("workflow:plan_list")
    client.force_login(employee.user)
    client.get(plans)
    other = type(client)()
    other.force_login(supervisor.user)
    other.get(plans)

    assert client.get(reverse("workflow:team")).status_code == 403
    assert other.get(reverse("workflow:team")).status_code == 200


def test_with_the_cache_down_the_user_comes_from_the_database(client, employee, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    client.force_login(employee.user)
    assert _role_queries(client, reverse("workflow:plan_list")) == 1
    assert client.get(reverse("workflow:plan_list")).status_code == 200


def test_a_signed_in_request_reuses_the_redis_client_instead_of_building_one(client, employee, private_redis):
    """Django builds a redis.Redis (and its table of response callbacks) for every cache call; common/cache.py keeps
    one per connection pool (Django keeps a cache object per thread, so one per thread)."""
    import redis

    client.force_login(employee.user)
    plans = reverse("workflow:plan_list")
    client.get(plans)  # the first request builds the client
    built = []
    real_init = redis.Redis.__init__
    with patch.object(redis.Redis, "__init__", lambda self, *a, **k: built.append(1) or real_init(self, *a, **k)):
        assert client.get(plans).status_code == 200
        assert client.get(plans).status_code == 200
    assert built == []


def test_with_sessions_in_redis_the_session_and_the_identity_come_in_one_round_trip(client, employee, private_redis):
    from django.core.cache.backends.redis import RedisCacheClient

    client.force_login(employee.user)
    plans = reverse("workflow:plan_list")
    client.get(plans)  # loads the user and caches the identity with the session

    reads = []
    real_get, real_get_many = RedisCacheClient.get, RedisCacheClient.get_many
    with (
        patch.object(RedisCacheClient, "get", lambda self, *a, **k: reads.append("get") or real_get(self, *a, **k)),
        patch.object(
            RedisCacheClient,
            "get_many",
            lambda self, *a, **k: reads.append("get_many") or real_get_many(self, *a, **k),
        ),
    ):
        assert _role_queries(client, plans) == 0
    assert reads.count("get_many") == 1  # the session, its identity and the generation
    assert "get" not in reads

    people.set_supervisor(employee=EmployeeFactory(agency=employee.agency), supervisor=employee)
    assert client.get(reverse("workflow:team")).status_code == 200
