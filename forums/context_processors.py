from django.utils.functional import SimpleLazyObject

from . import selectors


def notifications(request):
    """`unread_notifications` for the header badge; counted only when a template uses it."""
    user = getattr(request, "user", None)
    return {"unread_notifications": SimpleLazyObject(lambda: selectors.unread_count(user=user) if user else 0)}
