"""Reads for the opening pages: the agencies to choose from with their counts, and an opening's progress."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404

from agencies.access import agencies_coordinated_by
from agencies.models import Agency, Employee, Period

from ..models import UNFINISHED_OPENING_STATUSES, PeriodOpening
from .permissions import check_open_period_for_agencies, check_open_periods


def agencies_with_counts(*, user, period: Period) -> list[Agency]:
    """Agencies in the user's scope, each with `active_count` (active employees) and `planned_count` (of them, those
    with a plan for the period): three queries whatever the number of agencies."""
    agencies = list(agencies_coordinated_by(user).order_by("name"))
    active = Employee.objects.filter(is_active=True, agency__in=[agency.pk for agency in agencies])
    active_counts = dict(active.values("agency_id").annotate(n=Count("pk")).values_list("agency_id", "n"))
    planned_counts = dict(
        active.filter(plans__period=period).values("agency_id").annotate(n=Count("pk")).values_list("agency_id", "n")
    )
    for agency in agencies:
        agency.active_count = active_counts.get(agency.pk, 0)
        agency.planned_count = planned_counts.get(agency.pk, 0)
    return agencies


def get_opening_for_user(*, user, period_id: int, opening_id: int) -> PeriodOpening:
    """The opening, if the user may open periods for every one of its agencies; otherwise 404."""
    check_open_periods(user)
    opening = (
        PeriodOpening.objects.select_related("period", "requested_by")
        .prefetch_related("agencies")
        .filter(pk=opening_id, period_id=period_id)
        .first()
    )
    if opening is None:
        raise Http404
    try:
        check_open_period_for_agencies(user, [agency.pk for agency in opening.agencies.all()])
    except PermissionDenied:
        raise Http404 from None
    return opening


def unfinished_opening(*, period: Period) -> PeriodOpening | None:
    return PeriodOpening.objects.filter(period=period, status__in=UNFINISHED_OPENING_STATUSES).first()
