"""Agency reach (agencies/access.py): every persona against the three reaches, as ids, agencies and a yes/no."""

import pytest

from agencies import access
from tests.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db

BOTH = {"DUKCAPIL", "DINKES"}

# person: (coordinated, overseen, affiliated) agency codes, Dukcapil being the persona's own agency.
REACH = {
    "employee": (set(), set(), {"DUKCAPIL"}),
    "supervisor": (set(), set(), {"DUKCAPIL"}),
    "head": (set(), {"DUKCAPIL"}, {"DUKCAPIL"}),
    "coordinator_all": (BOTH, BOTH, BOTH),
    "coordinator_subset": ({"DINKES"}, {"DINKES"}, {"DINKES"}),
    "employee_coordinating_dinkes": ({"DINKES"}, {"DINKES"}, BOTH),
    "administrator": (BOTH, BOTH, BOTH),
    "staff_without_permissions": (set(), set(), set()),
    "no_role": (set(), set(), set()),
    "inactive_superuser": (set(), set(), set()),
}


@pytest.fixture
def people(employee, supervisor, head, coordinator, admin_user, other_agency, unit):
    from tests.factories import EmployeeFactory

    subset = UserFactory(username="coordinator_subset")
    CoordinatorFactory(user=subset, all_agencies=False).agencies.set([other_agency])
    both = EmployeeFactory(user__username="both", agency=unit.agency, unit=unit, supervisor=supervisor)
    CoordinatorFactory(user=both.user, all_agencies=False).agencies.set([other_agency])
    return {
        "employee": employee.user,
        "supervisor": supervisor.user,
        "head": head.user,
        "coordinator_all": coordinator,
        "coordinator_subset": subset,
        "employee_coordinating_dinkes": both.user,
        "administrator": admin_user,
        "staff_without_permissions": UserFactory(username="staff", is_staff=True),
        "no_role": UserFactory(username="plain"),
        "inactive_superuser": UserFactory(username="gone", is_staff=True, is_superuser=True, is_active=False),
    }


def codes_of(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


@pytest.mark.parametrize("person", REACH)
def test_each_reach_is_the_same_as_ids_as_agencies_and_as_a_yes_or_no(people, person, agency, other_agency):
    user = people[person]
    expected = dict(zip(("coordinated", "overseen", "affiliated"), REACH[person], strict=True))
    reaches = {
        "coordinated": (access.agencies_coordinated_by, access.coordinates_agency, access.coordinated_agency_ids),
        "overseen": (access.agencies_overseen_by, access.oversees_agency, access.overseen_agency_ids),
        "affiliated": (access.agencies_affiliated_with, access.is_affiliated_with_agency, access.affiliated_agency_ids),
    }
    for reach, (agencies_of, reaches_one, ids_of) in reaches.items():
        assert codes_of(agencies_of(user)) == expected[reach], f"{person}: {reach} agencies"
        assert {a.code for a in (agency, other_agency) if reaches_one(user, a.pk)} == expected[reach], person
        ids = ids_of(user)
        assert (ids is None) == (expected[reach] == BOTH and person in ("coordinator_all", "administrator"))


def test_anonymous_reaches_no_agency(agency):
    from django.contrib.auth.models import AnonymousUser

    nobody = AnonymousUser()
    assert not access.agencies_affiliated_with(nobody).exists()
    assert not access.oversees_agency(nobody, agency.pk)


def test_the_yes_or_no_costs_no_query_once_the_roles_are_known(head, agency, django_assert_num_queries):
    access.oversees_agency(head.user, agency.pk)
    with django_assert_num_queries(0):
        assert access.oversees_agency(head.user, agency.pk)
        assert access.is_affiliated_with_agency(head.user, agency.pk)
        assert not access.coordinates_agency(head.user, agency.pk)
