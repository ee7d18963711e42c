"""Reads for a user's notification stream."""

from django.db.models import QuerySet

from ..models import Notification

__all__ = [
    "list_notifications",
    "unread_count",
]


def list_notifications(*, user) -> QuerySet:
    return Notification.objects.filter(user=user)


def unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
