"""Evaluation meetings (forums) and the good-practice discussions that grow out of them."""

import collections
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.fields.json import KeyTransform
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.review_windows import label_of_stored
from common.dates import long_date, month_span

from .workflow_adapter import quoted_comment

# ---------------------------------------------------------------- good practices and discussion


class Category(models.Model):
    """A field of public service that practices belong to (Kesehatan, Perizinan…)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Tag(models.Model):
    """A normalised (lower-case) keyword on topics."""

    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(models.Model):
    """A shared good practice (or any discussion) with the agency that shares it and the IKU it improves."""

    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="topics")
    title = models.CharField(_("title"), max_length=200)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="topics")
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("shared by agency"), on_delete=models.PROTECT, related_name="forum_topics"
    )
    indicators = models.ManyToManyField(
        "agencies.Indicator", verbose_name=_("IKU it improves"), blank=True, related_name="forum_topics"
    )
    meeting = models.ForeignKey(
        "Meeting",
        verbose_name=_("presented at meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="forum_topics"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_post_at = models.DateTimeField(_("last post at"), default=timezone.now, db_index=True)
    last_post_id_cache = models.PositiveBigIntegerField(_("last post id"), default=0)
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    accepted_post = models.ForeignKey(
        "Post", verbose_name=_("accepted answer"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["-last_post_at"]

    def __str__(self):
        return self.title


class Post(models.Model):
    """One message in a topic: Markdown source plus its sanitised HTML, rendered once on write."""

    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="forum_posts"
    )
    body = models.TextField(_("text (Markdown)"))
    html = models.TextField(_("rendered text"), editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    # The topic's title (weight A) and the text (B) for full-text search on PostgreSQL, written by the database
    # itself (a trigger from migration 0002, which also adds the GIN index), so bulk inserts and title changes are
    # covered. Derived data: not in dumps. Unused (NULL) on other databases.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["topic", "id"], name="forums_post_topic_id")]

    def __str__(self):
        return f"#{self.pk} {self.topic}"

    def get_absolute_url(self) -> str:
        """The topic page that holds this post (the page is found from `?post=`), scrolled to it."""
        return post_url(topic_id=self.topic_id, post_id=self.pk)


def post_url(*, topic_id: int, post_id: int) -> str:
    return f"{reverse('forums:topic_detail', args=[topic_id])}?post={post_id}#post-{post_id}"


class PostRevision(models.Model):
    """A previous version of a post, kept on every edit (and when a post is hidden, nothing is lost)."""

    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(_("text (Markdown)"))
    html = models.TextField(_("rendered text"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("edited by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("replaced at"), default=timezone.now)

    class Meta:
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.post} @ {self.created_at:%Y-%m-%d %H:%M}"


class ReactionKind(models.TextChoices):
    LIKE = "like", _("Helpful")
    THANKS = "thanks", _("Thanks")
    IDEA = "idea", _("Good idea")


REACTION_SYMBOLS = {ReactionKind.LIKE: "👍", ReactionKind.THANKS: "🙏", ReactionKind.IDEA: "💡"}


class Reaction(models.Model):
    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=12, choices=ReactionKind.choices)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [models.UniqueConstraint(fields=["post", "user", "kind"], name="reaction_unique_per_user_kind")]

    def __str__(self):
        return f"{self.user} {self.kind} #{self.post_id}"


class Subscription(models.Model):
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="subscription_unique_per_user")]

    def __str__(self):
        return f"{self.user} → {self.topic}"


class ReadMarker(models.Model):
    """The last post a user has seen in a topic; anything newer is unread."""

    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="read_markers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE)
    last_read_post_id = models.PositiveBigIntegerField(_("last read post"), default=0)

    class Meta:
        verbose_name = _("read marker")
        verbose_name_plural = _("read markers")
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="read_marker_unique_per_user")]

    def __str__(self):
        return f"{self.user} read {self.topic} to #{self.last_read_post_id}"


class Flag(models.Model):
    """A user's report that a post needs a moderator's attention."""

    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("flagged by"), on_delete=models.CASCADE)
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="flag_unique_per_user")]

    def __str__(self):
        return f"{self.user} flagged #{self.post_id}"


class ModerationAction(models.Model):
    """What a moderator did to a topic or post, kept as history."""

    class Kind(models.TextChoices):
        LOCK = "lock", _("Locked")
        UNLOCK = "unlock", _("Unlocked")
        HIDE = "hide", _("Hidden")
        UNHIDE = "unhide", _("Shown again")
        MOVE = "move", _("Moved")
        RESOLVE_FLAGS = "resolve", _("Flags resolved")

    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="moderation")
    post = models.ForeignKey(Post, verbose_name=_("post"), null=True, blank=True, on_delete=models.CASCADE)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("moderator"), on_delete=models.PROTECT)
    kind = models.CharField(_("action"), max_length=12, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.topic}"


def attachment_path(instance, filename):
    suffix = PurePath(filename).suffix.lower()
    return f"forums/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT)
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class Adoption(models.Model):
    """Another agency adopts a practice; its IKU trend since then shows whether the practice helped."""

    topic = models.ForeignKey(Topic, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="adoptions")
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("adopting agency"), on_delete=models.CASCADE, related_name="adoptions"
    )
    responsible = models.ForeignKey(
        "agencies.Employee", verbose_name=_("responsible"), on_delete=models.PROTECT, related_name="+"
    )
    adopted_on = models.DateField(_("adopted on"), default=timezone.localdate)
    follow_up_on = models.DateField(_("follow-up date"))
    note = models.TextField(_("how we adopt it"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["adopted_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["topic", "agency"], name="adoption_unique_per_agency")]

    def __str__(self):
        return f"{self.agency} adopts {self.topic}"


# ---------------------------------------------------------------- evaluation meetings


class MeetingSeries(models.Model):
    """Meetings that follow up on each other (e.g. the quarterly IKU evaluation forum)."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("In progress")
    CLOSED = "closed", _("Closed")


class Meeting(models.Model):
    """An evaluation forum where invited agencies present their IKU results for a period."""

    period = models.ForeignKey(
        "agencies.Period", verbose_name=_("period"), on_delete=models.PROTECT, related_name="meetings"
    )
    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    link = models.URLField(_("online meeting link"), blank=True)
    agencies = models.ManyToManyField(
        "agencies.Agency", verbose_name=_("invited agencies"), related_name="forum_meetings"
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    current_item = models.ForeignKey(
        "AgendaItem", verbose_name=_("current item"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    minutes = models.TextField(_("minutes (Markdown)"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == MeetingStatus.CLOSED


class AgendaItem(models.Model):
    """One agency's slot on the agenda, with the figures as they were when the agenda was built."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items")
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    snapshot = models.JSONField(_("figures at build time"), default=dict, blank=True)
    built_at = models.DateTimeField(_("built at"), default=timezone.now)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "agency"], name="agenda_item_unique_per_agency")]

    def __str__(self):
        return str(self.agency)


class Attendance(models.Model):
    """Who follows the meeting page; `connections` counts open sockets across server processes."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("participant"), on_delete=models.CASCADE)
    connections = models.PositiveIntegerField(_("open connections"), default=0)
    first_seen_at = models.DateTimeField(_("first seen"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("last seen"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="attendance_unique_per_user")]

    def __str__(self):
        return f"{self.user} at {self.meeting}"


class MeetingNote(models.Model):
    """A line of the minutes (notulen), optionally on an agenda item."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="notes")
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notes",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT)
    text = models.TextField(_("note"))
    is_decision = models.BooleanField(_("decision"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("meeting note")
        verbose_name_plural = _("meeting notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class ActionItem(models.Model):
    """A recommendation decided at a meeting: an owner agency, a due date and a status."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("owner agency"), on_delete=models.PROTECT, related_name="action_items"
    )
    text = models.TextField(_("recommendation"))
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner_agency", "status"], name="forums_action_owner_status")]

    def __str__(self):
        return self.text[:60]

    @property
    def is_overdue(self) -> bool:
        return self.status != ActionStatus.DONE and self.due_on < timezone.localdate()


# ---------------------------------------------------------------- notifications


class NotificationKind(models.TextChoices):
    MENTION = "mention", _("Mention")
    REPLY = "reply", _("Reply on a subscribed topic")
    TASK = "task", _("Task assigned")
    ACTION = "action", _("Action item for your agency")
    REMINDER = "reminder", _("Reminder")  # board: deadlines and waiting reviews (the reminders app)


class Notification(models.Model):
    """Something a user should look at. The text is built at display time so it follows the reader's language."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=NotificationKind.choices)
    data = models.JSONField(_("details"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=300)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="forums_notification_unread"),
            # A task is notified once: the check before notifying (one task, or a whole opening chunk) finds the
            # task's notification by its id instead of reading every notification (100,000 after a province opens).
            models.Index(
                KeyTransform("task_id", "data"), condition=models.Q(kind="task"), name="forums_notification_task"
            ),
        ]

    def __str__(self):
        return f"{self.kind} for {self.user}"

    @property
    def target_url(self) -> str:
        """Where opening it leads. About a post: the post's page, found when opened (links stored before topics had
        pages only named the topic)."""
        if self.data.get("topic_id") and self.data.get("post_id"):
            return post_url(topic_id=self.data["topic_id"], post_id=self.data["post_id"])
        return self.url

    @property
    def message(self) -> str:
        if self.kind == NotificationKind.TASK and self.data.get("owner"):
            return self._plan_task_message()
        if self.kind == NotificationKind.TASK and self.data.get("subject"):
            return self._subject_task_message()
        templates = {
            NotificationKind.MENTION: _("%(actor)s mentioned you in “%(title)s”"),
            NotificationKind.REPLY: _("%(actor)s replied in “%(title)s”"),
            NotificationKind.TASK: _("New task for you: %(title)s"),
            NotificationKind.ACTION: _("Action item for %(agency)s due %(due)s: %(title)s"),
        }
        values = {"actor": "", "title": "", "agency": "", "due": "", **self.data}
        if self.kind == NotificationKind.TASK:
            values["title"] = self._task_title()
        if self.kind == NotificationKind.REMINDER and self.data.get("text"):
            return reminder_message(self.data)  # board: the reminders app stores an English msgid and its values
        return str(templates.get(self.kind, "%(title)s")) % values

    def _task_title(self) -> str:
        """A task's step, in the reader's language: stored as its English msgid (forums.services.notifications) and
        translated now; a title stored already translated (before that) has no msgid and is shown as it is."""
        title = self.data.get("title", "")
        return gettext(title) if title else ""

    def _subject_task_message(self) -> str:
        """A task of another app's flow (forums/task_links.py): the step, what it is about and the stretch of time
        it covers, dated in the reader's language."""
        values = {"title": self._task_title(), "subject": self.data["subject"]}
        if self.data.get("due"):
            due = long_date(self.data["due"])
            return _("%(title)s — %(subject)s, by %(due)s") % {**values, "due": due}
        if not (self.data.get("starts_on") and self.data.get("ends_on")):
            return _("New task for you: %(title)s — %(subject)s") % values
        when = month_span(self.data["starts_on"], self.data["ends_on"])
        return _("New task for you: %(title)s — %(subject)s, %(when)s") % {**values, "when": when}

    def _plan_task_message(self) -> str:
        """A task on a plan: who did what to whose plan, quoting the comment (data from
        forums.services.notifications.task_notification_data)."""
        default = DEFAULT_PLAN_TASK_MESSAGE_WITH_PERIOD if self.data.get("period") else DEFAULT_PLAN_TASK_MESSAGE
        if self.data.get("period") and self.data.get("owner_user_id") == self.user_id:
            default = DEFAULT_OWN_PLAN_TASK_MESSAGE  # the reader's own plan: not named as someone's
        template = PLAN_TASK_MESSAGES.get(self.data.get("event", ""), default)
        if "%(excerpt)s" in str(template) and not self.data.get("excerpt"):
            template = default
        values = {"actor": "", "owner": "", "excerpt": "", **self.data, "title": self._task_title()}
        if self.data.get("window"):
            values["period"] = label_of_stored(self.data["window"])
        values["excerpt"] = quoted_comment(event=values.get("event", ""), comment=values["excerpt"])
        return str(template) % values


# By the latest event on the plan (workflow.models.Action) when the task was assigned.
PLAN_TASK_MESSAGES = {
    "submitted": _("%(owner)s submitted their plan: review it"),
    "returned": _("%(actor)s returned your plan for changes: “%(excerpt)s”"),
    "approved": _("%(actor)s approved your plan: report its realisation"),
    "revision_requested": _("Revise your plan (revision requested: “%(excerpt)s”)"),
    "self_assessed": _("%(owner)s assessed their results: rate their plan"),
    "rated": _("%(title)s for %(owner)s (predikat: %(excerpt)s)"),
    "coaching_planned": _("%(actor)s planned coaching for you (%(excerpt)s): acknowledge it"),
    "acknowledged": _("%(owner)s acknowledged the coaching plan: record the sessions and close it"),
    "reassigned": _("%(actor)s handed you “%(title)s” on the plan of %(owner)s"),
}
DEFAULT_PLAN_TASK_MESSAGE = _("%(title)s — plan of %(owner)s")
# Stored since notifications name the period (older ones have none): an employee with this year's and next year's
# plan tells their two "Draft the plan" tasks apart.
DEFAULT_PLAN_TASK_MESSAGE_WITH_PERIOD = _("%(title)s — plan of %(owner)s, %(period)s")
DEFAULT_OWN_PLAN_TASK_MESSAGE = _("%(title)s — your plan, %(period)s")


# --- board: reminder texts, translated when read (the msgid is stored, marked with gettext_noop where it is written)
def reminder_message(data: dict) -> str:
    values = {key: value for key, value in data.items() if key != "text"}
    for key in ("due", "since"):
        if values.get(key):
            values[key] = long_date(values[key])
    if values.get("starts_on") and values.get("ends_on"):  # the stretch a figure covers, named in the reader's words
        values["period"] = month_span(values["starts_on"], values["ends_on"])
    return gettext(data["text"]) % collections.defaultdict(str, values)
