"""Moderation: flags from readers, and coordinators locking, hiding and moving topics and hiding posts.
Every action is logged; hidden posts keep their text and revisions."""

from django.db import transaction
from django.utils import timezone

from .. import permissions, realtime
from ..models import Flag, ModerationAction, Post, Topic


@transaction.atomic
def flag_post(*, post: Post, user, reason: str) -> Flag:
    """Report a post to moderators; a second report by the same user updates the reason."""
    permissions.check_flag(user, post)
    flag, created = Flag.objects.get_or_create(post=post, user=user, defaults={"reason": reason[:300]})
    if not created and flag.reason != reason[:300]:
        flag.reason = reason[:300]
        flag.resolved_at = None
        flag.save(update_fields=["reason", "resolved_at"])
    return flag


@transaction.atomic
def resolve_flags(*, post: Post, by, note: str = "") -> int:
    permissions.check_moderate(by)
    count = Flag.objects.filter(post=post, resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=by)
    _log(topic=post.topic, post=post, by=by, kind=ModerationAction.Kind.RESOLVE_FLAGS, note=note)
    return count


def _log(*, topic, by, kind, post=None, note: str = "") -> None:
    action = ModerationAction(topic=topic, post=post, actor=by, kind=kind, note=note[:300])
    action.full_clean()
    action.save()


@transaction.atomic
def set_topic_locked(*, topic: Topic, by, locked: bool, note: str = "") -> Topic:
    permissions.check_moderate(by)
    if topic.is_locked != locked:
        topic.is_locked = locked
        topic.save(update_fields=["is_locked"])
        kind = ModerationAction.Kind.LOCK if locked else ModerationAction.Kind.UNLOCK
        _log(topic=topic, by=by, kind=kind, note=note)
        realtime.broadcast_on_commit(realtime.topic_group(topic.pk), "topic.changed")
    return topic


@transaction.atomic
def set_topic_hidden(*, topic: Topic, by, hidden: bool, note: str = "") -> Topic:
    permissions.check_moderate(by)
    if topic.is_hidden != hidden:
        topic.is_hidden = hidden
        topic.save(update_fields=["is_hidden"])
        kind = ModerationAction.Kind.HIDE if hidden else ModerationAction.Kind.UNHIDE
        _log(topic=topic, by=by, kind=kind, note=note)
        realtime.broadcast_on_commit(realtime.topic_group(topic.pk), "topic.changed")
    return topic


@transaction.atomic
def set_post_hidden(*, post: Post, by, hidden: bool, note: str = "") -> Post:
    """Hide a post from readers (its text and revisions stay for moderators) or show it again."""
    permissions.check_moderate(by)
    if post.is_hidden != hidden:
        post.is_hidden = hidden
        post.hidden_by, post.hidden_at = (by, timezone.now()) if hidden else (None, None)
        post.save(update_fields=["is_hidden", "hidden_by", "hidden_at"])
        kind = ModerationAction.Kind.HIDE if hidden else ModerationAction.Kind.UNHIDE
        _log(topic=post.topic, post=post, by=by, kind=kind, note=note)
        realtime.broadcast_on_commit(realtime.topic_group(post.topic_id), "post.changed", post=post.pk)
    return post


@transaction.atomic
def move_topic(*, topic: Topic, by, category, note: str = "") -> Topic:
    permissions.check_moderate(by)
    if topic.category_id != category.pk:
        note = f"{topic.category} → {category}" + (f": {note}" if note else "")
        topic.category = category
        topic.save(update_fields=["category"])
        _log(topic=topic, by=by, kind=ModerationAction.Kind.MOVE, note=note)
        realtime.broadcast_on_commit(realtime.topic_group(topic.pk), "topic.changed")
    return topic
