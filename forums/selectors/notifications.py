"""Reads for a user's notification stream."""

from django.db.models import Count, QuerySet

from ..models import Notification

__all__ = [
    "list_notifications",
    "unread_count",
    "unread_counts",
]


def list_notifications(*, user) -> QuerySet:
    return Notification.objects.filter(user=user)


def unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def unread_counts(*, user_ids) -> dict[int, int]:
    """Each user's unread count (0 included), in one grouped query."""
    counted = (
        Notification.objects.filter(user_id__in=user_ids, read_at__isnull=True)
        .order_by()
        .values_list("user_id")
        .annotate(count=Count("pk"))
    )
    return dict.fromkeys(user_ids, 0) | dict(counted)
