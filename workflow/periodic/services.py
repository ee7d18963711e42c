"""Writes on periodic evaluations: opening them per window (in bulk, idempotent), each step of PeriodicReviewFlow
completed under the process lock with its task re-checked, and cancelling the open ones when the plan ends.

Every transition is a row of the plan's history (`Action.PERIODIC_*`), recorded before the next task is created
so that its owner's notification tells of it.
"""

import datetime
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from agencies.models import PeriodKind, PeriodStatus
from agencies.review_windows import ReviewWindow
from agencies.roles import roles_for

from .. import permissions
from ..models import Action, CoachingKind, PeriodicCancelReason, Plan, PlanEvent, Stage, periodic_comment
from ..predikat import Rating, predikat_for
from ..services._engine import StepAlreadyHandled, record_event
from . import selectors
from .flows import PeriodicReviewFlow
from .models import OPEN_REVIEW_STEPS, PeriodicReview, ReviewStep

# Plans whose periods are evaluated: approved and not finished (a finished plan's open reviews are cancelled).
RUNNING_STAGES = (Stage.REALISATION, Stage.SELF_ASSESSMENT, Stage.RATING, Stage.COACHING)
CHUNK_SIZE = 500


def windows_to_open(plan: Plan, windows: list[ReviewWindow], *, today: datetime.date, all_started=False) -> list:
    """The windows of `plan` that should have a review by `today`: started, and not over before the plan was
    approved (nothing was agreed to evaluate then); `all_started` takes every started window (back-filling)."""
    approved_on = timezone.localdate(plan.approved_at) if plan.approved_at else today
    return [w for w in windows if w.starts_on <= today and (all_started or w.ends_on >= approved_on)]


def open_periodic_reviews(
    *, today: datetime.date | None = None, plan_ids=None, all_started: bool = False, chunk_size: int = CHUNK_SIZE
) -> int:
    """Open the missing reviews of every running plan of an open annual period (or of `plan_ids`); idempotent.
    Chunked transactions keep locks short; within a chunk the reviews and their history rows are bulk-inserted
    and only the processes are started one by one. Returns how many reviews were opened."""
    today = today or timezone.localdate()
    plans = Plan.objects.filter(
        stage__in=RUNNING_STAGES, ended_on__isnull=True, period__kind=PeriodKind.ANNUAL, period__starts_on__lte=today
    ).exclude(period__status=PeriodStatus.CLOSED)
    if plan_ids is not None:
        plans = plans.filter(pk__in=list(plan_ids))
    ids = list(plans.order_by("pk").values_list("pk", flat=True))
    opened = 0
    for start in range(0, len(ids), chunk_size):
        opened += _open_chunk(ids[start : start + chunk_size], today=today, all_started=all_started)
    return opened


@transaction.atomic
def _open_chunk(plan_ids: list[int], *, today: datetime.date, all_started: bool) -> int:
    plans = Plan.objects.filter(pk__in=plan_ids).select_related("period").order_by("pk")
    existing = set(PeriodicReview.objects.filter(plan_id__in=plan_ids).values_list("plan_id", "number"))
    windows_of: dict[int, list[ReviewWindow]] = {}
    new = []
    for plan in plans:
        if plan.period_id not in windows_of:
            windows_of[plan.period_id] = plan.period.review_windows()
        for window in windows_to_open(plan, windows_of[plan.period_id], today=today, all_started=all_started):
            if (plan.pk, window.number) not in existing:
                new.append(
                    PeriodicReview(
                        plan=plan,
                        number=window.number,
                        starts_on=window.starts_on,
                        ends_on=window.ends_on,
                        due_on=window.due_on,
                    )
                )
    if not new:
        return 0
    PeriodicReview.objects.bulk_create(new)
    PlanEvent.objects.bulk_create(
        [
            PlanEvent(plan_id=review.plan_id, action=Action.PERIODIC_OPENED, comment=periodic_comment(review))
            for review in new
        ]
    )
    for review in new:
        PeriodicReviewFlow.start.run(review=review)
    return len(new)


def _complete(*, review: PeriodicReview, node, by, apply: Callable[[PeriodicReview], None]) -> PeriodicReview:
    """Run `apply(review)` and complete the open `node` task of `by`, atomically, under the process lock."""
    process_pk = review.process.pk
    with PeriodicReviewFlow.lock(process_pk):
        task = selectors.open_task(review=review, node=node)
        if task is None:
            raise StepAlreadyHandled()
        if task.owner_id != by.pk:
            raise PermissionDenied(_("This step is assigned to someone else."))
        fresh = (
            PeriodicReview.objects.select_for_update(of=("self",))
            .select_related("plan__period", "plan__employee__supervisor", "plan__supervisor")
            .get(pk=review.pk)
        )
        permissions.check_act_on_step(by, fresh.plan)
        apply(fresh)
        activation = node.activation_class(task)
        if task.status == STATUS.ASSIGNED:
            activation.start(None)
        activation.execute()
    return fresh


@transaction.atomic
def report_period(*, review: PeriodicReview, by, summary: str) -> PeriodicReview:
    """Report → rate: the employee sends the window's realisation (at least one, with its evidence) to the rater."""

    def apply(review):
        if not review.realisations.exists():
            raise ValidationError(_("Record the period's realisation (with its evidence) for at least one indicator."))
        review.summary, review.reported_at, review.step = summary.strip(), timezone.now(), ReviewStep.RATE
        review.save(update_fields=["summary", "reported_at", "step"])
        record_event(plan=review.plan, actor=by, action=Action.PERIODIC_REPORTED, comment=periodic_comment(review))

    return _complete(review=review, node=PeriodicReviewFlow.report, by=by, apply=apply)


@transaction.atomic
def rate_period(
    *, review: PeriodicReview, by, results_rating: str, behaviour_rating: str, feedback: str
) -> PeriodicReview:
    """Rate → coaching or end: the supervisor's feedback and the periodic predikat, by the same matrix as the year."""
    if results_rating not in Rating.values or behaviour_rating not in Rating.values:
        raise ValidationError(_("Choose a rating for results and for behaviour."))
    if not feedback.strip():
        raise ValidationError({"feedback": _("Give the employee your feedback on the period.")})

    def apply(review):
        review.results_rating, review.behaviour_rating = results_rating, behaviour_rating
        review.predikat = predikat_for(results_rating, behaviour_rating)
        review.feedback, review.rated_at, review.rated_by = feedback.strip(), timezone.now(), roles_for(by).employee
        fields = ["results_rating", "behaviour_rating", "predikat", "feedback", "rated_at", "rated_by", "step"]
        if review.needs_coaching:
            review.step = ReviewStep.COACHING
        else:
            review.step, review.finished_at = ReviewStep.DONE, timezone.now()
            fields.append("finished_at")
        review.save(update_fields=fields)
        comment = periodic_comment(review, review.predikat)
        record_event(plan=review.plan, actor=by, action=Action.PERIODIC_RATED, comment=comment)

    return _complete(review=review, node=PeriodicReviewFlow.rate, by=by, apply=apply)


@transaction.atomic
def plan_period_coaching(
    *, review: PeriodicReview, by, kind: str, problems: str, agreed_actions: str, due_on: datetime.date
) -> PeriodicReview:
    """Coaching → acknowledge: after a poor periodic predikat, without waiting for the year's end."""
    if kind not in CoachingKind.values:
        raise ValidationError({"kind": _("Choose the kind of coaching.")})
    if not problems.strip() or not agreed_actions.strip():
        raise ValidationError(_("Describe the problems and the agreed actions."))

    def apply(review):
        review.coaching_kind, review.coaching_problems = kind, problems.strip()
        review.coaching_actions, review.coaching_due_on = agreed_actions.strip(), due_on
        review.coaching_planned_at, review.step = timezone.now(), ReviewStep.ACKNOWLEDGE
        review.save(
            update_fields=[
                *("coaching_kind", "coaching_problems", "coaching_actions", "coaching_due_on"),
                *("coaching_planned_at", "step"),
            ]
        )
        comment = periodic_comment(review, kind)
        record_event(plan=review.plan, actor=by, action=Action.PERIODIC_COACHING, comment=comment)

    return _complete(review=review, node=PeriodicReviewFlow.coaching, by=by, apply=apply)


@transaction.atomic
def acknowledge_period_coaching(*, review: PeriodicReview, by, note: str = "") -> PeriodicReview:
    def apply(review):
        review.acknowledged_at, review.employee_note = timezone.now(), note.strip()
        review.step, review.finished_at = ReviewStep.DONE, timezone.now()
        review.save(update_fields=["acknowledged_at", "employee_note", "step", "finished_at"])
        comment = periodic_comment(review, note.strip())
        record_event(plan=review.plan, actor=by, action=Action.PERIODIC_ACKNOWLEDGED, comment=comment)

    return _complete(review=review, node=PeriodicReviewFlow.acknowledge, by=by, apply=apply)


def cancel_open_reviews(*, plan: Plan, by=None, reason: PeriodicCancelReason) -> int:
    """Cancel the plan's open periodic evaluations (the plan finished, or was closed at a transfer): each open task
    is cancelled and its process ended after it, the review is marked cancelled, and the history says why.
    Call inside the caller's transaction (the plan's own lock)."""
    cancelled = 0
    reviews = PeriodicReview.objects.filter(plan_id=plan.pk, step__in=OPEN_REVIEW_STEPS).select_related("process")
    for review in reviews.order_by("number"):
        with PeriodicReviewFlow.lock(review.process.pk):
            task = selectors.open_task(review=review)
            if task is not None:
                activation = task.flow_task.activation_class(task)
                activation.cancel()
                end = PeriodicReviewFlow.end.activation_class.create(PeriodicReviewFlow.end, activation, task.token)
                end.activate()
                end.complete()
            review.step, review.finished_at = ReviewStep.CANCELLED, timezone.now()
            review.save(update_fields=["step", "finished_at"])
            review.plan = plan
            record_event(
                plan=plan, actor=by, action=Action.PERIODIC_CANCELLED, comment=periodic_comment(review, reason)
            )
            cancelled += 1
    return cancelled
