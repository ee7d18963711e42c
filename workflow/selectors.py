"""Reads of plans, tasks and their aggregates, with their joins done here and permissions applied."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, FilteredRelation, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import ngettext
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from agencies.achievement import NO_DATA, Achievement, cap, raw_achievement, status_for
from agencies.models import Agency, Employee, Indicator, Period, PeriodKind, PeriodStatus
from agencies.roles import roles_for
from agencies.selectors import covers_every_agency
from agencies.services import deadline_at
from common import panels

from .deadlines import NOT_YET_RATED
from .flows import PlanFlow
from .models import (
    OPEN_STATUSES,
    Evidence,
    Feedback,
    Plan,
    PlanEvent,
    PlanStep,
    Realisation,
    ResultIndicator,
    ResultPlan,
    Stage,
    rhk_order,
)
from .periodic.models import PeriodicReview
from .periodic.selectors import reviews_of_plan, unassigned_rater_tasks
from .permissions import visible_plans_q
from .predikat import Predikat

PLAN_JOINS = ("employee__agency", "employee__unit", "employee__supervisor", "period", "supervisor")
# What the plan page shows of the plan beyond PLAN_JOINS, by the plan's foreign key each needs (None: a reverse
# one-to-one row, there from the stage given in `_PAGE_ROWS_FROM`). Loaded in a second query of only the relations
# the plan has: joined into the plan's own query, these fifteen tables cost PostgreSQL some 10 ms of planning per
# page, thirty times the query's execution.
PLAN_PAGE_JOINS = {
    "copied_from__period": "copied_from_id",
    "rated_by": "rated_by_id",
    "ended_agency": "ended_agency_id",
    "previous_plan__ended_agency": "previous_plan_id",
    "self_assessment": None,
    "coaching": None,
}

# Which deadline of the period each step is due by.
PLAN_DUE_STEPS = frozenset({PlanStep.DRAFT, PlanStep.REVIEW})
EVALUATION_DUE_STEPS = frozenset(
    {PlanStep.SELF_ASSESSMENT, PlanStep.RATING, PlanStep.COACHING, PlanStep.ACKNOWLEDGE, PlanStep.CLOSE_COACHING}
)


def current_period() -> Period | None:
    """The annual period running today, else the latest one (one query: a few periods a year)."""
    return _current_of(Period.objects.filter(kind=PeriodKind.ANNUAL).order_by("-starts_on", "kind"))


def _current_of(periods) -> Period | None:
    """Among `periods` (newest first), the annual one running today, else the latest annual one."""
    today = timezone.localdate()
    annual = [period for period in periods if period.kind == PeriodKind.ANNUAL]
    running = next((period for period in annual if period.starts_on <= today <= period.ends_on), None)
    return running or (annual[0] if annual else None)


def annual_period_around(*, period: Period) -> Period | None:
    """The annual period a quarter or month lies in: where its plans (SKP) belong."""
    return (
        Period.objects.filter(kind=PeriodKind.ANNUAL, starts_on__lte=period.starts_on, ends_on__gte=period.ends_on)
        .order_by("-starts_on")
        .first()
    )


def list_periods() -> QuerySet:
    return Period.objects.order_by("-starts_on", "kind")


def chosen_period(*, periods: list[Period], chosen: str | None) -> Period | None:
    """The period picked in a switcher (?period=<id>) among `periods` (from `list_periods`), else the current one;
    read from the list the page shows anyway, so choosing costs no query."""
    picked = next((period for period in periods if str(period.pk) == (chosen or "")), None)
    return picked or _current_of(periods)


def plans_for_user(*, user) -> QuerySet:
    """The user's own plans, newest period first."""
    return Plan.objects.filter(employee__user=user).select_related(*PLAN_JOINS).order_by("-period__starts_on")


MY_PLANS_SHOWN = 3  # this year's, next year's, and room for a transfer's second plan


def my_plans_from(*, user, period: Period | None) -> list[Plan]:
    """The user's plan of `period` (the current one) and those of later periods not closed (next year's, once it is
    opened for their agency), in period order: at the turn of the year an employee has two plans in play."""
    if period is None:
        return []
    later = Q(period__starts_on__gt=period.starts_on) & ~Q(period__status=PeriodStatus.CLOSED)
    plans = plans_for_user(user=user).filter(Q(period=period) | later)
    return list(plans.order_by("period__starts_on", "period__kind")[:MY_PLANS_SHOWN])


def openable_periods_for(*, employee: Employee) -> QuerySet:
    """Annual periods being planned or running for which the employee has no plan yet: a plan (SKP) is made for the
    year and evaluated each quarter or month inside it (Period.is_annual), so quarters are not offered."""
    return Period.objects.filter(
        kind=PeriodKind.ANNUAL, status__in=(PeriodStatus.PLANNING, PeriodStatus.RUNNING)
    ).exclude(plans__employee=employee)


def previous_plan(*, plan: Plan) -> Plan | None:
    """The employee's latest plan of an earlier period, to copy from."""
    return (
        Plan.objects.filter(employee_id=plan.employee_id, period__starts_on__lt=plan.period.starts_on)
        .select_related("period")
        .order_by("-period__starts_on")
        .first()
    )


def continuation_of(*, plan: Plan) -> Plan | None:
    """The plan opened at the new agency after `plan` was closed at a transfer (None for any other plan, no query)."""
    if plan.ended_on is None:
        return None
    return plan.continued_by.select_related("employee__agency").order_by("pk").first()


def get_plan_for_user(*, user, plan_id: int) -> Plan:
    """A plan `user` may read, or 404 (existence does not leak)."""
    plans = Plan.objects.filter(visible_plans_q(user)).select_related(*PLAN_JOINS)
    return get_object_or_404(plans, pk=plan_id)


def _load_page_relations(plan: Plan) -> None:
    """Put on `plan` what the plan page shows beyond PLAN_JOINS (PLAN_PAGE_JOINS), in one query of the relations
    it has; none when it has none (an empty foreign key reads as None without a query)."""
    shown = {
        "self_assessment": plan.stage not in PRE_SELF_STAGES,
        "coaching": plan.stage in (Stage.COACHING, Stage.DONE),
    }
    joins = [
        join
        for join, key in PLAN_PAGE_JOINS.items()
        if (shown[join] if key is None else getattr(plan, key) is not None)
    ]
    if not joins:
        return
    loaded = Plan.objects.select_related(*joins).get(pk=plan.pk)
    for join in joins:
        name = join.split("__", 1)[0]
        plan._state.fields_cache[name] = loaded._state.fields_cache.get(name)


def plan_results(*, plan: Plan) -> list[ResultPlan]:
    """RHK (main first, then additional) with indicators, realisations, evidence, ratings and what they support:
    four queries whatever the size. Each level is ordered on its own columns: the models' default orderings go
    through the parent rows and would join the plan, its period and its employee again."""
    realisations = (
        Realisation.objects.select_related("reported_by", "periodic_review__plan__period")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("pk")))
        .order_by("-reported_at", "-pk")
    )
    indicators = ResultIndicator.objects.prefetch_related(Prefetch("realisations", queryset=realisations)).order_by(
        "order", "pk"
    )
    results = list(
        plan.results.select_related("supports__plan", "supports_indicator", "rating")
        .prefetch_related(Prefetch("indicators", queryset=indicators))
        .order_by(*rhk_order())
    )
    for result in results:
        for indicator in result.indicators.all():
            indicator.achievement = indicator_achievement(indicator)
    return results


# A plan indicator has no bands of its own: it is judged by the same defaults as an agency's IKU.
_IKU_FIELDS = Indicator._meta
DEFAULT_GREEN_FROM = _IKU_FIELDS.get_field("green_from").default
DEFAULT_AMBER_FROM = _IKU_FIELDS.get_field("amber_from").default


def indicator_achievement(indicator: ResultIndicator) -> Achievement:
    """Achievement of a plan indicator: its latest reported value against its numeric target, by the rules of
    agencies.achievement (higher is better; a described target or a report without a number has none).
    Reads the prefetched realisations (newest first), so it costs no query."""
    latest = next((r for r in indicator.realisations.all() if r.value is not None), None)
    if latest is None or indicator.target_value is None:
        return Achievement(raw=None, capped=None, status=NO_DATA)
    raw = raw_achievement(realisation=latest.value, target=indicator.target_value)
    return Achievement(
        raw=raw,
        capped=cap(raw),
        status=status_for(raw, green_from=DEFAULT_GREEN_FROM, amber_from=DEFAULT_AMBER_FROM),
    )


def plan_history(*, plan: Plan) -> list[PlanEvent]:
    """The plan's events in order, each knowing its plan (a periodic event's comment names its window through
    the plan's period) without a query."""
    events = list(PlanEvent.objects.filter(plan=plan).select_related("actor__employee").order_by("created_at", "pk"))
    for event in events:
        event.plan = plan
    return events


def plan_feedback(*, plan: Plan) -> QuerySet:
    return Feedback.objects.filter(plan=plan).select_related("author__employee").order_by("created_at", "pk")


def plan_page_data(*, plan: Plan) -> dict:
    """Everything the plan page shows, in a constant number of queries."""
    _load_page_relations(plan)
    coaching = getattr(plan, "coaching", None) if plan.stage in (Stage.COACHING, Stage.DONE) else None
    return {
        "results": plan_results(plan=plan),
        "expectations": list(plan.expectations.order_by("pk")),
        "self_assessment": getattr(plan, "self_assessment", None) if plan.stage not in PRE_SELF_STAGES else None,
        "coaching": coaching,
        "sessions": list(coaching.sessions.order_by("held_on", "pk")) if coaching else [],
        "feedback": list(plan_feedback(plan=plan)),
        "events": plan_history(plan=plan),
        "periodic_reviews": reviews_of_plan(plan=plan) if plan.approved_at else [],
        # A finished plan's process has ended: no task can be open.
        "open_tasks": [] if plan.is_frozen else list(open_tasks_of_plan(plan=plan)),
    }


PRE_SELF_STAGES = frozenset({Stage.DRAFT, Stage.REVIEW, Stage.REALISATION, Stage.SELF_ASSESSMENT})


def open_tasks_of_plan(*, plan: Plan) -> QuerySet:
    return Task.objects.filter(process__planprocess__plan_id=plan.pk, status__in=OPEN_STATUSES).select_related(
        "owner__employee"
    )


def get_task_for_user(*, user, plan: Plan, task_id: int) -> Task:
    """A task of this plan owned by `user` (open or done), else 404."""
    task = (
        Task.objects.filter(pk=task_id, process__planprocess__plan_id=plan.pk, owner=user)
        .select_related("process")
        .first()
    )
    if task is None:
        raise Http404
    return task


def cascade_options(*, plan: Plan) -> QuerySet:
    """The supervisor's approved RHK for the same period, which this plan's RHK may support."""
    supervisor_id = plan.employee.supervisor_id
    if supervisor_id is None:
        return ResultPlan.objects.none()
    approved = [stage for stage in Stage.values if stage not in (Stage.DRAFT, Stage.REVIEW)]
    return ResultPlan.objects.filter(
        plan__employee_id=supervisor_id, plan__period_id=plan.period_id, plan__stage__in=approved
    ).order_by(*rhk_order())


def iku_options(*, plan: Plan) -> QuerySet:
    return Indicator.objects.filter(agency_id=plan.employee.agency_id, is_active=True).order_by("code")


@dataclass
class TaskItem:
    task: Task
    plan: Plan
    due_at: datetime.datetime | None
    overdue: bool

    @property
    def title(self):
        return self.task.flow_task.task_title

    @property
    def node_name(self) -> str:
        return self.task.flow_task.name


def due_at_for(node_name: str, plan: Plan) -> datetime.datetime | None:
    period, agency = plan.period, plan.employee.agency
    if node_name in PLAN_DUE_STEPS:
        return deadline_at(period.plan_due, agency)
    if node_name == PlanStep.REALISATION:
        return deadline_at(period.ends_on, agency)
    if node_name in EVALUATION_DUE_STEPS:
        return deadline_at(period.evaluation_due, agency)
    return None


def _task_items(tasks, *, now=None) -> list[TaskItem]:
    now = now or timezone.now()
    items = []
    for task in tasks:
        plan = task.process.planprocess.plan
        due = due_at_for(task.flow_task.name, plan)
        overdue = due is not None and task.status in OPEN_STATUSES and due < now
        items.append(TaskItem(task=task, plan=plan, due_at=due, overdue=overdue))
    return items


def _plan_tasks() -> QuerySet:
    return Task.objects.filter(process__flow_class=PlanFlow).select_related(
        "process__planprocess__plan__employee__agency",
        "process__planprocess__plan__period",
    )


# Open tasks of plans whose period is closed can never be done (workflow.permissions.accepts_changes): the inbox,
# its badge and the coordinator's list leave them out rather than invite refused work. They are not cancelled, so
# the process history stays whole and reopening the period brings them back as they were.
NOT_CLOSED = ~Q(process__planprocess__plan__period__status=PeriodStatus.CLOSED)


def inbox(*, user) -> list[TaskItem]:
    """The user's open tasks that can still be done, soonest deadline first, with due dates and overdue marks."""
    tasks = _plan_tasks().filter(NOT_CLOSED, owner=user, status__in=OPEN_STATUSES).order_by("created", "pk")
    return sorted(_task_items(tasks), key=lambda item: (item.due_at is None, item.due_at or 0, item.task.pk))


def archive(*, user, limit: int = 200) -> list[TaskItem]:
    """The user's finished tasks, latest first."""
    tasks = _plan_tasks().filter(owner=user, status=STATUS.DONE).order_by("-finished", "-pk")[:limit]
    return _task_items(tasks)


@dataclass
class PeriodicTaskItem(TaskItem):
    """A periodic evaluation's step in a task list: named with its window ("Rate the period: Triwulan II 2026")."""

    review: PeriodicReview | None = None

    @property
    def title(self):
        return f"{self.task.flow_task.task_title}: {self.review.label}"


def unassigned_tasks(*, user) -> list[TaskItem]:
    """For a coordinator: steps waiting for a reviewer (a head without a recorded supervisor) in their scope, the
    plans' own and their periodic evaluations' rating steps, oldest deadline first."""
    roles = roles_for(user)
    if not roles.is_coordinator:
        return []
    tasks = _plan_tasks().filter(NOT_CLOSED, owner__isnull=True, status=STATUS.NEW, flow_task_type="HUMAN")
    ids = roles.coordinated_agency_ids()
    if ids is not None:
        tasks = tasks.filter(process__planprocess__plan__employee__agency_id__in=ids)
    items = _task_items(tasks.order_by("created", "pk"))
    now = timezone.now()
    for task, review in unassigned_rater_tasks(agency_ids=ids):
        due = deadline_at(review.due_on, review.plan.employee.agency)
        items.append(PeriodicTaskItem(task=task, plan=review.plan, due_at=due, overdue=due < now, review=review))
    return sorted(items, key=lambda item: (item.due_at is None, item.due_at or 0, item.task.pk))


INBOX_SLOT = "inbox"  # the inbox's panels (common/panels.py): complaints and IKU figures, from the apps above


def _open_tasks(user) -> QuerySet:
    """The user's open tasks that can still be done: the plans' own tasks, the objections to decide
    (ObjectionFlow) and the periodic evaluations."""
    from .objections.flows import ObjectionFlow
    from .periodic.flows import PeriodicReviewFlow

    flows = [PlanFlow, ObjectionFlow, PeriodicReviewFlow]
    periodic_closed = Q(process__periodicreviewprocess__review__plan__period__status=PeriodStatus.CLOSED)
    return Task.objects.filter(
        NOT_CLOSED, ~periodic_closed, owner=user, status__in=OPEN_STATUSES, process__flow_class__in=flows
    )


def open_task_counts(*, user) -> dict:
    """The open tasks above by flow class, in one grouped count (the inbox asks only for the lists that have any)."""
    if not user.is_authenticated:
        return {}
    rows = _open_tasks(user).values_list("process__flow_class").annotate(n=Count("pk"))
    return dict(rows.order_by())


def open_task_count(*, user) -> int:
    """The inbox badge: the open tasks and what the inbox's panels list as waiting for the person (complaints to
    verify or answer, IKU figures to enter or verify), counted together in one query."""
    if not user.is_authenticated:
        return 0
    waiting = [items.order_by().values_list("pk") for items in panels.waiting_items(INBOX_SLOT, user=user)]
    return _open_tasks(user).order_by().values_list("pk").union(*waiting, all=True).count()


def team_plans(*, user, period: Period | None) -> QuerySet:
    """Plans of the user's direct subordinates (and those they review) for a period, with realisation progress."""
    roles = roles_for(user)
    if roles.employee is None or period is None:
        return Plan.objects.none()
    me = roles.employee
    # The subordinates' ids as a list (a team is small): both sides of the OR are then on the plan's own indexed
    # columns and PostgreSQL combines two index scans, where a join or an IN (subquery) inside the OR made it
    # scan every plan of the period (15 ms at 10,000 employees instead of 0.2 ms).
    subordinate_ids = list(Employee.objects.filter(supervisor=me).values_list("pk", flat=True))
    return (
        Plan.objects.filter(Q(employee_id__in=subordinate_ids) | Q(supervisor=me), period=period)
        .select_related(*PLAN_JOINS)
        .annotate(
            indicator_count=Count("results__indicators", distinct=True),
            realised_count=Count(
                "results__indicators", filter=Q(results__indicators__realisations__isnull=False), distinct=True
            ),
        )
        .order_by("employee__name")
    )


def with_due_dates(plans, *, now=None) -> list[Plan]:
    """The plans as a list, each with `due_at` (the deadline of the stage it is in; None once done or ended) and
    `overdue` (that deadline has passed), so lists of people's plans show who is late at a glance. No query: the
    period and the agency come with the plans (PLAN_JOINS)."""
    now = now or timezone.now()
    marked = list(plans)
    for plan in marked:
        plan.due_at = None if plan.ended_on else due_at_for(plan.stage, plan)
        plan.overdue = plan.due_at is not None and plan.due_at < now
    return marked


def team_members_without_plan(*, user, period: Period | None) -> QuerySet:
    roles = roles_for(user)
    if roles.employee is None or period is None:
        return Employee.objects.none()
    return Employee.objects.filter(supervisor=roles.employee, is_active=True).exclude(plans__period=period)


def agency_plans(*, user, period: Period | None) -> QuerySet:
    """For an agency head: every plan of the agency in the period (read-only)."""
    roles = roles_for(user)
    if roles.headed_agency is None or period is None:
        return Plan.objects.none()
    return (
        Plan.objects.filter(employee__agency=roles.headed_agency, period=period)
        .select_related(*PLAN_JOINS)
        .order_by("employee__name")
    )


def plan_progress_by_agency(
    *, period: Period, agency_ids=None, agencies: QuerySet | None = None, extra: dict | None = None
) -> dict[int, dict]:
    """Per agency: its short name, active employees, active employees without a plan, plans by stage and by
    predikat for `period` (two queries whatever the size: the agencies, then one aggregation of their employees
    with their running plan).

    The agencies are `agencies` (a queryset), else those of `agency_ids`, else all. Returns {agency_id: {"name":
    short name, "employees": n, "not_started": n, "plans": n, "by_stage": {stage: n, …}, "by_predikat": {code: n,
    …}}} with every stage and predikat code present (zero when none). A person has at most one running plan per
    period (a database constraint; one closed at a transfer is not counted: its continuation is), so each employee
    meets at most one plan in the join, and "not started" is the active employees the join found no plan for.
    `extra` ({name: expression per agency row}) adds figures read in the agency query.

    One pass over the employees and their plans: counting the employees per agency in a query of its own, then
    the plans joined to their employees in another, read the 100,000 employees of a province twice.
    """
    extra = extra or {}
    if agencies is None:
        agencies = Agency.objects.all() if agency_ids is None else Agency.objects.filter(pk__in=list(agency_ids))
    stages, predikats = Stage.values, Predikat.values  # each builds its list anew: once, not per agency
    result = {
        agency_id: {
            "name": name,
            "employees": 0,
            "not_started": 0,
            "plans": 0,
            "by_stage": dict.fromkeys(stages, 0),
            "by_predikat": dict.fromkeys(predikats, 0),
            **dict(zip(extra, values, strict=True)),
        }
        for agency_id, name, *values in agencies.order_by().annotate(**extra).values_list("pk", "short_name", *extra)
    }
    running = Q(plans__period=period, plans__ended_on__isnull=True)
    employees = Employee.objects.all()
    if not covers_every_agency(agencies):  # some agencies: theirs; every agency (a province's 400) needs no filter
        employees = employees.filter(agency_id__in=list(result))
    rows = (
        employees.annotate(running_plan=FilteredRelation("plans", condition=running))
        .values_list("agency_id", "is_active", F("running_plan__stage"), F("running_plan__predikat"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    for agency_id, is_active, stage, predikat, n in rows:
        entry = result.get(agency_id)
        if entry is None:  # an agency created since the agencies were read (unfiltered employees only)
            continue
        if is_active:
            entry["employees"] += n
        if stage is None:  # no running plan
            entry["not_started"] += n if is_active else 0
            continue
        entry["plans"] += n
        entry["by_stage"][stage] += n
        if predikat:
            entry["by_predikat"][predikat] += n
    return result


def evidence_for_user(*, user, plan: Plan, evidence_id: int) -> Evidence:
    """Evidence of a plan the user may read (the plan was fetched through `get_plan_for_user`), else 404."""
    return get_object_or_404(
        Evidence.objects.select_related("realisation__indicator__result"),
        pk=evidence_id,
        realisation__indicator__result__plan=plan,
    )


def reassign_candidates(*, user, plan: Plan) -> QuerySet:
    """Active employees a coordinator may hand a plan's supervisor task to (their scope, not the owner)."""
    ids = roles_for(user).coordinated_agency_ids()
    candidates = Employee.objects.filter(is_active=True).exclude(pk=plan.employee_id).select_related("agency")
    if ids is not None:
        candidates = candidates.filter(agency_id__in=ids)
    return candidates.order_by("agency__short_name", "name")


@dataclass(frozen=True)
class Step:
    stage: str
    label: str
    state: str  # done / current / upcoming (also the CSS modifier `step-<state>`)

    @property
    def is_done(self) -> bool:
        return self.state == "done"

    @property
    def is_current(self) -> bool:
        return self.state == "current"


# The stages a plan passes in order; coaching only when the predikat calls for it.
STEPPER_STAGES = (
    Stage.DRAFT,
    Stage.REVIEW,
    Stage.REALISATION,
    Stage.SELF_ASSESSMENT,
    Stage.RATING,
    Stage.COACHING,
    Stage.DONE,
)


def plan_stepper(*, plan: Plan, open_tasks: list[Task], now=None) -> dict:
    """Where the plan stands: its stages (done / current / upcoming, with the Stage labels), who holds the open
    task, by when, and whether that is late. Built from what the plan page already read: no query."""
    with_coaching = plan.stage == Stage.COACHING or bool(plan.predikat and plan.needs_coaching)
    stages = [stage for stage in STEPPER_STAGES if stage != Stage.COACHING or with_coaching]
    current = stages.index(plan.stage) if plan.stage in stages else 0
    steps = []
    for index, stage in enumerate(stages):
        done = index < current or plan.stage == Stage.DONE
        steps.append(
            Step(
                stage=stage,
                label=Stage(stage).label,
                state="done" if done else ("current" if index == current else "upcoming"),
            )
        )
    task = open_tasks[0] if open_tasks else None
    due = due_at_for(task.flow_task.name, plan) if task is not None else None
    holder = None
    if task is not None and task.owner is not None:
        holder = getattr(getattr(task.owner, "employee", None), "full_name", None) or task.owner.get_username()
    return {
        "steps": steps,
        "task": task,
        "holder": holder,
        "due_at": due,
        "overdue": due is not None and due < (now or timezone.now()),
    }


def plan_task_notice(*, process_id: int) -> dict | None:
    """What a notification about a new task of a plan (or of one of its periodic evaluations) says: whose plan, and
    the latest event on it (who did what, with their comment); for a periodic evaluation, its window (the quarter
    or month, named when read) instead of the plan's latest event. None when the process is not about a plan."""
    plan = Plan.objects.filter(process__pk=process_id).select_related("employee", "period").first()
    review = None
    if plan is None:
        reviews = PeriodicReview.objects.filter(process__pk=process_id)
        review = reviews.select_related("plan__employee", "plan__period").first()
        if review is None:
            return None
        plan = review.plan
    notice = {"plan_id": plan.pk, "owner": plan.employee.full_name, "period": plan.period.name}
    notice.update(owner_user_id=plan.employee.user_id, event="", actor="", comment="")
    if review is not None:
        notice["window"] = {
            "number": review.number,
            "starts_on": review.starts_on.isoformat(),
            "ends_on": review.ends_on.isoformat(),
            "frequency": plan.period.review_frequency,
        }
        return notice
    event = (
        PlanEvent.objects.filter(plan_id=plan.pk)
        .select_related("actor__employee")
        .order_by("-created_at", "-pk")
        .first()
    )
    if event is not None:
        actor = event.actor
        name = getattr(getattr(actor, "employee", None), "full_name", None) if actor else None
        notice.update(event=event.action, actor=name or (actor.get_username() if actor else ""), comment=event.comment)
    return notice


def unrated_plans_notice(period: Period) -> list[str]:
    """Closing `period` freezes its plans: those not yet rated stay unrated (agencies.closing notice)."""
    if period.status == PeriodStatus.CLOSED:
        return []
    count = Plan.objects.filter(period=period, ended_on__isnull=True, stage__in=NOT_YET_RATED).count()
    if not count:
        return []
    return [
        ngettext(
            "%(n)s plan of this period is not yet rated: closing freezes it as it is, without a predikat.",
            "%(n)s plans of this period are not yet rated: closing freezes them as they are, without a predikat.",
            count,
        )
        % {"n": count}
    ]
