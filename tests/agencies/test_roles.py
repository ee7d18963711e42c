"""The role matrix: every persona against every role check in agencies/roles.py (reach: test_access.py)."""

import pytest

from agencies.roles import roles_for
from tests.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(employee, supervisor, head, coordinator, admin_user, outsider, other_agency):
    subset = UserFactory(username="coordinator_subset")
    CoordinatorFactory(user=subset, all_agencies=False).agencies.set([other_agency])
    return {
        "employee": employee.user,
        "supervisor": supervisor.user,
        "head": head.user,
        "coordinator_all": coordinator,
        "coordinator_subset": subset,
        "admin": admin_user,
        "no_employee_record": UserFactory(username="plain"),
    }


# person: (is_employee, is_supervisor, is_head, is_coordinator, is_administrator, coordinates own/other)
MATRIX = {
    "employee": (True, False, False, False, False, (False, False)),
    "supervisor": (True, True, False, False, False, (False, False)),
    "head": (True, True, True, False, False, (False, False)),
    "coordinator_all": (False, False, False, True, False, (True, True)),
    "coordinator_subset": (False, False, False, True, False, (False, True)),
    "admin": (False, False, False, False, True, (False, False)),
    "no_employee_record": (False, False, False, False, False, (False, False)),
}


@pytest.mark.parametrize("person", MATRIX)
def test_role_matrix(people, person, agency, other_agency):
    employee, supervisor, head, coordinator, administrator, (own, other) = MATRIX[person]
    roles = roles_for(people[person])
    assert roles.is_employee is employee
    assert roles.is_supervisor is supervisor
    assert roles.is_head is head
    assert roles.is_coordinator is coordinator
    assert roles.is_administrator is administrator
    assert roles.coordinates(agency.pk) is own
    assert roles.coordinates(other_agency.pk) is other


def test_a_supervisor_whose_subordinates_all_left_is_no_longer_a_supervisor(employee, supervisor):
    employee.is_active = False
    employee.save(update_fields=["is_active"])
    assert roles_for(supervisor.user).is_supervisor is False


def test_anonymous_users_have_no_roles(client):
    from django.contrib.auth.models import AnonymousUser

    roles = roles_for(AnonymousUser())
    assert roles.labels == []


def test_roles_are_computed_once_per_request_user(employee, django_assert_num_queries):
    roles_for(employee.user)
    with django_assert_num_queries(0):
        assert roles_for(employee.user).is_employee


def test_the_signed_in_user_comes_with_the_rows_of_their_roles_so_roles_cost_no_query(
    supervisor, employee, django_assert_num_queries
):
    from agencies.auth import KinerjaModelBackend

    with django_assert_num_queries(1):
        user = KinerjaModelBackend().get_user(supervisor.user.pk)
    with django_assert_num_queries(0):
        roles = roles_for(user)
    assert roles.employee == supervisor and roles.is_supervisor
    assert roles.headed_agency is None and roles.coordinator is None


def test_the_backend_refuses_an_inactive_or_missing_user(employee):
    from agencies.auth import KinerjaModelBackend

    employee.user.is_active = False
    employee.user.save()
    assert KinerjaModelBackend().get_user(employee.user.pk) is None
    assert KinerjaModelBackend().get_user(987654) is None
