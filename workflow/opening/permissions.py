"""Who may open periods, and for which agencies (agency scope: `agencies.access`)."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from agencies.access import coordinates_agency
from agencies.roles import roles_for


def can_open_periods(user) -> bool:
    roles = roles_for(user)
    return roles.is_coordinator or roles.is_administrator


def check_open_periods(user) -> None:
    if not can_open_periods(user):
        raise PermissionDenied


def check_open_period_for_agencies(user, agency_ids: Iterable[int]) -> None:
    """Coordinators open periods only for agencies in their scope; administrators for every agency."""
    check_open_periods(user)
    if not all(coordinates_agency(user, agency_id) for agency_id in agency_ids):
        raise PermissionDenied(_("You do not coordinate every chosen agency."))
