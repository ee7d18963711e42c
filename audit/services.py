"""Recording audit events: one call per security-relevant action, from the service or view that performs it."""

from .models import AuditEvent, AuditKind


def _address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None if request is not None else None


def record_event(*, kind: str, actor=None, request=None, username: str = "", target: str = "", **detail) -> AuditEvent:
    """Add one event. `actor` is the user who acted (None when unknown, e.g. a failed sign-in).

    One INSERT, atomic by itself, so no savepoint of its own: it joins the caller's transaction when there is one
    (a reassignment rolled back leaves no event) and costs an export a single query.
    """
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    event = AuditEvent(
        kind=kind,
        actor=actor,
        username=(username or getattr(actor, "get_username", lambda: "")())[:150],
        ip_address=_address(request),
        target=str(target)[:300],
        detail={key: str(value) for key, value in detail.items()},
    )
    event.full_clean(exclude=["actor"])
    event.save()
    return event


__all__ = ["AuditKind", "record_event"]
