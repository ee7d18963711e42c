"""What the home page shows a person about the IKU data calendar: their own figures to enter, figures waiting for
their verification, and the agencies whose evaluation team they sit on or head."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from agencies.models import Agency
from agencies.roles import roles_for

from ..models import DataEntry, EntryStatus


@dataclass(frozen=True)
class HomeSummary:
    to_enter: int
    overdue: int
    to_verify: int
    agencies: list  # Agency rows the person evaluates as a team member or head, by name


def _own_team_agency_ids(roles) -> set[int]:
    """The agencies whose figures are the person's own to verify: those whose team they sit on, and the one they
    head. (Coordinators may verify too, but every agency's figures are not waiting for them personally.)"""
    agency_ids = set(roles.team_agency_ids())
    if roles.headed_agency is not None:
        agency_ids.add(roles.headed_agency.pk)
    return agency_ids


def _waiting_for(user, agency_ids) -> Q:
    # Four eyes: what the person entered is someone else's to verify.
    return Q(schedule__indicator__agency_id__in=agency_ids, status=EntryStatus.SUBMITTED) & ~Q(entered_by=user)


def entries_to_verify(*, user) -> QuerySet:
    """The submitted figures waiting for the person's verification (the home page's count), oldest due first."""
    roles = roles_for(user)
    if roles.employee is None:
        return DataEntry.objects.none()
    return (
        DataEntry.objects.filter(_waiting_for(user, _own_team_agency_ids(roles)))
        .select_related("schedule__indicator__agency", "entered_by__employee")
        .order_by("due_on", "pk")
    )


def _to_enter_now(roles, today) -> Q:
    return Q(schedule__pic=roles.employee) & DataEntry.to_enter_now(today)


def entries_waiting_for(*, user) -> QuerySet:
    """Every figure waiting for the person: to enter now (as PIC) or to verify (the inbox badge counts them)."""
    roles = roles_for(user)
    if roles.employee is None:
        return DataEntry.objects.none()
    waiting = _waiting_for(user, _own_team_agency_ids(roles))
    return DataEntry.objects.filter(_to_enter_now(roles, timezone.localdate()) | waiting)


def home_summary(*, user) -> HomeSummary | None:
    """One aggregate over the entries, one read of the evaluated agencies (only for team members and heads); None
    for someone without an employee record or with nothing here."""
    roles = roles_for(user)
    if roles.employee is None:
        return None
    agency_ids = _own_team_agency_ids(roles)
    today = timezone.localdate()
    mine = _to_enter_now(roles, today)
    waiting = _waiting_for(user, agency_ids)
    counts = DataEntry.objects.filter(mine | waiting).aggregate(
        to_enter=Count("pk", filter=mine),
        overdue=Count("pk", filter=mine & Q(due_on__lt=today)),
        to_verify=Count("pk", filter=waiting),
    )
    # Each with its active IKU not yet on the data calendar: their figures are asked of nobody until scheduled.
    unscheduled = Count("indicators", filter=Q(indicators__is_active=True, indicators__data_schedule__isnull=True))
    agencies = (
        list(Agency.objects.filter(pk__in=agency_ids).annotate(unscheduled=unscheduled).order_by("name"))
        if agency_ids
        else []
    )
    if not (counts["to_enter"] or counts["to_verify"] or agencies):
        return None
    return HomeSummary(agencies=agencies, **counts)
