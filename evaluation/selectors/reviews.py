"""Reads of monitoring reviews: what the agenda is pre-filled with, a review page's rows, the agency's open actions,
and what an evaluation meeting receives from the agencies' reviews."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.achievement import achievement_for
from agencies.models import Agency, Indicator, IndicatorTarget
from common.dates import long_date, month_start
from common.numbers import quantity
from feedback.models import Complaint
from feedback.selectors import overdue_q
from forums.models import ActionItem, MeetingNote

from .. import permissions
from ..models import (
    Action,
    ActionStatus,
    DataEntry,
    EntryStatus,
    ItemKind,
    Obstacle,
    Review,
    ReviewItem,
)


@dataclass(frozen=True)
class AgendaPoint:
    kind: str
    title: str
    detail: str = ""
    indicator_id: int | None = None


def agenda_points(*, agency: Agency, covers_from: datetime.date, covers_to: datetime.date) -> list[AgendaPoint]:
    """The agency's red and amber IKU (latest published figure of the covered months against the year's target),
    its late and unverified data, and its complaints past their deadline: five queries whatever the agency's size."""
    points = []
    latest = DataEntry.objects.filter(
        schedule__indicator=OuterRef("pk"),
        status=EntryStatus.PUBLISHED,
        starts_on__gte=covers_from,
        starts_on__lte=covers_to,
    ).order_by("-starts_on")
    indicators = Indicator.objects.filter(agency=agency, is_active=True).annotate(
        latest_value=Subquery(latest.values("value")[:1])
    )
    targets = {
        target.indicator_id: target
        for target in IndicatorTarget.objects.filter(indicator__agency=agency, year=covers_to.year)
    }
    for indicator in indicators.order_by("code"):
        status = achievement_for(indicator, realisation=indicator.latest_value, target=targets.get(indicator.pk)).status
        if status in ("red", "amber"):
            kind = ItemKind.IKU_RED if status == "red" else ItemKind.IKU_AMBER
            detail = _("Latest figure %(value)s against the target %(target)s.") % {
                "value": quantity(indicator.latest_value),
                "target": quantity(targets[indicator.pk].value),
            }
            points.append(AgendaPoint(kind, f"{indicator.code} {indicator.name}", detail, indicator.pk))
    today = timezone.localdate()
    entries = DataEntry.objects.filter(schedule__indicator__agency=agency, ends_on__lte=covers_to)
    late = entries.filter(due_on__lt=today).exclude(status__in=(EntryStatus.PUBLISHED, EntryStatus.SUBMITTED))
    for entry in late.select_related("schedule__indicator").order_by("due_on")[:20]:
        indicator = entry.schedule.indicator
        points.append(
            AgendaPoint(
                ItemKind.LATE_DATA,
                f"{indicator.code} {entry.starts_on:%m/%Y}",
                _("Due %(due)s, not entered.") % {"due": long_date(entry.due_on)},
                indicator.pk,
            )
        )
    waiting = entries.filter(status=EntryStatus.SUBMITTED).count()
    if waiting:
        points.append(
            AgendaPoint(ItemKind.UNVERIFIED_DATA, _("%(count)d figures waiting for verification") % {"count": waiting})
        )
    overdue = Complaint.objects.filter(agency=agency).filter(overdue_q(timezone.now())).count()
    if overdue:
        points.append(
            AgendaPoint(ItemKind.COMPLAINTS_OVERDUE, _("%(count)d complaints past their deadline") % {"count": overdue})
        )
    return points


def reviews_of(*, agency: Agency) -> QuerySet:
    return Review.objects.filter(agency=agency).annotate(item_count=Count("items")).order_by("-held_on", "-pk")


REVIEW_MONTHS = 3  # monitoring meetings are quarterly (triwulan), like the periodic evaluations


def suggested_review_dates(*, reviews, today: datetime.date) -> dict:
    """What the form for a new monitoring meeting suggests: held today, covering the three months that follow the
    latest meeting's (so none is skipped or covered twice), or for the agency's first one the last quarter that has
    ended."""
    latest = max((review.covers_to for review in reviews), default=None)
    if latest is not None:
        starts = latest + datetime.timedelta(days=1)
    else:
        starts = month_start(today, -((today.month - 1) % 3) - REVIEW_MONTHS)  # the quarter before this one
    ends = month_start(starts, REVIEW_MONTHS) - datetime.timedelta(days=1)
    return {"held_on": today, "covers_from": starts, "covers_to": ends}


def get_review_for_user(*, user, review_id: int) -> Review:
    review = Review.objects.select_related("agency", "opened_by").filter(pk=review_id).first()
    if review is None:
        raise Http404
    permissions.check_see_agency(user, review.agency_id)
    return review


def review_items(*, review: Review) -> list[ReviewItem]:
    """The agenda with each item's obstacles, their actions (owner) and the forum's decisions on escalated ones."""
    actions = Action.objects.select_related("owner").order_by("due_on", "pk")
    obstacles = (
        Obstacle.objects.select_related("escalated_to__meeting")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("created_at", "pk")
    )
    items = list(review.items.prefetch_related(Prefetch("obstacles", queryset=obstacles)).order_by("order", "pk"))
    forum = forum_outcomes(
        agenda_item_ids={
            obstacle.escalated_to_id for item in items for obstacle in item.obstacles.all() if obstacle.escalated_to_id
        }
    )
    for item in items:
        for obstacle in item.obstacles.all():
            obstacle.forum = forum.get(obstacle.escalated_to_id, {"decisions": [], "actions": []})
    return items


def forum_outcomes(*, agenda_item_ids) -> dict[int, dict]:
    """What the forum decided on agenda items: decision notes and action items, two queries."""
    outcomes = {item_id: {"decisions": [], "actions": []} for item_id in agenda_item_ids}
    if not outcomes:
        return outcomes
    for note in MeetingNote.objects.filter(item_id__in=outcomes, is_decision=True).order_by("created_at", "pk"):
        outcomes[note.item_id]["decisions"].append(note)
    for action in ActionItem.objects.filter(item_id__in=outcomes).order_by("due_on", "pk"):
        outcomes[action.item_id]["actions"].append(action)
    return outcomes


def open_actions(*, agency: Agency) -> QuerySet:
    """The agency's actions not done yet, from every review, overdue first."""
    return (
        Action.objects.filter(agency=agency)
        .exclude(status=ActionStatus.DONE)
        .select_related("owner", "obstacle")
        .order_by("due_on", "pk")
    )


def get_obstacle_for_user(*, user, obstacle_id: int) -> Obstacle:
    obstacle = Obstacle.objects.select_related("item__review", "agency").filter(pk=obstacle_id).first()
    if obstacle is None:
        raise Http404
    permissions.check_see_agency(user, obstacle.agency_id)
    return obstacle


def get_item_for_user(*, user, item_id: int) -> ReviewItem:
    item = ReviewItem.objects.select_related("review__agency").filter(pk=item_id).first()
    if item is None:
        raise Http404
    permissions.check_see_agency(user, item.review.agency_id)
    return item


def get_action_for_user(*, user, action_id: int) -> Action:
    action = Action.objects.select_related("obstacle__item__review").filter(pk=action_id).first()
    if action is None:
        raise Http404
    permissions.check_see_agency(user, action.agency_id)
    return action


def escalated_to_meeting(*, meeting_id: int) -> dict[int, list[Obstacle]]:
    """The obstacles agencies escalated onto a forum meeting, by agenda item, each with its review and actions (its
    history): two queries for the whole meeting."""
    by_item: dict[int, list[Obstacle]] = {}
    obstacles = (
        Obstacle.objects.filter(escalated_to__meeting_id=meeting_id)
        .select_related("item__review")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.order_by("due_on", "pk")))
        .order_by("created_at", "pk")
    )
    for obstacle in obstacles:
        by_item.setdefault(obstacle.escalated_to_id, []).append(obstacle)
    return by_item


def open_action_counts(*, agencies: QuerySet) -> dict[int, dict]:
    """Per agency: its actions not done yet and how many of them are overdue (one query)."""
    rows = (
        Action.objects.filter(agency__in=agencies)
        .exclude(status=ActionStatus.DONE)
        .values("agency_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=timezone.localdate())))
    )
    return {row["agency_id"]: row for row in rows}
