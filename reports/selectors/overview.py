"""The coordinator's period overview: plans per stage bucket, people without a plan, overdue tasks and their owners.

Every figure is one SQL aggregation over the whole scope, so the number of queries does not grow with the number
of employees, plans or agencies.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, FilteredRelation, Func, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, IndicatorRealisation, Period, TimeZone
from agencies.selectors import covers_every_agency, list_periods
from workflow.flows import PlanFlow
from workflow.models import PlanTask, Stage
from workflow.selectors import (
    EVALUATION_DUE_STEPS,
    OPEN_STATUSES,
    PLAN_DUE_STEPS,
    current_period,
    deadline_at,
    plan_progress_by_agency,
)

from ..permissions import check_see_agency_figures
from .compliance import late_stages

__all__ = [
    "BUCKETS",
    "PLAN_BUCKETS",
    "OverviewRow",
    "Overview",
    "period_with_choices",
    "get_agency_for_user",
    "judged_agencies",
    "current_period",
    "overdue_tasks_q",
    "period_overview",
    "predikat_counts",
    "overdue_tasks",
]


@dataclass(frozen=True)
class Bucket:
    key: str
    label: str
    stages: tuple[str, ...]


# The overview's columns, in the order of the cycle: people without a plan, then one column per stage, keyed and
# named by the stage itself, so a stage has the same name here as on every other page (`Stage` labels).
BUCKETS = (
    Bucket("not_started", _("Not started"), ()),
    *(Bucket(stage.value, stage.label, (stage,)) for stage in Stage),
)
PLAN_BUCKETS = {bucket.key: bucket for bucket in BUCKETS if bucket.stages}


def period_with_choices(*, period_id: int, figures_of: QuerySet | None = None) -> tuple[Period, list[Period]]:
    """The period a dashboard shows and every period for its switcher, in one query (a few periods a year), or 404.

    With `figures_of` (agencies), each period also tells whether those agencies have IKU realisations in it
    (`has_figures`), which `figures_period` then reads instead of asking again.
    """
    periods = list_periods()
    if figures_of is not None:
        realised = IndicatorRealisation.objects.filter(period=OuterRef("pk"), indicator__agency__in=figures_of)
        periods = periods.annotate(has_figures=Exists(realised))
    periods = list(periods)
    period = next((period for period in periods if period.pk == period_id), None)
    if period is None:
        raise Http404
    return period, periods


def judged_agencies(*, period: Period, agencies: QuerySet, judged_only: bool = False) -> QuerySet:
    """The agencies, each with its organisation predikat (`period_predikat`) and distribution override
    (`period_override`) of `period` joined in, with who set them: both are unique per agency and period. An agency
    without either row gets no attribute for it (read them with getattr(…, None)).

    `judged_only`: only the agencies with either row, for a caller that reads an agency's rows or None (a province's
    400 agencies are some 400 model instances otherwise, most of them with nothing set yet).
    """
    judged = (
        agencies.annotate(
            period_predikat=FilteredRelation(
                "organisation_predikats", condition=Q(organisation_predikats__period=period)
            ),
            period_override=FilteredRelation(
                "distribution_overrides", condition=Q(distribution_overrides__period=period)
            ),
        )
        .select_related("period_predikat__set_by", "period_override__created_by")
        .order_by()
    )
    if judged_only:
        judged = judged.filter(Q(period_predikat__isnull=False) | Q(period_override__isnull=False))
    return judged


def get_agency_for_user(*, user, agency_id: int, period: Period | None = None) -> Agency:
    """An agency whose dashboard `user` may see, else 404 (other agencies' existence does not leak). With `period`,
    its organisation predikat and override of that period come in the same query (see `judged_agencies`)."""
    check_see_agency_figures(user, agency_id)
    agencies = Agency.objects.filter(pk=agency_id)
    if period is not None:
        agencies = judged_agencies(period=period, agencies=agencies)
    agency = agencies.first()
    if agency is None:
        raise Http404
    return agency


def _overdue_nodes(day: datetime.date, tz: str, now: datetime.datetime, names) -> list:
    if deadline_at(day, Agency(time_zone=tz)) >= now:
        return []
    return [getattr(PlanFlow, name) for name in names]


def overdue_tasks_q(
    *, period: Period, now: datetime.datetime | None = None, plan: str = "process__planprocess__plan"
) -> Q:
    """Open plan tasks of `period` whose step deadline (end of the day in the agency's time zone) has passed.

    The same rule as `workflow.selectors.due_at_for`, written as a filter: for each time zone, the steps whose
    deadline is over. `plan` is the path from the tasks' model to their plan (viewflow's Task by default;
    "process__plan" for `PlanTask`), or to anything with the plan's `period` and `employee` ("process" for
    `PlanTask`: its PlanProcess keeps both).
    """
    now = now or timezone.now()
    by_zone = {
        tz: _overdue_nodes(period.plan_due, tz, now, sorted(PLAN_DUE_STEPS))
        + _overdue_nodes(period.ends_on, tz, now, ["realisation"])
        + _overdue_nodes(period.evaluation_due, tz, now, sorted(EVALUATION_DUE_STEPS))
        for tz in TimeZone.values
    }
    distinct = {tuple(node.name for node in nodes) for nodes in by_zone.values()}
    if len(distinct) == 1:  # the usual case: no deadline ends between the time zones' midnights right now
        nodes = next(iter(by_zone.values()))
        overdue = Q(flow_task__in=nodes) if nodes else Q(pk__in=[])
    else:
        overdue = Q(pk__in=[])
        for tz, nodes in by_zone.items():
            if nodes:
                overdue |= Q(**{f"{plan}__employee__agency__time_zone": tz}, flow_task__in=nodes)
    return Q(**{f"{plan}__period": period}, status__in=OPEN_STATUSES) & overdue


@dataclass
class OverviewRow:
    agency_id: int
    name: str
    employees: int
    plans: int
    counts: dict[str, int]  # bucket key -> n
    overdue: int
    by_predikat: dict[str, int] = field(default_factory=dict)
    late: int = 0  # board: employees late against a passed deadline, "not started" after the plan deadline included

    @property
    def cells(self) -> list[tuple[Bucket, int]]:
        return [(bucket, self.counts[bucket.key]) for bucket in BUCKETS]


@dataclass
class Overview:
    rows: list[OverviewRow]
    totals: OverviewRow
    owners: list[dict] = field(default_factory=list)  # who holds the overdue tasks (see `overdue_tasks`)


def period_overview(*, period: Period, agencies: QuerySet, now=None, owners: int = 20) -> Overview:
    """Per agency in `agencies`: active employees, plans per bucket, active employees without a plan ("not
    started") and overdue tasks; and the `owners` owners with the most overdue tasks. Four queries whatever the
    size (two for the plans, two for the overdue tasks: `overdue_tasks`)."""
    progress = plan_progress_by_agency(period=period, agencies=agencies, extra={"zone": F("time_zone")})
    agency_names = {agency_id: data["name"] for agency_id, data in progress.items()}
    overdue, top_owners = overdue_tasks(
        period=period, agency_names=agency_names, limit=owners, now=now, every_agency=covers_every_agency(agencies)
    )
    zones = {data["zone"] for data in progress.values()}  # a few time zones for some 400 agencies
    late_in_zone = {zone: late_stages(period=period, time_zone=zone, now=now) for zone in zones}
    rows = []
    for agency_id, data in progress.items():
        counts = {key: sum(data["by_stage"][stage] for stage in bucket.stages) for key, bucket in PLAN_BUCKETS.items()}
        counts = {"not_started": data["not_started"], **counts}
        rows.append(
            OverviewRow(
                agency_id=agency_id,
                name=data["name"],
                employees=data["employees"],
                plans=data["plans"],
                counts=counts,
                overdue=overdue.get(agency_id, 0),
                by_predikat=data["by_predikat"],
                late=_late(data, late_in_zone[data["zone"]]),
            )
        )
    rows.sort(key=lambda row: row.name.lower())
    totals = OverviewRow(
        agency_id=0,
        name=str(_("All agencies")),
        employees=sum(row.employees for row in rows),
        plans=sum(row.plans for row in rows),
        counts={bucket.key: sum(row.counts[bucket.key] for row in rows) for bucket in BUCKETS},
        overdue=sum(row.overdue for row in rows),
        late=sum(row.late for row in rows),
    )
    return Overview(rows=rows, totals=totals, owners=top_owners)


def _late(data: dict, late: frozenset) -> int:
    """Late employees of one agency from its figures: plans in a late stage plus, once the plan deadline is over,
    the active employees without a plan (the compliance board's rule, see .compliance)."""
    return sum(n for stage, n in data["by_stage"].items() if stage in late) + (
        data["not_started"] if None in late else 0
    )


def predikat_counts(*, period: Period, agencies: QuerySet) -> list[OverviewRow]:
    """Per agency, its plans by predikat (the distribution page needs nothing else): two queries."""
    progress = plan_progress_by_agency(period=period, agencies=agencies)
    rows = [
        OverviewRow(
            agency_id=agency_id,
            name=data["name"],
            employees=data["employees"],
            plans=data["plans"],
            counts={},
            overdue=0,
            by_predikat=data["by_predikat"],
        )
        for agency_id, data in progress.items()
    ]
    return sorted(rows, key=lambda row: row.name.lower())


class _SumOver(Func):
    """SUM(…) as a window function over a grouped query's aggregate (Django's Sum refuses an aggregate)."""

    function = "SUM"
    window_compatible = True


def overdue_tasks(
    *, period: Period, agency_names: dict[int, str], limit: int = 20, now=None, every_agency: bool = False
) -> tuple[dict[int, int], list[dict]]:
    """The overdue tasks of the agencies in `agency_names` ({id: short name}): how many per agency, and who holds
    them, the `limit` owners with the most first (an owner acting on plans of two agencies appears once per
    agency). Returns ({agency id: n}, [{"owner_id", "name", "agency", "overdue"}, …]).

    One pass over the tasks for both: the tasks are counted per owner and agency, and window functions add each
    agency's total and each group's rank, so only the groups ranked within `limit` and one group per agency leave
    the database. Two grouped queries, one per figure, joined every open task of the period to its plan and
    employee twice (some 0.37 s of the overview's 0.8 s at 100,000 employees on PostgreSQL); a subquery per agency
    row is worse still (SQLite scanned the open tasks once per agency). A second, small query names the owners:
    grouping on their names as well joins two more tables of 100,000 rows to every task.

    `every_agency`: `agency_names` are all the agencies, so the tasks need no filter on them (a list of a
    province's 400 ids checked against every task).
    """
    # The plan's period and employee as its process keeps them (PlanProcess): the plans themselves are not read.
    agency_key = "process__employee__agency_id"
    tasks = PlanTask.objects.filter(overdue_tasks_q(period=period, now=now, plan="process"))
    if not every_agency:
        tasks = tasks.filter(**{f"{agency_key}__in": list(agency_names)})
    groups = (
        tasks.order_by()
        .values("owner_id", agency_key)
        .annotate(n=Count("*"))  # COUNT(*) rather than of a column: PostgreSQL need not read the task's key
        .annotate(
            agency_total=Window(_SumOver(F("n")), partition_by=F(agency_key)),
            rank=Window(RowNumber(), order_by=[F("n").desc(), F("owner_id").asc(), F(agency_key).asc()]),
            in_agency=Window(RowNumber(), partition_by=F(agency_key)),
        )
        .filter(Q(rank__lte=limit) | Q(in_agency=1))
    )
    by_agency, top = {}, []
    for group in groups:
        if group[agency_key] not in agency_names:  # an agency created since they were read (`every_agency`)
            continue
        by_agency[group[agency_key]] = int(group["agency_total"])  # a numeric sum on PostgreSQL
        if group["rank"] <= limit:
            top.append(group)
    top.sort(key=lambda group: group["rank"])
    owner_ids = [group["owner_id"] for group in top if group["owner_id"] is not None]
    names = {
        pk: name or username
        for pk, username, name in get_user_model()
        .objects.filter(pk__in=owner_ids)
        .values_list("pk", "username", "employee__name")
    }
    owners = [
        {
            "owner_id": group["owner_id"],
            "name": names.get(group["owner_id"]) or str(_("(unassigned)")),
            "agency": agency_names.get(group[agency_key], ""),
            "overdue": group["n"],
        }
        for group in top
    ]
    return by_agency, owners
