"""Who may see and do what in forums and meetings; views and websocket consumers both ask here.

`check_*` raise Http404 where existence must not leak and PermissionDenied otherwise; `can_*` return a bool.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from agencies.access import affiliated_agency_ids
from agencies.roles import roles_for

# ---------------------------------------------------------------- forums


def can_use_forums(user) -> bool:
    roles = roles_for(user)
    return roles.is_employee or roles.is_coordinator or roles.is_administrator


def check_use_forums(user) -> None:
    if not can_use_forums(user):
        raise PermissionDenied


def is_moderator(user) -> bool:
    roles = roles_for(user)
    return roles.is_coordinator or roles.is_administrator


def check_moderate(user) -> None:
    if not is_moderator(user):
        raise PermissionDenied


def can_view_topic(user, topic) -> bool:
    if not can_use_forums(user):
        return False
    return not topic.is_hidden or is_moderator(user)


def check_view_topic(user, topic) -> None:
    if not can_view_topic(user, topic):
        raise Http404


def can_view_post(user, post) -> bool:
    return can_view_topic(user, post.topic) and (not post.is_hidden or is_moderator(user))


def check_view_post(user, post) -> None:
    if not can_view_post(user, post):
        raise Http404


def can_create_topic(user) -> bool:
    roles = roles_for(user)
    return roles.is_employee or roles.is_coordinator


def check_create_topic(user) -> None:
    if not can_create_topic(user):
        raise PermissionDenied


def sharing_agency_ids(user) -> frozenset | None:
    """Agencies the user may share a practice for (None = any): those they are affiliated with (`agencies.access`)."""
    return affiliated_agency_ids(user)


def can_reply(user, topic) -> bool:
    return can_view_topic(user, topic) and not topic.is_locked


def check_reply(user, topic) -> None:
    check_view_topic(user, topic)
    if topic.is_locked:
        raise PermissionDenied


def can_edit_post(user, post) -> bool:
    return post.author_id == user.pk and not post.is_hidden and not post.topic.is_locked


def check_edit_post(user, post) -> None:
    check_view_post(user, post)
    if not can_edit_post(user, post):
        raise PermissionDenied


def can_react(user, post) -> bool:
    return can_view_post(user, post) and not post.is_hidden


def check_react(user, post) -> None:
    check_view_post(user, post)
    if not can_react(user, post):
        raise PermissionDenied


def can_accept_answer(user, topic) -> bool:
    return topic.author_id == user.pk or is_moderator(user)


def check_accept_answer(user, topic) -> None:
    check_view_topic(user, topic)
    if not can_accept_answer(user, topic):
        raise PermissionDenied


def can_flag(user, post) -> bool:
    return can_view_post(user, post) and post.author_id != user.pk


def check_flag(user, post) -> None:
    check_view_post(user, post)
    if not can_flag(user, post):
        raise PermissionDenied


def readers_with_controls_of_their_own(post) -> frozenset[int]:
    """Of the readers of a new post, those (by user id) who see controls on it that others do not: its author (edit,
    and no flag) and the topic's author (accept an answer). Moderators are the rest of them (`is_moderator`: hide,
    accept). Every other reader sees the post as a reader without any of these rights does (`can_edit_post`,
    `can_accept_answer` false and `can_flag` true), so a new post's live event can carry that one rendering to them
    (`forums.live`); a test renders the post for each kind of reader to hold this list to the rules above."""
    return frozenset({post.author_id, post.topic.author_id})


def adoptable_agency_ids(user, topic) -> frozenset | None:
    """Agencies the user may record an adoption for: own agency or a coordinator's scope, never the sharer."""
    ids = sharing_agency_ids(user)
    if ids is None:
        return None
    return frozenset(ids - {topic.agency_id})


def can_adopt(user, topic) -> bool:
    if not can_view_topic(user, topic) or topic.is_hidden:
        return False
    ids = adoptable_agency_ids(user, topic)
    return ids is None or bool(ids)


def check_adopt(user, topic, agency_id: int | None = None) -> None:
    check_view_topic(user, topic)
    if not can_adopt(user, topic):
        raise PermissionDenied
    ids = adoptable_agency_ids(user, topic)
    if agency_id is not None and ((ids is not None and agency_id not in ids) or agency_id == topic.agency_id):
        raise PermissionDenied


# ---------------------------------------------------------------- meetings


def can_schedule_meeting(user) -> bool:
    roles = roles_for(user)
    return roles.is_coordinator or roles.is_administrator


def check_schedule_meeting(user) -> None:
    if not can_schedule_meeting(user):
        raise PermissionDenied


def can_view_meeting(user, meeting) -> bool:
    """Coordinators whose scope touches an invited agency, admins, and employees of invited agencies."""
    roles = roles_for(user)
    if roles.is_administrator:
        return True
    invited = _invited_ids(meeting)
    if roles.is_coordinator:
        scope = roles.coordinated_agency_ids()
        if scope is None or scope & invited:
            return True
    return bool(roles.employee and roles.employee.agency_id in invited)


def check_view_meeting(user, meeting) -> None:
    if not can_view_meeting(user, meeting):
        raise Http404


def can_manage_meeting(user, meeting) -> bool:
    """Admins, and coordinators whose scope covers every invited agency, run the meeting."""
    roles = roles_for(user)
    if roles.is_administrator:
        return True
    if not roles.is_coordinator:
        return False
    scope = roles.coordinated_agency_ids()
    return scope is None or _invited_ids(meeting) <= scope


def check_manage_meeting(user, meeting) -> None:
    check_view_meeting(user, meeting)
    if not can_manage_meeting(user, meeting):
        raise PermissionDenied


def can_update_action(user, action) -> bool:
    """Meeting managers, and employees of the owner agency, move an action item's status."""
    if can_manage_meeting(user, action.meeting):
        return True
    roles = roles_for(user)
    return bool(roles.employee and roles.employee.agency_id == action.owner_agency_id)


def check_update_action(user, action) -> None:
    if not (can_view_meeting(user, action.meeting) or can_update_action(user, action)):
        raise Http404
    if not can_update_action(user, action):
        raise PermissionDenied


def _invited_ids(meeting) -> frozenset:
    cached = getattr(meeting, "_invited_ids", None)
    if cached is None:
        if hasattr(meeting, "_prefetched_objects_cache") and "agencies" in meeting._prefetched_objects_cache:
            cached = frozenset(agency.pk for agency in meeting.agencies.all())
        else:
            cached = frozenset(meeting.agencies.values_list("pk", flat=True))
        meeting._invited_ids = cached
    return cached


# ---------------------------------------------------------------- notifications


def check_own_notification(user, notification) -> None:
    if notification.user_id != user.pk:
        raise Http404
