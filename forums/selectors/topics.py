"""Reads for categories, topics, posts and search, each with its joins done here."""

import functools
from collections import Counter, defaultdict

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from agencies.models import Agency, Employee, Indicator

from .. import permissions
from ..models import (
    REACTION_SYMBOLS,
    Adoption,
    Attachment,
    Category,
    Flag,
    Post,
    ReactionKind,
    ReadMarker,
    Subscription,
    Topic,
)
from .figures import adoption_trends

__all__ = [
    "visible_topics",
    "list_topics",
    "list_categories",
    "get_category",
    "get_topic_for_user",
    "list_posts",
    "get_post_for_user",
    "decorate_post",
    "get_attachment_for_user",
    "list_revisions",
    "is_subscribed",
    "last_read_post_id",
    "list_adoptions",
    "adoption_agency_choices",
    "responsible_choices",
    "sharing_agency_choices",
    "indicator_choices",
    "list_open_flags",
    "search_posts",
    "tag_counts",
]


def visible_topics(*, user) -> QuerySet:
    permissions.check_use_forums(user)
    topics = Topic.objects.all()
    if not permissions.is_moderator(user):
        topics = topics.filter(is_hidden=False)
    return topics


def _with_unread(topics: QuerySet, *, user) -> QuerySet:
    last_read = ReadMarker.objects.filter(topic=OuterRef("pk"), user=user).values("last_read_post_id")[:1]
    return topics.annotate(
        last_read_id=Coalesce(Subquery(last_read, output_field=IntegerField()), Value(0)),
    )


def list_topics(*, user, category: Category | None = None, tag: str | None = None) -> QuerySet:
    """Topics the user may see, newest activity first, each with `last_read_id` for unread markers."""
    topics = visible_topics(user=user).select_related("category", "agency", "author").prefetch_related("tags")
    if category is not None:
        topics = topics.filter(category=category)
    if tag:
        topics = topics.filter(tags__name=tag.lower())
    return _with_unread(topics, user=user).order_by("-last_post_at", "-pk")


def list_categories(*, user) -> QuerySet:
    visible = Q(topics__is_hidden=False) if not permissions.is_moderator(user) else Q()
    return Category.objects.annotate(topic_count=Count("topics", filter=visible))


def get_category(*, slug: str) -> Category:
    return get_object_or_404(Category, slug=slug)


def get_topic_for_user(*, user, topic_id: int) -> Topic:
    topic = get_object_or_404(
        Topic.objects.select_related("category", "agency", "author", "meeting", "accepted_post").prefetch_related(
            "tags", Prefetch("indicators", queryset=Indicator.objects.select_related("agency"))
        ),
        pk=topic_id,
    )
    permissions.check_view_topic(user, topic)
    return topic


def list_posts(*, user, topic: Topic, after_id: int = 0) -> list[Post]:
    """Posts of a topic with attachments, reaction counts (and the user's own) and revision counts; hidden posts
    are kept in place so the thread still reads in order, their text shown to moderators only."""
    posts = list(
        Post.objects.filter(topic=topic, pk__gt=after_id)
        .select_related("author__employee__agency", "hidden_by")
        .prefetch_related("attachments", "reactions")
        .annotate(revision_count=Count("revisions", distinct=True))
        .order_by("created_at", "pk")
    )
    _decorate(posts, user=user, topic=topic)
    return posts


def get_post_for_user(*, user, post_id: int) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("topic", "author__employee__agency", "hidden_by")
        .prefetch_related("attachments", "reactions")
        .annotate(revision_count=Count("revisions", distinct=True)),
        pk=post_id,
    )
    permissions.check_view_topic(user, post.topic)
    return post


def decorate_post(post: Post, *, user) -> Post:
    _decorate([post], user=user, topic=post.topic)
    return post


def _decorate(posts, *, user, topic) -> None:
    moderator = permissions.is_moderator(user)
    for post in posts:
        counts = Counter(reaction.kind for reaction in post.reactions.all())
        mine = {reaction.kind for reaction in post.reactions.all() if reaction.user_id == user.pk}
        post.reaction_summary = [
            {
                "kind": kind,
                "label": label,
                "symbol": REACTION_SYMBOLS[kind],
                "count": counts[kind],
                "mine": kind in mine,
            }
            for kind, label in ReactionKind.choices
        ]
        post.show_body = not post.is_hidden or moderator
        post.is_answer = topic.accepted_post_id == post.pk
        post.user_can_edit = permissions.can_edit_post(user, post) if post.topic_id == topic.pk else False
        post.user_can_flag = post.author_id != user.pk and not post.is_hidden


def get_attachment_for_user(*, user, attachment_id: int):
    attachment = get_object_or_404(Attachment.objects.select_related("post__topic"), pk=attachment_id)
    permissions.check_view_post(user, attachment.post)
    return attachment


def list_revisions(*, post: Post) -> QuerySet:
    return post.revisions.select_related("edited_by")


def is_subscribed(*, user, topic: Topic) -> bool:
    return Subscription.objects.filter(user=user, topic=topic).exists()


def last_read_post_id(*, user, topic: Topic) -> int:
    return ReadMarker.objects.filter(user=user, topic=topic).values_list("last_read_post_id", flat=True).first() or 0


def list_adoptions(*, topic: Topic) -> list[Adoption]:
    adoptions = list(topic.adoptions.select_related("agency", "responsible"))
    trends = adoption_trends(adoptions)
    for adoption in adoptions:
        adoption.trend_rows = trends.get(adoption.pk, [])
    return adoptions


def adoption_agency_choices(*, user, topic: Topic) -> QuerySet:
    ids = permissions.adoptable_agency_ids(user, topic)
    agencies = Agency.objects.exclude(pk=topic.agency_id).exclude(adoptions__topic=topic)
    return agencies if ids is None else agencies.filter(pk__in=ids)


def responsible_choices(*, agency_ids) -> QuerySet:
    return Employee.objects.filter(agency_id__in=agency_ids, is_active=True).select_related("agency")


def sharing_agency_choices(*, user) -> QuerySet:
    ids = permissions.sharing_agency_ids(user)
    return Agency.objects.all() if ids is None else Agency.objects.filter(pk__in=ids)


def indicator_choices() -> QuerySet:
    return Indicator.objects.filter(is_active=True).select_related("agency").order_by("agency__name", "code")


def list_open_flags(*, user) -> QuerySet:
    permissions.check_moderate(user)
    return (
        Flag.objects.filter(resolved_at__isnull=True)
        .select_related("post__topic", "post__author", "user")
        .order_by("created_at")
    )


@functools.cache
def _search_config() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'indonesian'")
        return "indonesian" if cursor.fetchone() else "simple"


def search_posts(*, user, query: str) -> QuerySet:
    """Posts matching `query` in their text or their topic's title, best first.

    PostgreSQL: full-text search with ranking, using the `indonesian` configuration when the server has it (so
    "melayani" finds "pelayanan"), else `simple`; other databases: a case-insensitive substring match.
    """
    posts = Post.objects.filter(topic__in=visible_topics(user=user))
    if not permissions.is_moderator(user):
        posts = posts.filter(is_hidden=False)
    posts = posts.select_related("topic__category", "topic__agency", "author")
    query = (query or "").strip()
    if not query:
        return posts.none()
    if connection.vendor == "postgresql":
        config = _search_config()
        vector = SearchVector("topic__title", weight="A", config=config) + SearchVector(
            "body", weight="B", config=config
        )
        search = SearchQuery(query, config=config, search_type="websearch")
        return (
            posts.annotate(document=vector)
            .filter(document=search)
            .annotate(rank=SearchRank(vector, search))
            .order_by("-rank", "-created_at")
        )
    terms = query.split()
    condition = Q()
    for term in terms:
        condition &= Q(body__icontains=term) | Q(topic__title__icontains=term)
    return posts.filter(condition).order_by("-created_at")


def tag_counts(*, user, limit: int = 20) -> list:
    counts = defaultdict(int)
    for name in visible_topics(user=user).values_list("tags__name", flat=True):
        if name:
            counts[name] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
