"""Who sees survey results: agency people see their agency's, coordinators their scope, administrators all.

The survey itself and its poster are public. Results are aggregates (no respondent is identifiable), yet comments
and exports stay inside the agency's scope; exporting (answers with their comments) is for those who manage the
agency's figures.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from agencies.access import is_affiliated_with_agency, oversees_agency
from agencies.roles import roles_for


def can_see_results(user) -> bool:
    roles = roles_for(user)
    return roles.is_employee or roles.is_coordinator or roles.is_administrator


def check_see_results(user) -> None:
    if not can_see_results(user):
        raise PermissionDenied


def can_see_pemda_results(user) -> bool:
    roles = roles_for(user)
    return roles.is_coordinator or roles.is_administrator


def check_see_service(user, service) -> None:
    if not is_affiliated_with_agency(user, service.agency_id):
        raise Http404


def can_export(user, agency) -> bool:
    return oversees_agency(user, agency.pk)


def check_export(user, agency) -> None:
    if not is_affiliated_with_agency(user, agency.pk):
        raise Http404
    if not can_export(user, agency):
        raise PermissionDenied
