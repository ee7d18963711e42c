"""Monitoring reviews: opening one with its pre-filled agenda, obstacles and actions, and escalating an unresolved
obstacle onto the agency's item of the next Pemda evaluation meeting (where the forum's page shows it through the
`forums.agenda_item` panel, and the meeting's decisions and action items come back to the review page)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.models import AgendaItem, Meeting, MeetingStatus

from .. import permissions, selectors
from ..models import Action, ActionStatus, Obstacle, ObstacleStatus, Review, ReviewItem


@transaction.atomic
def open_review(*, agency, by, held_on, covers_from, covers_to) -> Review:
    """Open a review of the covered months; its agenda is pre-filled from the agency's data at this moment."""
    permissions.check_run_review(by, agency.pk)
    if covers_to < covers_from:
        raise ValidationError({"covers_to": _("The covered months must end after they start.")})
    review = Review(agency=agency, held_on=held_on, covers_from=covers_from, covers_to=covers_to, opened_by=by)
    review.full_clean()
    review.save()
    points = selectors.agenda_points(agency=agency, covers_from=covers_from, covers_to=covers_to)
    ReviewItem.objects.bulk_create(
        ReviewItem(
            review=review,
            kind=point.kind,
            title=point.title[:300],
            detail=point.detail[:300],
            indicator_id=point.indicator_id,
            order=order,
        )
        for order, point in enumerate(points, start=1)
    )
    return review


@transaction.atomic
def add_item(*, review: Review, by, title: str) -> ReviewItem:
    permissions.check_run_review(by, review.agency_id)
    last = review.items.order_by("-order").values_list("order", flat=True).first() or 0
    item = ReviewItem(review=review, kind="other", title=title.strip(), order=last + 1)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def add_obstacle(*, item: ReviewItem, by, category: str, description: str, root_cause: str) -> Obstacle:
    permissions.check_run_review(by, item.review.agency_id)
    obstacle = Obstacle(
        item=item,
        agency_id=item.review.agency_id,
        category=category,
        description=description.strip(),
        root_cause=root_cause.strip(),
        created_by=by,
    )
    obstacle.full_clean()
    obstacle.save()
    return obstacle


@transaction.atomic
def add_action(*, obstacle: Obstacle, by, owner, text: str, due_on) -> Action:
    permissions.check_run_review(by, obstacle.agency_id)
    action = Action(obstacle=obstacle, agency_id=obstacle.agency_id, owner=owner, text=text.strip(), due_on=due_on)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def update_action(*, action: Action, by, status: str, progress: str = "") -> Action:
    """Progress on an action, recorded in a later review; the same update twice changes nothing."""
    permissions.check_run_review(by, action.agency_id)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    progress = progress.strip() or action.progress
    if (action.status, action.progress) != (status, progress):
        action.status, action.progress, action.updated_at = status, progress, timezone.now()
        action.save(update_fields=["status", "progress", "updated_at"])
    return action


@transaction.atomic
def resolve_obstacle(*, obstacle: Obstacle, by) -> Obstacle:
    permissions.check_run_review(by, obstacle.agency_id)
    if obstacle.status != ObstacleStatus.RESOLVED:
        obstacle.status = ObstacleStatus.RESOLVED
        obstacle.save(update_fields=["status"])
    return obstacle


def next_meeting_item(*, agency_id: int) -> AgendaItem | None:
    """The agency's item on the next scheduled evaluation meeting it is invited to."""
    meeting = (
        Meeting.objects.filter(status=MeetingStatus.SCHEDULED, agencies=agency_id, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )
    return None if meeting is None else meeting.items.filter(agency_id=agency_id).first()


@transaction.atomic
def escalate_obstacle(*, obstacle: Obstacle, by) -> AgendaItem:
    """Put an unresolved obstacle on the agency's item of the next Pemda evaluation meeting; a second click keeps
    the first escalation."""
    permissions.check_run_review(by, obstacle.agency_id)
    obstacle = Obstacle.objects.select_for_update().get(pk=obstacle.pk)
    if obstacle.status == ObstacleStatus.ESCALATED and obstacle.escalated_to is not None:
        return obstacle.escalated_to
    if obstacle.status == ObstacleStatus.RESOLVED:
        raise ValidationError(_("A resolved obstacle is not escalated."))
    item = next_meeting_item(agency_id=obstacle.agency_id)
    if item is None:
        raise ValidationError(_("No Pemda evaluation meeting is scheduled for this agency yet."))
    obstacle.status, obstacle.escalated_to, obstacle.escalated_at = ObstacleStatus.ESCALATED, item, timezone.now()
    obstacle.save(update_fields=["status", "escalated_to", "escalated_at"])
    return item
