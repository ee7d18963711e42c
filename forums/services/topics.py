"""Writes for practices and discussions. Each checks its permission (services are called from views, consumers
and scripts alike) and tells live pages after commit."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from common.uploads import validate_upload

from .. import live, permissions, realtime
from ..markdown import mentioned_usernames, render_markdown
from ..models import (
    Adoption,
    Attachment,
    NotificationKind,
    Post,
    PostRevision,
    Reaction,
    ReadMarker,
    Subscription,
    Tag,
    Topic,
)
from ..selectors.mentions import mention_names
from ..selectors.topics import reaction_counts
from .notifications import notify, usernames_to_ids


def normalise_tags(raw: str | list) -> list[str]:
    names = raw.split(",") if isinstance(raw, str) else raw
    cleaned = []
    for name in names:
        name = " ".join(name.strip().lower().lstrip("#").split())[:50]
        if name and name not in cleaned:
            cleaned.append(name)
    return cleaned


def _attach(post: Post, *, files, by) -> None:
    files = list(files or ())
    checked = [validate_upload(upload) for upload in files]  # every file checked before any is stored
    for upload, check in zip(files, checked, strict=True):
        attachment = Attachment(post=post, file=upload, original_name=check.name[:200], size=check.size, uploaded_by=by)
        attachment.full_clean(exclude=["file"])
        attachment.save()


def _create_post(*, topic: Topic, author, body: str, files=()) -> Post:
    post = Post(
        topic=topic,
        author=author,
        body=body,
        html=render_markdown(body, names=mention_names(mentioned_usernames(body))),
    )
    post.full_clean()
    post.save()
    _attach(post, files=files, by=author)
    Topic.objects.filter(pk=topic.pk).update(
        last_post_at=post.created_at, last_post_id_cache=post.pk, post_count=F("post_count") + 1
    )
    ReadMarker.objects.update_or_create(topic=topic, user=author, defaults={"last_read_post_id": post.pk})
    Subscription.objects.get_or_create(topic=topic, user=author)
    _notify_about_post(topic=topic, post=post, author=author)
    # The event carries the post as most readers see it, so their pages need not each fetch it (forums/live.py).
    realtime.broadcast_read_after_commit(
        realtime.topic_group(topic.pk), "post.created", lambda: live.new_post_event(post_id=post.pk)
    )
    return post


def _notify_about_post(*, topic: Topic, post: Post, author, previous_body: str = "") -> None:
    """Mentions (new ones only, after an edit) and replies to subscribers; nobody is told about a topic they may
    not open."""
    actor = author.get_full_name() or author.username
    data = {"actor": actor, "title": topic.title, "topic_id": topic.pk, "post_id": post.pk}
    new_mentions = mentioned_usernames(post.body) - mentioned_usernames(previous_body)
    mentioned = _who_may_view(topic, set(usernames_to_ids(new_mentions)) - {author.pk})
    if mentioned:
        notify(user_ids=mentioned, kind=NotificationKind.MENTION, data=data, url=post.get_absolute_url())
    if previous_body:
        return
    subscribers = set(topic.subscriptions.exclude(user_id=author.pk).values_list("user_id", flat=True)) - mentioned
    if topic.is_hidden:
        subscribers = _who_may_view(topic, subscribers)
    if subscribers and topic.post_count:  # the first post of a new topic is nobody's reply
        notify(user_ids=subscribers, kind=NotificationKind.REPLY, data=data, url=post.get_absolute_url())


def _who_may_view(topic: Topic, user_ids: set) -> set:
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True)
    return {user.pk for user in users if permissions.can_view_topic(user, topic)}


@transaction.atomic
def create_topic(
    *, author, category, title: str, body: str, agency, tags=(), indicators=(), meeting=None, files=()
) -> Topic:
    """Share a practice: the topic with its first post; the author is subscribed."""
    permissions.check_create_topic(author)
    allowed = permissions.sharing_agency_ids(author)
    if allowed is not None and agency.pk not in allowed:
        raise PermissionDenied
    topic = Topic(category=category, title=title, agency=agency, meeting=meeting, author=author)
    topic.full_clean()
    topic.save()
    _set_tags(topic, tags)
    topic.indicators.set(indicators)
    _create_post(topic=topic, author=author, body=body, files=files)
    topic.refresh_from_db()
    return topic


def _set_tags(topic: Topic, tags) -> None:
    names = normalise_tags(tags)
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=name) for name in names if name not in existing]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    topic.tags.set(Tag.objects.filter(name__in=names))


@transaction.atomic
def post_reply(*, topic: Topic, author, body: str, files=()) -> Post:
    """Reply in a topic; subscribers and mentioned users are notified, open pages update live."""
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    permissions.check_reply(author, topic)
    return _create_post(topic=topic, author=author, body=body, files=files)


@transaction.atomic
def edit_post(*, post: Post, editor, body: str, files=()) -> Post:
    """Change a post's text, keeping the previous version as a revision."""
    permissions.check_edit_post(editor, post)
    if body == post.body and not files:
        return post
    PostRevision(post=post, body=post.body, html=post.html, edited_by=editor).save()
    previous = post.body
    post.body, post.html, post.edited_at = (
        body,
        render_markdown(body, names=mention_names(mentioned_usernames(body))),
        timezone.now(),
    )
    post.full_clean()
    post.save(update_fields=["body", "html", "edited_at"])
    _attach(post, files=files, by=editor)
    _notify_about_post(topic=post.topic, post=post, author=editor, previous_body=previous or " ")
    realtime.broadcast_on_commit(realtime.topic_group(post.topic_id), "post.changed", post=post.pk)
    return post


@transaction.atomic
def toggle_reaction(*, post: Post, user, kind: str) -> bool:
    """Add the user's reaction of `kind`, or take it back; returns whether it is now on."""
    permissions.check_react(user, post)
    deleted, _rows = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if not deleted:
        reaction = Reaction(post=post, user=user, kind=kind)
        reaction.full_clean()
        try:
            with transaction.atomic():
                reaction.save()
        except IntegrityError:  # a double click raced us; the reaction is there, which is what was asked
            pass
    # Every reader's page updates the counts from the event itself: a reaction used to make each of them fetch the
    # post again (one request per open page, for a count).
    realtime.broadcast_read_after_commit(
        realtime.topic_group(post.topic_id), "post.reacted", lambda: reaction_counts(post_id=post.pk)
    )
    return not deleted


@transaction.atomic
def set_accepted_answer(*, topic: Topic, post: Post | None, by) -> Topic:
    """Mark `post` as the answer (or clear it with None)."""
    permissions.check_accept_answer(by, topic)
    if post is not None and post.topic_id != topic.pk:
        raise PermissionDenied
    previous = topic.accepted_post_id
    topic.accepted_post = post
    topic.save(update_fields=["accepted_post"])
    for post_id in {previous, post.pk if post else None} - {None}:
        realtime.broadcast_on_commit(realtime.topic_group(topic.pk), "post.changed", post=post_id)
    return topic


@transaction.atomic
def set_subscription(*, topic: Topic, user, subscribed: bool) -> bool:
    permissions.check_view_topic(user, topic)
    if subscribed:
        Subscription.objects.get_or_create(topic=topic, user=user)
    else:
        Subscription.objects.filter(topic=topic, user=user).delete()
    return subscribed


def mark_topic_read(*, topic: Topic, user, post_id: int | None = None, first_visit: bool = False) -> None:
    """Move the user's read marker forward (never back) to `post_id` or the topic's last post; on the user's
    `first_visit` (no marker yet, which the topic page knows from its own query) create it there instead.

    One statement either way, each atomic on its own: an update only ever raises the marker, and of two first
    visits at once (two tabs) the first marker is kept. So the hot topic page costs one query for it, read or not."""
    post_id = post_id or topic.last_post_id_cache
    if first_visit:
        ReadMarker.objects.bulk_create(
            [ReadMarker(topic=topic, user=user, last_read_post_id=post_id)], ignore_conflicts=True
        )
        return
    ReadMarker.objects.filter(topic=topic, user=user, last_read_post_id__lt=post_id).update(last_read_post_id=post_id)


@transaction.atomic
def adopt_practice(*, topic: Topic, by, agency, responsible, follow_up_on, adopted_on=None, note: str = "") -> Adoption:
    """Record that `agency` adopts the practice, who is responsible and when to follow up."""
    permissions.check_adopt(by, topic, agency.pk)
    if responsible.agency_id != agency.pk:
        raise ValidationError({"responsible": _("The responsible person must work at the adopting agency.")})
    adoption = Adoption(
        topic=topic,
        agency=agency,
        responsible=responsible,
        follow_up_on=follow_up_on,
        adopted_on=adopted_on or timezone.localdate(),
        note=note,
        created_by=by,
    )
    adoption.full_clean()
    adoption.save()
    realtime.broadcast_on_commit(realtime.topic_group(topic.pk), "adoption.created")
    return adoption
