"""Who may see which dashboard and who records organisation predikat and overrides.

- coordinators (in their scope) and administrators: the period overview, distribution, IKU pages, exports and the
  recap PDF; they set organisation predikat and record overrides;
- an agency head: their own agency's dashboard and the lists behind its numbers;
- a supervisor: their team view;
- anyone else: 403 for a dashboard of a role they do not have, 404 for an agency outside their reach.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from agencies.access import coordinates_agency, oversees_agency
from agencies.roles import roles_for


def can_see_overview(user) -> bool:
    roles = roles_for(user)
    return roles.is_coordinator or roles.is_administrator


def check_see_overview(user) -> None:
    if not can_see_overview(user):
        raise PermissionDenied


def check_see_agency_figures(user, agency_id: int) -> None:
    """An agency's dashboard and lists, for whoever oversees it (`agencies.access`); to others 404 (no leak)."""
    if not oversees_agency(user, agency_id):
        raise Http404


def can_drill_down(user) -> bool:
    roles = roles_for(user)
    return can_see_overview(user) or roles.is_head


def check_drill_down(user) -> None:
    if not can_drill_down(user):
        raise PermissionDenied


def check_see_team(user) -> None:
    if not roles_for(user).is_supervisor:
        raise PermissionDenied


def can_judge_distribution(user, agency_id: int) -> bool:
    """Set the organisation predikat and record overrides: a coordinator over the agency, or an administrator."""
    return coordinates_agency(user, agency_id)


def check_judge_distribution(user, agency_id: int) -> None:
    check_see_agency_figures(user, agency_id)
    if not can_judge_distribution(user, agency_id):
        raise PermissionDenied
