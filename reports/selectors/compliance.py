"""The coordinator's compliance board: where each agency's employees stand against the period's deadlines.

Every active employee is in exactly one status (no plan yet, drafted, submitted, approved, rated). A status is late
once a deadline has passed by which the plan should have left it (end of the day in the agency's time zone); "not
started" after the plan deadline is late like a draft. The board is two SQL aggregations whatever the size: the
agencies, and the active employees grouped by agency and plan stage.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, FilteredRelation, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Employee, Period
from workflow.deadlines import NOT_STARTED, Deadline, deadlines_of, late_stages, passed
from workflow.models import Stage

__all__ = [
    "COMPLIANCE_STATUSES",
    "SOON_DAYS",
    "ComplianceBoard",
    "ComplianceRow",
    "compliance_board",
    "compliance_people",
    "deadlines_of",
    "late_stages",
    "late_employee_ids",
    "status_of_stage",
]

SOON_DAYS = 7  # a deadline this close turns pending figures amber


@dataclass(frozen=True)
class ComplianceStatus:
    key: str
    label: str
    stages: tuple


COMPLIANCE_STATUSES = (
    ComplianceStatus("not_started", _("Not started"), (NOT_STARTED,)),
    ComplianceStatus("drafted", _("Drafted"), (Stage.DRAFT,)),
    ComplianceStatus("submitted", _("Submitted"), (Stage.REVIEW,)),
    ComplianceStatus("approved", _("Approved"), (Stage.REALISATION, Stage.SELF_ASSESSMENT, Stage.RATING)),
    ComplianceStatus("rated", _("Rated"), (Stage.COACHING, Stage.DONE)),
)
_STATUS_OF_STAGE = {stage: status for status in COMPLIANCE_STATUSES for stage in status.stages}
STATUS_KEYS = frozenset(status.key for status in COMPLIANCE_STATUSES)


def status_of_stage(stage) -> ComplianceStatus:
    return _STATUS_OF_STAGE[stage or NOT_STARTED]


def _soon_stages(period: Period, time_zone: str, now: datetime.datetime) -> frozenset:
    soon = frozenset()
    horizon = now + datetime.timedelta(days=SOON_DAYS)
    for deadline in deadlines_of(period):
        if not passed(deadline.day, time_zone, now) and passed(deadline.day, time_zone, horizon):
            soon |= deadline.pending
    return soon


@dataclass
class DeadlineCell:
    deadline: Deadline
    met: int
    pending: int
    passed: bool
    soon: bool
    employees: int

    @property
    def share_met(self) -> float:
        return 100 * self.met / self.employees if self.employees else 0.0

    @property
    def level(self) -> str:
        """red: passed with people still pending; amber: due within a week with people pending; green otherwise."""
        if self.pending and self.passed:
            return "red"
        if self.pending and self.soon:
            return "amber"
        return "green" if self.passed or not self.pending else "none"


@dataclass
class ComplianceRow:
    agency_id: int
    name: str
    employees: int
    counts: dict[str, int]  # status key -> active employees
    late: int
    soon: int
    cells: list[DeadlineCell] = field(default_factory=list)

    @property
    def shares(self) -> list[tuple[ComplianceStatus, int, float]]:
        return [
            (status, self.counts[status.key], 100 * self.counts[status.key] / self.employees if self.employees else 0)
            for status in COMPLIANCE_STATUSES
        ]

    @property
    def late_share(self) -> float:
        return 100 * self.late / self.employees if self.employees else 0.0

    @property
    def level(self) -> str:
        return "red" if self.late else "amber" if self.soon else "green"


@dataclass
class ComplianceBoard:
    period: Period
    deadlines: list[Deadline]
    rows: list[ComplianceRow]
    totals: ComplianceRow


def _by_agency_and_stage(*, period: Period, agency_ids) -> dict[int, dict]:
    rows = (
        Employee.objects.filter(is_active=True, agency_id__in=agency_ids)
        .annotate(
            period_plan=FilteredRelation("plans", condition=Q(plans__period=period, plans__ended_on__isnull=True))
        )
        .values("agency_id", stage=F("period_plan__stage"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[int, dict] = {}
    for row in rows:
        counts.setdefault(row["agency_id"], {})[row["stage"] or NOT_STARTED] = row["n"]
    return counts


def _row(agency_id, name, by_stage, period, time_zone, now, deadlines) -> ComplianceRow:
    employees = sum(by_stage.values())
    late = late_stages(period=period, time_zone=time_zone, now=now)
    soon = _soon_stages(period, time_zone, now) - late
    cells = []
    for deadline in deadlines:
        pending = sum(n for stage, n in by_stage.items() if stage in deadline.pending)
        cells.append(
            DeadlineCell(
                deadline=deadline,
                met=employees - pending,
                pending=pending,
                passed=passed(deadline.day, time_zone, now),
                soon=not passed(deadline.day, time_zone, now)
                and passed(deadline.day, time_zone, now + datetime.timedelta(days=SOON_DAYS)),
                employees=employees,
            )
        )
    return ComplianceRow(
        agency_id=agency_id,
        name=name,
        employees=employees,
        counts={status.key: sum(by_stage.get(stage, 0) for stage in status.stages) for status in COMPLIANCE_STATUSES},
        late=sum(n for stage, n in by_stage.items() if stage in late),
        soon=sum(n for stage, n in by_stage.items() if stage in soon),
        cells=cells,
    )


def compliance_board(*, period: Period, agencies: QuerySet, now: datetime.datetime | None = None) -> ComplianceBoard:
    """Per agency of `agencies` and for all of them: active employees per status, how many are late and how many
    meet each deadline. Two queries. The Pemda row judges each agency by its own time zone."""
    now = now or timezone.now()
    deadlines = deadlines_of(period)
    agency_rows = list(agencies.order_by("short_name", "pk").values_list("pk", "short_name", "time_zone"))
    counts = _by_agency_and_stage(period=period, agency_ids=[pk for pk, _, _ in agency_rows])
    rows = [_row(pk, name, counts.get(pk, {}), period, tz, now, deadlines) for pk, name, tz in agency_rows]
    totals = ComplianceRow(
        agency_id=0,
        name=str(_("All agencies")),
        employees=sum(row.employees for row in rows),
        counts={status.key: sum(row.counts[status.key] for row in rows) for status in COMPLIANCE_STATUSES},
        late=sum(row.late for row in rows),
        soon=sum(row.soon for row in rows),
        cells=[
            DeadlineCell(
                deadline=deadline,
                met=sum(row.cells[index].met for row in rows),
                pending=sum(row.cells[index].pending for row in rows),
                passed=any(row.cells[index].passed for row in rows) or (not rows and deadline.day < now.date()),
                soon=any(row.cells[index].soon for row in rows),
                employees=sum(row.employees for row in rows),
            )
            for index, deadline in enumerate(deadlines)
        ],
    )
    return ComplianceBoard(period=period, deadlines=deadlines, rows=rows, totals=totals)


def _stage_filter(stages) -> Q:
    condition = Q(period_plan__stage__in=[stage for stage in stages if stage is not NOT_STARTED])
    if NOT_STARTED in stages:
        condition |= Q(period_plan__isnull=True)
    return condition


def compliance_people(
    *, period: Period, agency: Agency, status: str = "", now: datetime.datetime | None = None
) -> QuerySet:
    """The agency's active employees with their plan of the period (`plan_id`, `plan_stage`, None without one),
    optionally only one status or only the late ("late"); ordered by name. The page marks lateness with
    `late_stages` (no query per row)."""
    people = (
        Employee.objects.filter(is_active=True, agency=agency)
        .annotate(
            period_plan=FilteredRelation("plans", condition=Q(plans__period=period, plans__ended_on__isnull=True))
        )
        .annotate(plan_id=F("period_plan__id"), plan_stage=F("period_plan__stage"))
        .select_related("unit", "supervisor", "user")
        .order_by("name", "pk")
    )
    if status == "late":
        people = people.filter(_stage_filter(late_stages(period=period, time_zone=agency.time_zone, now=now)))
    elif status in STATUS_KEYS:
        stages = next(item.stages for item in COMPLIANCE_STATUSES if item.key == status)
        people = people.filter(_stage_filter(stages))
    return people


def late_employee_ids(*, period: Period, agency: Agency, employee_ids=None, now=None) -> list[int]:
    """The late among the agency's active employees (or among `employee_ids` of them), for a bulk reminder."""
    people = compliance_people(period=period, agency=agency, status="late", now=now)
    if employee_ids is not None:
        people = people.filter(pk__in=list(employee_ids))
    return list(people.values_list("pk", flat=True))
