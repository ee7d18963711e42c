"""Mentions by name: who can be mentioned (the autocomplete) and the names shown for @username in posts.

In production usernames are NIPs ("@199201252017061006"), so posts show the person's name and the editor suggests
people by name; the stored text keeps the username, which is what identifies the person.
"""

from django.db.models import Q

from agencies.models import Employee

from .. import permissions

__all__ = ["mention_names", "people_to_mention"]

MIN_QUERY = 2


def people_to_mention(*, user, query: str, limit: int = 8) -> list[Employee]:
    """Active people whose name holds every word of `query`, or whose username (NIP) starts with it."""
    permissions.check_use_forums(user)
    query = (query or "").strip().lstrip("@")
    if len(query) < MIN_QUERY:
        return []
    by_name = Q()
    for word in query.split():
        by_name &= Q(name__icontains=word)
    return list(
        Employee.objects.filter(is_active=True, user__is_active=True)
        .filter(by_name | Q(user__username__istartswith=query))
        .select_related("user", "agency")
        .order_by("name", "pk")[:limit]
    )


def mention_names(usernames) -> dict[str, str]:
    """{lower-case username: full name} of the active people among `usernames` (one query; none without names)."""
    usernames = {name.lower() for name in usernames}
    if not usernames:
        return {}
    condition = Q()
    for name in usernames:
        condition |= Q(user__username__iexact=name)
    rows = Employee.objects.filter(condition, user__is_active=True).select_related("user")
    return {person.user.username.lower(): person.full_name for person in rows}
