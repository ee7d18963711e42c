"""Access rules for master data pages; every agencies view asks here."""

from django.core.exceptions import PermissionDenied

from .access import evaluates_agency
from .models import Indicator, IndicatorRealisation
from .roles import roles_for


def can_manage_periods(user) -> bool:
    roles = roles_for(user)
    return roles.is_coordinator or roles.is_administrator


def check_manage_periods(user) -> None:
    if not can_manage_periods(user):
        raise PermissionDenied


def can_filter_agencies(user) -> bool:
    """Coordinators and administrators see several agencies and may narrow the IKU list to one."""
    roles = roles_for(user)
    return roles.is_coordinator or roles.is_administrator


def can_record_realisation(user, indicator: Indicator) -> bool:
    """The agency's head, its evaluation team, a coordinator over the agency, or an administrator records IKU
    realisations."""
    return evaluates_agency(user, indicator.agency_id)


def check_record_realisation(user, indicator: Indicator) -> None:
    if not can_record_realisation(user, indicator):
        raise PermissionDenied


def check_verify_realisation(user, realisation: IndicatorRealisation) -> None:
    """The same people verify. Someone allowed who clicks a second time, or who entered the figure, is told why by
    the service instead (`agencies.services.verify_indicator_realisation`)."""
    if not evaluates_agency(user, realisation.indicator.agency_id):
        raise PermissionDenied
