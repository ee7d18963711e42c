"""Reads of periodic evaluations: one for a user who may see it, a plan's list, open tasks and the inbox's share."""

import datetime

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from viewflow.workflow.models import Task

from common.params import parse_id

from .. import permissions
from ..models import OPEN_STATUSES, Evidence, Plan, Realisation, ResultIndicator, rhk_order
from .flows import PeriodicReviewFlow
from .models import PeriodicReview

REVIEW_JOINS = (
    "plan__employee__agency",
    "plan__employee__unit",
    "plan__employee__supervisor",
    "plan__period",
    "plan__supervisor",
    "rated_by",
)
# The rater's steps, which move with the plan's reviewer (new supervisor, acting official).
RATER_NODES = (PeriodicReviewFlow.rate, PeriodicReviewFlow.coaching)


def rater_for(plan: Plan):
    """Who rates the plan's periods: its reviewer (the supervisor at submission, or whoever the plan moved to), else
    the employee's supervisor; None leaves the step unassigned."""
    return plan.supervisor or plan.employee.supervisor


def get_review_for_user(*, user, review_id: int) -> PeriodicReview:
    """The review if the user may read its plan, else 404 (existence does not leak)."""
    review = PeriodicReview.objects.select_related(*REVIEW_JOINS).filter(pk=review_id).first()
    if review is None:
        raise Http404
    permissions.check_view_periodic_review(user, review)
    return review


def reviews_of_plan(*, plan: Plan) -> list[PeriodicReview]:
    """The plan's periodic evaluations in order, each marked `late` when open past its due date (one query; `plan` is
    set on each so labels cost nothing)."""
    reviews = list(PeriodicReview.objects.filter(plan_id=plan.pk).select_related("rated_by").order_by("number"))
    day = today()
    for review in reviews:
        review.plan = plan
        review.late = review.is_late(day)
    return reviews


def review_realisations(*, review: PeriodicReview) -> list[Realisation]:
    """What the employee reported for the window, with evidence (two queries)."""
    return list(
        Realisation.objects.filter(periodic_review_id=review.pk)
        .select_related("indicator__result", "reported_by")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("pk")))
        .order_by(*rhk_order("indicator__result__"), "indicator__order", "-reported_at", "-pk")
    )


def plan_indicators(*, plan_id: int) -> list[ResultIndicator]:
    """The plan's indicators in the plan's order (main RHK first), with their RHK: what a period reports on."""
    return list(
        ResultIndicator.objects.filter(result__plan_id=plan_id)
        .select_related("result")
        .order_by(*rhk_order("result__"), "order", "pk")
    )


def indicator_of_review(*, review: PeriodicReview, indicator_id: int) -> ResultIndicator:
    indicators = ResultIndicator.objects.select_related("result")
    return get_object_or_404(indicators, pk=indicator_id, result__plan_id=review.plan_id)


def open_task(*, review: PeriodicReview, node=None) -> Task | None:
    tasks = Task.objects.filter(process__periodicreviewprocess__review_id=review.pk, status__in=OPEN_STATUSES)
    if node is not None:
        tasks = tasks.filter(flow_task=node)
    return tasks.select_related("owner__employee").order_by("-pk").first()


def open_rater_tasks_of_plan(*, plan_id: int) -> QuerySet:
    """The open rater steps of a plan's periodic evaluations (they follow the plan to a new reviewer)."""
    return Task.objects.filter(
        process__periodicreviewprocess__review__plan_id=plan_id, flow_task__in=RATER_NODES, status__in=OPEN_STATUSES
    ).order_by("pk")


def unassigned_rater_tasks(*, agency_ids: list[int] | None) -> list[tuple[Task, PeriodicReview]]:
    """Rater steps of open periods that nobody holds (the plan has no reviewer, e.g. an agency head without a
    recorded supervisor), of plans in `agency_ids` (None: every agency), oldest first: a coordinator assigns them."""
    from agencies.models import PeriodStatus

    tasks = Task.objects.filter(owner__isnull=True, status__in=OPEN_STATUSES, flow_task__in=RATER_NODES).exclude(
        process__periodicreviewprocess__review__plan__period__status=PeriodStatus.CLOSED
    )
    if agency_ids is not None:
        tasks = tasks.filter(process__periodicreviewprocess__review__plan__employee__agency_id__in=agency_ids)
    joins = (f"process__periodicreviewprocess__review__{join}" for join in REVIEW_JOINS)
    tasks = tasks.select_related(*joins).order_by("created", "pk")
    return [(task, task.process.periodicreviewprocess.review) for task in tasks]


def waiting_for(*, user) -> list[tuple[Task, PeriodicReview]]:
    """The user's open periodic steps of open periods, soonest due first (the inbox lists them)."""
    if not user.is_authenticated:
        return []
    from agencies.models import PeriodStatus

    tasks = (
        Task.objects.filter(owner=user, status__in=OPEN_STATUSES, process__flow_class=PeriodicReviewFlow)
        .exclude(process__periodicreviewprocess__review__plan__period__status=PeriodStatus.CLOSED)
        .select_related(*(f"process__periodicreviewprocess__review__{join}" for join in REVIEW_JOINS))
        .order_by("pk")
    )
    items = [(task, task.process.periodicreviewprocess.review) for task in tasks]
    day = today()
    for _task, review in items:
        review.late = review.is_late(day)
    return sorted(items, key=lambda item: (item[1].due_on, item[0].pk))


def today() -> datetime.date:
    return timezone.localdate()


def chosen_window(*, period, chosen: str | None):
    """The window picked in a board's period selector (?window=<number>) of an annual period, else None (the year)."""
    from agencies.models import PeriodKind
    from agencies.review_windows import window_of

    number = parse_id(chosen)
    if period.kind != PeriodKind.ANNUAL or number is None:
        return None
    return window_of(period, number)


def periodic_progress_by_agency(*, period, number: int, agency_ids, today: datetime.date | None = None) -> dict:
    """Per agency, the periodic evaluations of window `number` of `period`: how many (`reviews`), by step, by periodic
    predikat, and how many are late (open past their due date). One SQL aggregation whatever the size; running plans
    only (one closed at a transfer is counted through its continuation). {agency_id: {...}} with every step and
    predikat present (zero when none), for every agency of `agency_ids`."""
    from django.db.models import Case, Count, IntegerField, Q, Value, When

    from ..predikat import Predikat
    from .models import OPEN_REVIEW_STEPS, ReviewStep

    day = today or timezone.localdate()
    ids = list(agency_ids)
    result = {
        agency_id: {
            "reviews": 0,
            "late": 0,
            "by_step": dict.fromkeys(ReviewStep.values, 0),
            "by_predikat": dict.fromkeys(Predikat.values, 0),
        }
        for agency_id in ids
    }
    late = Case(
        When(Q(step__in=OPEN_REVIEW_STEPS, due_on__lt=day), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    rows = (
        PeriodicReview.objects.filter(
            plan__period=period, number=number, plan__ended_on__isnull=True, plan__employee__agency_id__in=ids
        )
        .annotate(is_late=late)
        .values("plan__employee__agency_id", "step", "predikat", "is_late")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        entry = result[row["plan__employee__agency_id"]]
        entry["reviews"] += row["n"]
        entry["by_step"][row["step"]] += row["n"]
        entry["late"] += row["n"] if row["is_late"] else 0
        if row["predikat"]:
            entry["by_predikat"][row["predikat"]] += row["n"]
    return result
