"""Reads for categories, topics, posts and search, each with its joins done here."""

import functools
import time

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.lookups import TrigramSimilar, TrigramWordSimilar
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity, TrigramWordSimilarity
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
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
    PostRevision,
    Reaction,
    ReactionKind,
    ReadMarker,
    Subscription,
    Tag,
    Topic,
)
from .figures import adoption_trends

__all__ = [
    "visible_topics",
    "list_topics",
    "list_categories",
    "get_category",
    "POSTS_PER_PAGE",
    "get_topic_for_user",
    "get_topic_for_reader",
    "list_posts_page",
    "get_post_for_user",
    "decorate_post",
    "post_for_any_reader",
    "get_attachment_for_user",
    "list_revisions",
    "list_adoptions",
    "adoption_agency_choices",
    "responsible_choices",
    "sharing_agency_choices",
    "indicator_choices",
    "list_open_flags",
    "search_posts",
    "tag_counts",
    "reaction_counts",
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


def _topic_queryset() -> QuerySet:
    return Topic.objects.select_related("category", "agency", "author", "meeting", "accepted_post").prefetch_related(
        "tags", Prefetch("indicators", queryset=Indicator.objects.select_related("agency"))
    )


def get_topic_for_user(*, user, topic_id: int) -> Topic:
    topic = get_object_or_404(_topic_queryset(), pk=topic_id)
    permissions.check_view_topic(user, topic)
    return topic


def _count(queryset: QuerySet) -> Coalesce:
    """`SELECT COUNT(*)` of `queryset` as a correlated subquery, for annotations that cost no query of their own."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


POSTS_PER_PAGE = 30


def get_topic_for_reader(*, user, topic_id: int, post_id: int | None = None) -> Topic:
    """The topic as `get_topic_for_user` gives it, plus what its page needs for this reader, in the same query:
    `post_total`, `last_read_id` (the read marker; None before the first visit), `read_post_count` (posts up to the
    marker), `subscribed`, `adoptable` (an agency the user may record an adoption for has not adopted it yet: the
    choices of `adoption_agency_choices`) and, when the page is opened at a post, `posts_before` it (else None)."""
    posts = Post.objects.filter(topic=OuterRef("pk"))
    marker = ReadMarker.objects.filter(topic=OuterRef("pk"), user_id=user.pk).values("last_read_post_id")[:1]
    adopted = Adoption.objects.filter(topic=OuterRef(OuterRef("pk")), agency=OuterRef("pk"))
    adopters = Agency.objects.exclude(pk=OuterRef("agency_id")).exclude(Exists(adopted))
    scope = permissions.sharing_agency_ids(user)
    if scope is not None:
        adopters = adopters.filter(pk__in=scope)
    topics = _topic_queryset().annotate(
        post_total=_count(posts),
        last_read_id=Subquery(marker, output_field=IntegerField()),
        subscribed=Exists(Subscription.objects.filter(topic=OuterRef("pk"), user_id=user.pk)),
        adoptable=Exists(adopters),
        posts_before=_count(posts.filter(pk__lt=post_id)) if post_id else Value(None, IntegerField()),
    )
    topic = get_object_or_404(
        topics.annotate(read_post_count=_count(posts.filter(pk__lte=OuterRef("last_read_id")))), pk=topic_id
    )
    permissions.check_view_topic(user, topic)
    return topic


def _post_queryset(*, user) -> QuerySet:
    """Posts with their author, attachments, revision count and, per reaction kind, the count (`reactions_<kind>`)
    and whether `user` gave it (`mine_<kind>`): counted in SQL, so a page costs the same with any number of them."""
    reactions = Reaction.objects.filter(post=OuterRef("pk"))
    per_kind = {}
    for kind in ReactionKind.values:
        per_kind[f"reactions_{kind}"] = _count(reactions.filter(kind=kind))
        per_kind[f"mine_{kind}"] = Exists(reactions.filter(kind=kind, user_id=user.pk))
    return (
        Post.objects.select_related("author__employee__agency", "hidden_by")
        .defer("search_vector")
        .prefetch_related("attachments")
        .annotate(revision_count=_count(PostRevision.objects.filter(post=OuterRef("pk"))), **per_kind)
    )


class _CountedPaginator(Paginator):
    """A paginator told its count (already computed with the topic) instead of asking the database again."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


def list_posts_page(*, user, topic: Topic, page=None) -> Page:
    """One page of a topic from `get_topic_for_reader`, posts in the order they were written (the order unread
    markers count in); hidden posts keep their place, their text shown to moderators only.

    The page is the one holding the linked post when the topic was opened at one; else `page` when given; else
    where the reader left off: the page of the first unread post, the last page when all is read, the first page on
    a first visit. `page.page_links` are the numbers to link to (None where some are left out)."""
    paginator = _CountedPaginator(
        _post_queryset(user=user).filter(topic=topic).order_by("pk"), POSTS_PER_PAGE, count=topic.post_total
    )
    if topic.posts_before is not None:
        page = topic.posts_before // POSTS_PER_PAGE + 1
    elif page is None:
        unread_at = 0 if topic.last_read_id is None else topic.read_post_count
        page = min(unread_at // POSTS_PER_PAGE + 1, paginator.num_pages)
    page = paginator.get_page(page)
    page.object_list = list(page.object_list)
    _decorate(page.object_list, user=user, topic=topic)
    page.page_links = [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    return page


def get_post_for_user(*, user, post_id: int) -> Post:
    post = get_object_or_404(_post_queryset(user=user).select_related("topic"), pk=post_id)
    permissions.check_view_topic(user, post.topic)
    return post


def post_for_any_reader(*, post_id: int) -> Post | None:
    """The post as a reader without rights of their own on it sees it (not its author, no moderator, not the
    topic's author: `permissions.readers_with_controls_of_their_own`), or None when it is gone. No permission check:
    only for what goes to readers who were admitted to the topic already (`forums.live`)."""
    nobody = AnonymousUser()
    post = _post_queryset(user=nobody).select_related("topic").filter(pk=post_id).first()
    if post is not None:
        _decorate([post], user=nobody, topic=post.topic)
    return post


def decorate_post(post: Post, *, user) -> Post:
    _decorate([post], user=user, topic=post.topic)
    return post


def _decorate(posts, *, user, topic) -> None:
    """What the post template shows per post, from the annotations of `_post_queryset` (no query)."""
    moderator = permissions.is_moderator(user)
    for post in posts:
        if post.topic_id == topic.pk:
            post.topic = topic  # the permission checks below read it: never a query per post
        post.reaction_summary = [
            {
                "kind": kind,
                "label": label,
                "symbol": REACTION_SYMBOLS[kind],
                "count": getattr(post, f"reactions_{kind}"),
                "mine": getattr(post, f"mine_{kind}"),
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


SEARCH_CANDIDATES = 1000


# --- board: spelling variants and accents (PostgreSQL pg_trgm + unaccent, extensions from migration 0004)
TAG_SIMILARITY = 0.4  # "antrian" ~ "antrean" is 0.45; unrelated words of the same length stay under 0.2
TITLE_WORD_SIMILARITY = 0.6


def _unaccent(expression):
    """unaccent() through the IMMUTABLE wrapper of migration 0006, the expression its trigram indexes are built on."""
    return Func(expression, function="forums_unaccent", output_field=CharField())


def similar_topic_ids(query: str) -> QuerySet:
    """Topics with a tag, or a word of the title, spelled like one of the query's words (antrian ~ antrean,
    kesehatan ~ kesehatán): trigram similarity of the unaccented text. PostgreSQL only.

    Each word is looked up with the trigram operators (`%`, `%>`), which the GIN indexes of migration 0006 serve, and
    then held to this module's thresholds (the operators' own are pg_trgm's settings, 0.3 and 0.6 by default). The
    look-ups are a UNION rather than an OR, so that each keeps its index.
    """
    lookups = []
    for term in sorted({word for word in query.lower().split() if len(word) >= 4}):
        plain_term = _unaccent(Value(term))
        tags = (
            Tag.objects.annotate(plain_name=_unaccent(F("name")))
            .filter(TrigramSimilar(F("plain_name"), plain_term))
            .annotate(similarity=TrigramSimilarity("plain_name", plain_term))
            .filter(similarity__gte=TAG_SIMILARITY)
        )
        lookups.append(Topic.tags.through.objects.filter(tag__in=tags.values("pk")).values_list("topic_id"))
        titles = (
            Topic.objects.annotate(plain_title=_unaccent(F("title")))
            .filter(TrigramWordSimilar(F("plain_title"), plain_term))
            .annotate(word=TrigramWordSimilarity(plain_term, "plain_title"))
            .filter(word__gte=TITLE_WORD_SIMILARITY)
        )
        lookups.append(titles.order_by().values_list("pk"))
    if not lookups:
        return Topic.objects.none().values_list("pk", flat=True)
    return lookups[0].union(*lookups[1:]).values_list("pk", flat=True)


class RankedPosts:
    """Search results as the paginator reads them: the matches' ids and ranks, best first, read in one query when
    first needed (their number is the paginator's count); a slice of them, one page, loads only its own posts, with
    their topic, category, agency and author, and their `rank` (None where the database does not rank)."""

    def __init__(self, ranked: QuerySet):
        self._ranked = ranked

    @functools.cached_property
    def _rows(self) -> list[tuple[int, float | None]]:
        return list(self._ranked.values_list("pk", "rank"))

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index: slice) -> list[Post]:
        rows = self._rows[index]
        posts = (
            Post.objects.filter(pk__in=[pk for pk, _ in rows])
            .select_related("topic__category", "topic__agency", "author")
            .defer("search_vector")
            .in_bulk()
        )
        page = []
        for pk, rank in rows:
            if pk in posts:  # not deleted since the ranking
                posts[pk].rank = rank
                page.append(posts[pk])
        return page


def search_posts(*, user, query: str) -> RankedPosts:
    """Posts matching `query` in their text or their topic's title, best first.

    PostgreSQL: full-text search on the stored, GIN-indexed `search_vector` (title weighted above text; the
    `indonesian` configuration when the server has it, so "melayani" finds "pelayanan", else `simple`); nothing is
    parsed per row at query time. Other databases: a case-insensitive substring match, newest first.

    Only the newest SEARCH_CANDIDATES matches are ranked and paged: a common word matches a large share of a big
    forum, and ranking (or counting) every match would read them all on each request.
    """
    permissions.check_use_forums(user)
    posts = Post.objects.all()
    if not permissions.is_moderator(user):  # as `visible_topics`, written as a join: planners stop early on it
        posts = posts.filter(topic__is_hidden=False, is_hidden=False)
    query = (query or "").strip()
    unranked = Value(None, output_field=FloatField())
    if not query:
        return RankedPosts(posts.none().annotate(rank=unranked))
    if connection.vendor == "postgresql":
        search = SearchQuery(query, config=_search_config(), search_type="websearch")
        candidates = posts.filter(search_vector=search).order_by("-pk").values("pk")[:SEARCH_CANDIDATES]
        # Spelling variants as a second bounded candidate set, so the text match keeps its GIN index; one UNION
        # (an OR of two IN conditions would test every post against both). The similar topics are read first: with
        # their ids in hand the planner knows how many posts they hold, and reads the newest posts while they are
        # common, or only those topics' posts (index on topic) when they are few.
        topic_ids = list(similar_topic_ids(query))
        if topic_ids:
            by_variant = posts.filter(topic_id__in=topic_ids).order_by("-pk").values("pk")[:SEARCH_CANDIDATES]
            candidates = candidates.union(by_variant)
        ranked = Post.objects.filter(pk__in=candidates).annotate(rank=SearchRank(F("search_vector"), search))
        ranked = ranked.order_by("-rank", "-pk")
    else:
        condition = Q()
        for term in query.split():
            condition &= Q(body__icontains=term) | Q(topic__title__icontains=term)
        candidates = posts.filter(condition).order_by("-pk").values("pk")[:SEARCH_CANDIDATES]
        ranked = Post.objects.filter(pk__in=candidates).annotate(rank=unranked).order_by("-created_at", "-pk")
    return RankedPosts(ranked)


def tag_counts(*, user, limit: int = 20) -> list[tuple[str, int]]:
    """The most used tags of the topics `user` may see, with their counts (one grouped query)."""
    rows = (
        Tag.objects.filter(topics__in=visible_topics(user=user))
        .values_list("name")
        .annotate(n=Count("topics"))
        .order_by("-n", "name")[:limit]
    )
    return list(rows)


def reaction_counts(*, post_id: int) -> dict:
    """The post's count per reaction kind, and when they were read (`at`, nanoseconds): a page ignores counts older
    than the last it was sent, since the events of two reactions at once may arrive in the other order."""
    read_at = time.time_ns()
    counted = dict(Reaction.objects.filter(post_id=post_id).order_by().values_list("kind").annotate(count=Count("pk")))
    return {"post": post_id, "counts": {kind: counted.get(kind, 0) for kind in ReactionKind.values}, "at": read_at}
