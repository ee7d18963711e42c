"""Reads of capacity development, with their joins and aggregates done in SQL."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.http import Http404

from agencies.access import agencies_affiliated_with
from agencies.models import Agency, Employee, Period, PeriodKind
from agencies.roles import roles_for
from workflow.models import APPROVED_STAGES, Plan

from . import permissions
from .models import (
    DevelopmentNeed,
    ExternalStatus,
    ExternalTraining,
    NeedStatus,
    ParticipantStatus,
    Participation,
    Training,
    TrainingKind,
)

# Needs


def list_needs(*, user, status: str | None = None) -> QuerySet:
    needs = DevelopmentNeed.objects.filter(permissions.visible_needs_q(user))
    if status:
        needs = needs.filter(status=status)
    return needs.select_related("employee", "unit", "agency", "indicator").order_by("status", "-raised_at")


def needs_by_competence(*, user) -> list[dict]:
    """Agreed needs of what the user oversees, counted per agency and competence (case-insensitive), for planning."""
    rows = (
        DevelopmentNeed.objects.filter(permissions.visible_needs_q(user), status=NeedStatus.AGREED)
        .values("agency__short_name", "competence")
        .annotate(
            people=Count("employee", distinct=True),
            units=Count("unit", distinct=True),
            served=Count("pk", filter=Q(trainings__isnull=False), distinct=True),
            total=Count("pk", distinct=True),
        )
        .order_by("agency__short_name", "-total", "competence")
    )
    return list(rows)


def get_need_for_user(*, user, need_id: int) -> DevelopmentNeed:
    need = (
        DevelopmentNeed.objects.filter(permissions.visible_needs_q(user), pk=need_id)
        .select_related("employee__supervisor", "agency")
        .first()
    )
    if need is None:
        raise Http404
    return need


def competences(*, user) -> list[str]:
    """Competences already named, for the form's suggestions."""
    return list(
        DevelopmentNeed.objects.filter(permissions.visible_needs_q(user))
        .order_by("competence")
        .values_list("competence", flat=True)
        .distinct()[:200]
    )


def agreed_needs_for_choice(*, user) -> QuerySet:
    return (
        DevelopmentNeed.objects.filter(permissions.visible_needs_q(user), status=NeedStatus.AGREED)
        .select_related("employee", "unit", "agency")
        .order_by("agency__short_name", "competence")
    )


# Trainings


def list_trainings(*, user, year: int | None = None) -> QuerySet:
    trainings = Training.objects.filter(
        pk__in=Training.objects.filter(permissions.visible_trainings_q(user)).values("pk")
    )
    if year:
        trainings = trainings.filter(starts_on__year=year)
    return trainings.select_related("agency").annotate(
        taken=Count(
            "participants",
            filter=Q(participants__status__in=(ParticipantStatus.REGISTERED, ParticipantStatus.COMPLETED)),
        ),
        completed=Count("participants", filter=Q(participants__status=ParticipantStatus.COMPLETED)),
    )


def get_training_for_user(*, user, training_id: int) -> Training:
    training = (
        Training.objects.filter(pk__in=Training.objects.filter(permissions.visible_trainings_q(user)).values("pk"))
        .filter(pk=training_id)
        .select_related("agency")
        .first()
    )
    if training is None:
        raise Http404
    return training


def training_participants(*, training: Training) -> list[Participation]:
    present_days = Count("attendance", filter=Q(attendance__present=True))
    return list(
        training.participants.select_related("employee__unit", "employee__agency")
        .annotate(days_present=present_days)
        .order_by("employee__agency__short_name", "employee__name")
    )


def training_summary(*, training: Training) -> dict:
    """Counts by status, seats left, mean rating."""
    counts = dict(training.participants.values_list("status").annotate(n=Count("pk")))
    taken = counts.get(ParticipantStatus.REGISTERED, 0) + counts.get(ParticipantStatus.COMPLETED, 0)
    ratings = training.participants.filter(rating__isnull=False).values_list("rating", flat=True)
    ratings = list(ratings)
    return {
        "counts": counts,
        "taken": taken,
        "seats_left": max(training.capacity - taken, 0),
        "rating": round(sum(ratings) / len(ratings), 1) if ratings else None,
        "ratings": len(ratings),
    }


def training_feedback(*, training: Training) -> QuerySet:
    """Comments without names: participants give feedback to the organiser anonymously."""
    return training.participants.exclude(comment="").order_by("-feedback_at").values("rating", "comment", "feedback_at")


def registered_for_sheet(*, training: Training) -> QuerySet:
    return (
        training.participants.exclude(status__in=(ParticipantStatus.DECLINED, ParticipantStatus.NOT_COMPLETED))
        .select_related("employee__unit", "employee__agency")
        .order_by("employee__name")
    )


def get_participation_for_manager(*, user, training: Training, participation_id: int) -> Participation:
    participation = training.participants.filter(pk=participation_id).select_related("employee", "training").first()
    if participation is None:
        raise Http404
    permissions.check_manage_training(user, training)
    return participation


def own_participation(*, user, training: Training) -> Participation | None:
    me = roles_for(user).employee
    if me is None:
        return None
    return training.participants.filter(employee=me).select_related("training").first()


def employees_by_nip(*, user, nips: list[str]) -> tuple[list[Employee], list[str]]:
    """Active employees the user oversees with these NIPs, and the NIPs not found among them."""
    found = list(Employee.objects.filter(permissions.ledger_employees_q(user), nip__in=nips, is_active=True))
    known = {person.nip for person in found}
    return found, [nip for nip in nips if nip not in known]


# My development


def my_trainings(*, employee: Employee) -> QuerySet:
    return (
        employee.trainings.select_related("training")
        .annotate(days_present=Count("attendance", filter=Q(attendance__present=True)))
        .order_by("-training__starts_on")
    )


def my_externals(*, employee: Employee) -> QuerySet:
    return employee.external_trainings.order_by("-starts_on")


def externals_to_verify(*, user) -> QuerySet:
    me = roles_for(user).employee
    if me is None:
        return ExternalTraining.objects.none()
    return ExternalTraining.objects.filter(employee__supervisor=me, status=ExternalStatus.SUBMITTED).select_related(
        "employee"
    )


def get_external_for_user(*, user, external_id: int) -> ExternalTraining:
    external = (
        ExternalTraining.objects.filter(pk=external_id)
        .filter(employee__in=Employee.objects.filter(permissions.ledger_employees_q(user)))
        .select_related("employee")
        .first()
    )
    if external is None:
        raise Http404
    return external


def get_certificate_owner(*, user, participation_id: int) -> Participation:
    participation = Participation.objects.filter(pk=participation_id).select_related("employee").first()
    if (
        participation is None
        or not participation.certificate
        or not permissions.can_download_certificate(user, participation.employee)
    ):
        raise Http404
    return participation


# The JP ledger


@dataclass
class Ledger:
    agencies: list  # {agency_id, short_name, people, below, share_below, total_jp}
    employees: list  # Employee objects with .jp and .duty, the first `limit` of those matching
    matching: int


def duty_for(employee_type: str) -> int:
    """The yearly JP duty of an employee type (settings.KINERJA_JP_DUTY; 20 JP when the type is not listed)."""
    return settings.KINERJA_JP_DUTY.get(employee_type, settings.KINERJA_JP_DUTY.get("default", 20))


def jp_totals(*, year: int, employees: QuerySet) -> dict[int, int]:
    """JP per employee id in `year`: completed Pemda trainings that ended in the year plus verified external ones.
    Two grouped queries for any number of employees (a correlated subquery per employee was far slower)."""
    totals = defaultdict(int)
    internal = (
        Participation.objects.filter(
            employee__in=employees, status=ParticipantStatus.COMPLETED, training__ends_on__year=year
        )
        .order_by()
        .values_list("employee_id")
        .annotate(total=Sum("training__jp"))
    )
    external = (
        ExternalTraining.objects.filter(employee__in=employees, status=ExternalStatus.VERIFIED, ends_on__year=year)
        .order_by()
        .values_list("employee_id")
        .annotate(total=Sum("jp"))
    )
    for rows in (internal, external):
        for employee_id, total in rows:
            totals[employee_id] += total
    return totals


def ledger(*, user, year: int, agency_id: int | None = None, below_only: bool = False, limit: int = 100) -> Ledger:
    """Everyone the user may read, per agency (how many are below their duty) and as a list, fewest JP first."""
    employees = Employee.objects.filter(permissions.ledger_employees_q(user), is_active=True)
    totals = jp_totals(year=year, employees=employees)
    people = list(employees.order_by().values_list("pk", "agency_id", "employee_type", "name"))
    names = dict(Agency.objects.filter(pk__in={row[1] for row in people}).values_list("pk", "short_name"))
    per_agency, matching = {}, []
    for pk, agency, employee_type, name in people:
        jp, duty = totals.get(pk, 0), duty_for(employee_type)
        row = per_agency.setdefault(
            agency, {"agency_id": agency, "short_name": names[agency], "people": 0, "below": 0, "total_jp": 0}
        )
        row["people"] += 1
        row["below"] += jp < duty
        row["total_jp"] += jp
        if (agency_id is None or agency == agency_id) and (not below_only or jp < duty):
            matching.append((names[agency], jp, name, pk))
    for row in per_agency.values():
        row["share_below"] = round(100 * row["below"] / row["people"])
    first = [pk for *_sort, pk in sorted(matching)[:limit]]
    shown = Employee.objects.filter(pk__in=first).select_related("agency", "unit").in_bulk()
    listed = []
    for pk in first:
        person = shown[pk]
        person.jp, person.duty = totals.get(pk, 0), duty_for(person.employee_type)
        listed.append(person)
    return Ledger(
        agencies=sorted(per_agency.values(), key=lambda row: row["short_name"]),
        employees=listed,
        matching=len(matching),
    )


def employee_year_jp(*, employee: Employee, year: int) -> dict:
    jp = jp_totals(year=year, employees=Employee.objects.filter(pk=employee.pk)).get(employee.pk, 0)
    return {"jp": jp, "duty": duty_for(employee.employee_type)}


def ledger_agencies(*, user) -> QuerySet:
    return agencies_affiliated_with(user).filter(
        pk__in=Employee.objects.filter(permissions.ledger_employees_q(user)).values("agency_id")
    )


# Export


def completed_trainings(*, user, year: int | None) -> list[dict]:
    """Completed Pemda trainings and verified external ones, with the fields a national HR system asks for."""
    people = Employee.objects.filter(permissions.ledger_employees_q(user))
    internal = Participation.objects.filter(status=ParticipantStatus.COMPLETED, employee__in=people)
    external = ExternalTraining.objects.filter(status=ExternalStatus.VERIFIED, employee__in=people)
    if year:
        internal = internal.filter(training__ends_on__year=year)
        external = external.filter(ends_on__year=year)
    columns = ("nip", "name", "kind", "training_name", "organiser", "starts_on", "ends_on", "jp", "certificate_number")
    internal_rows = internal.values_list(
        "employee__nip",
        "employee__name",
        "training__kind",
        "training__name",
        "training__organiser",
        "training__starts_on",
        "training__ends_on",
        "training__jp",
        "certificate_number",
    )
    external_rows = external.values_list(
        "employee__nip",
        "employee__name",
        "kind",
        "name",
        "organiser",
        "starts_on",
        "ends_on",
        "jp",
        "certificate_number",
    )
    combined = internal_rows.order_by().union(external_rows.order_by(), all=True)
    rows = [dict(zip(columns, row, strict=True)) for row in combined]
    return sorted(rows, key=lambda row: (row["nip"], row["starts_on"]))


# Socialisation coverage


def sosialisasi_coverage(*, user, year: int) -> list[dict]:
    """Per agency in scope: how many people took part in a sosialisasi this year, next to plan (SKP) progress."""
    socialised = Participation.objects.filter(
        employee=OuterRef("pk"),
        training__kind=TrainingKind.SOSIALISASI,
        training__starts_on__year=year,
        status__in=(ParticipantStatus.REGISTERED, ParticipantStatus.COMPLETED),
    )
    annual = Period.objects.filter(year=year, kind=PeriodKind.ANNUAL).order_by("-starts_on").values("pk")[:1]
    people = (
        Employee.objects.filter(is_active=True, agency_id__in=agencies_affiliated_with(user).values("pk"))
        .annotate(socialised=Exists(socialised))
        .values("agency_id", "agency__short_name", "agency__name")
        .annotate(people=Count("pk"), reached=Count("pk", filter=Q(socialised=True)))
        .order_by("agency__name")
    )
    plans = dict(
        Plan.objects.filter(period_id__in=Subquery(annual), stage__in=APPROVED_STAGES)
        .values("employee__agency_id")
        .annotate(n=Count("pk"))
        .values_list("employee__agency_id", "n")
    )
    rows = []
    for row in people:
        agreed = plans.get(row["agency_id"], 0)
        rows.append(
            row
            | {
                "coverage": round(100 * row["reached"] / row["people"]) if row["people"] else 0,
                "agreed": agreed,
                "progress": round(100 * agreed / row["people"]) if row["people"] else 0,
            }
        )
    return rows


# Panels on lower apps' pages


def trainings_completed_since(*, employee: Employee, since: datetime.datetime) -> QuerySet:
    return (
        employee.trainings.filter(status=ParticipantStatus.COMPLETED, training__ends_on__gte=since.date())
        .select_related("training")
        .order_by("training__starts_on")
    )


def trainings_for_agencies(*, agency_ids, before: datetime.date) -> dict[int, list[Training]]:
    """Trainings targeting each agency's IKU that started before `before`: {agency id: [trainings]}."""
    trainings = (
        Training.objects.filter(indicators__agency_id__in=agency_ids, starts_on__lt=before)
        .annotate(target_agency=F("indicators__agency_id"))
        .order_by("-starts_on")
    )
    grouped = {}
    for training in trainings:
        grouped.setdefault(training.target_agency, [])
        if training not in grouped[training.target_agency]:
            grouped[training.target_agency].append(training)
    return grouped


def employees_by_id(*, user, employee_id: int) -> Employee:
    """An employee the user may raise a need for (themself, a direct report, people of an agency they oversee)."""
    person = Employee.objects.filter(pk=employee_id).select_related("agency").first()
    if person is None or not permissions.can_raise_need_for(user, person):
        raise Http404
    return person
