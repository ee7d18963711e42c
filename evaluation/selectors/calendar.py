"""Reads of the team and the data calendar: the team, the calendar, one entry and its history."""

from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, Employee, EvaluationTeam, Indicator, IndicatorRealisation, TeamMember
from forums.task_links import TaskLink

from .. import permissions
from ..models import TO_ENTER, DataEntry, DataSchedule, EntryStatus

HISTORY_LENGTH = 3


def get_agency_for_user(*, user, agency_id: int) -> Agency:
    permissions.check_see_agency(user, agency_id)
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise Http404
    return agency


def agency_employees(*, agency_id: int) -> list[Employee]:
    """The agency's active employees, for choosing an action's owner: one query per page."""
    return list(Employee.objects.filter(agency_id=agency_id, is_active=True).order_by("name"))


def get_agency_for_staff(*, user, agency_id: int) -> Agency:
    """An agency for its own staff and the evaluated reach (the target consultation)."""
    permissions.check_see_consultation(user, agency_id)
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise Http404
    return agency


def team_of(*, agency: Agency) -> EvaluationTeam | None:
    return EvaluationTeam.objects.filter(agency=agency).first()


def members_of(*, team: EvaluationTeam | None) -> QuerySet:
    if team is None:
        return TeamMember.objects.none()
    return team.members.select_related("employee__agency").order_by("role", "employee__name")


def get_member_for_user(*, user, member_id: int) -> TeamMember:
    member = TeamMember.objects.select_related("team__agency", "employee").filter(pk=member_id).first()
    if member is None:
        raise Http404
    permissions.check_see_agency(user, member.team.agency_id)
    return member


def get_team_for_user(*, user, agency_id: int) -> EvaluationTeam:
    team = EvaluationTeam.objects.select_related("agency").filter(agency_id=agency_id).first()
    permissions.check_see_agency(user, agency_id)
    if team is None:
        raise Http404
    return team


def indicators_with_schedule(*, agency: Agency) -> QuerySet:
    return Indicator.objects.filter(agency=agency, is_active=True).select_related("data_schedule__pic").order_by("code")


def get_indicator_for_user(*, user, indicator_id: int) -> Indicator:
    indicator = Indicator.objects.filter(pk=indicator_id).first()
    if indicator is None:
        raise Http404
    permissions.check_see_agency(user, indicator.agency_id)
    return indicator


def calendar(*, agency: Agency, year: int) -> QuerySet:
    """The agency's entries of a year, in due order, with what the calendar shows."""
    return (
        DataEntry.objects.filter(schedule__indicator__agency=agency, starts_on__year=year)
        .select_related("schedule__indicator", "schedule__pic", "entered_by", "verified_by")
        .order_by("due_on", "schedule__indicator__code")
    )


def entries_for_user(*, user) -> QuerySet:
    """The user's entries as PIC still to be entered (open or returned), including those of periods still to come,
    oldest due first."""
    return (
        DataEntry.objects.filter(schedule__pic__user=user, status__in=TO_ENTER)
        .select_related("schedule__indicator__agency")
        .order_by("due_on", "pk")
    )


def entries_now_and_upcoming(*, user) -> tuple[list[DataEntry], list[DataEntry]]:
    """The user's entries as PIC in two lists: those to enter now (their period has begun) and those of periods
    still to come (the "My IKU data" page)."""
    now, upcoming = [], []
    for entry in entries_for_user(user=user):
        (upcoming if entry.is_upcoming else now).append(entry)
    return now, upcoming


def entries_to_enter(*, user) -> QuerySet:
    """What waits for the user as PIC now: the entries above whose period has begun."""
    return entries_for_user(user=user).filter(DataEntry.to_enter_now(timezone.localdate()))


def get_entry_for_user(*, user, entry_id: int) -> DataEntry:
    entry = (
        DataEntry.objects.select_related(
            "schedule__indicator__agency", "schedule__pic", "entered_by__employee", "verified_by__employee"
        )
        .filter(pk=entry_id)
        .first()
    )
    if entry is None or not permissions.can_see_entry(user, entry):
        raise Http404
    return entry


def recent_values(*, entry: DataEntry) -> list[Decimal]:
    """The indicator's last published values before this period, newest first."""
    return list(
        DataEntry.objects.filter(
            schedule_id=entry.schedule_id, status=EntryStatus.PUBLISHED, starts_on__lt=entry.starts_on
        )
        .order_by("-starts_on")
        .values_list("value", flat=True)[:HISTORY_LENGTH]
    )


def schedule_of(*, indicator: Indicator) -> DataSchedule | None:
    return DataSchedule.objects.filter(indicator=indicator).first()


def corrections_of(*, entry: DataEntry) -> QuerySet:
    """The entry's reopenings after publication, oldest first, with who reopened and who had verified."""
    return entry.corrections.select_related("requested_by__employee", "previously_verified_by__employee")


def figures_from_sources(*, agency: Agency, year: int) -> QuerySet:
    """The agency's IKU realisations of `year` that no PIC typed into the calendar: computed from a source (IKM,
    complaints; `agencies/indicator_sources.py`) or pushed by another system through the API (`api/writes.py` keeps
    the origin under "pushed"), and that the calendar did not take over (an IKU without a schedule, or a period that
    is not one of its calendar's: evaluation/services/sources.py). They are verified on the IKU page."""
    return (
        IndicatorRealisation.objects.filter(indicator__agency=agency, period__year=year, verified_elsewhere=False)
        .filter(~Q(source="") | Q(provenance__has_key="pushed"))
        .select_related("indicator", "period")
        .order_by("period__starts_on", "indicator__code")
    )


def entry_task_link(task) -> TaskLink | None:
    """What a notification about a data entry's task names and where it leads (registered in apps.py): the entry's
    page, the IKU and the period its figure covers. One query."""
    entry = (
        DataEntry.objects.filter(process__pk=task.process_id)
        .select_related("schedule__indicator")
        .only("pk", "starts_on", "ends_on", "schedule__indicator__code", "schedule__indicator__name")
        .first()
    )
    if entry is None:
        return None
    indicator = entry.schedule.indicator
    return TaskLink(
        url=reverse("evaluation:entry_detail", args=[entry.pk]),
        subject=f"{indicator.code} {indicator.name}",
        starts_on=entry.starts_on,
        ends_on=entry.ends_on,
    )
