"""Citizens' complaints (pengaduan): categories that route them to agencies, the complaint itself, its files and
its dated history, and the officers who answer them for an agency."""

import os
import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class Category(models.Model):
    """What a citizen complains about, and so which agency (and unit, and service) answers, with its deadlines."""

    name = models.CharField(_("name"), max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="complaint_categories"
    )
    unit = models.ForeignKey(
        "agencies.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    service = models.ForeignKey(
        "agencies.PublicService",
        verbose_name=_("public service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaint_categories",
    )
    verify_days = models.PositiveSmallIntegerField(_("working days to verify"), default=3)
    answer_days = models.PositiveSmallIntegerField(_("working days to answer"), default=5)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="complaint_category_unique_name")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            raise ValidationError({"unit": _("The unit must belong to the category's agency.")})
        if self.service_id and self.agency_id and self.service.agency_id != self.agency_id:
            raise ValidationError({"service": _("The service must belong to the category's agency.")})
        if not self.verify_days or not self.answer_days:
            raise ValidationError(_("Deadlines are at least one working day."))


class Identity(models.TextChoices):
    NAMED = "named", _("Named")
    CONFIDENTIAL = "confidential", _("Confidential")
    ANONYMOUS = "anonymous", _("Anonymous")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for verification")
    NEEDS_INFO = "needs_info", _("More information requested")
    WITH_AGENCY = "with_agency", _("With the agency")
    ANSWERED = "answered", _("Answered")
    REOPENED = "reopened", _("Reopened")
    CLOSED = "closed", _("Closed")
    NOT_AUTHORITY = "not_authority", _("Not the Pemda's authority")
    DUPLICATE = "duplicate", _("Merged into another complaint")
    SPAM = "spam", _("Rejected")


OPEN_STATUSES = (Status.SUBMITTED, Status.NEEDS_INFO, Status.WITH_AGENCY, Status.ANSWERED, Status.REOPENED)
# The agency sees a complaint only once the desk has verified it: spam and rejected reports never reach it.
AGENCY_STATUSES = (Status.WITH_AGENCY, Status.ANSWERED, Status.REOPENED, Status.CLOSED)


class Outcome(models.TextChoices):
    RESOLVED = "resolved", _("Resolved")
    PARTLY = "partly", _("Partly resolved")
    NOT_RESOLVED = "not_resolved", _("Not resolved")


def tracking_code(year: int, serial: int) -> str:
    return f"ADU-{year}-{serial:06d}"


# What a citizen may type for ADU-2026-000123: any case, spaces, dashes or nothing between the parts, the prefix or
# the serial's leading zeros left out ("adu 2026 123", "2026-000123", "ADU2026000123").
TYPED_CODE = re.compile(r"(?:ADU)?(\d{4})(\d{1,6})")


def normalise_tracking_code(typed: str) -> str | None:
    """The tracking code a person meant, in its one written form, or None when it cannot be one."""
    compact = re.sub(r"[^0-9A-Z]", "", typed.upper())
    match = TYPED_CODE.fullmatch(compact)
    return tracking_code(int(match[1]), int(match[2])) if match else None


class ComplaintCounter(models.Model):
    """The last serial number given in a year: tracking codes run ADU-YYYY-000001, 000002, … per year."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tracking code counter")
        verbose_name_plural = _("tracking code counters")

    def __str__(self):
        return f"{self.year}: {self.last}"


class Complaint(models.Model):
    code = models.CharField(_("tracking code"), max_length=20, unique=True)
    # Only a hash of the follow-up secret is kept: a leaked database does not open reporters' follow-up pages.
    secret_hash = models.CharField(max_length=64, editable=False)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="complaints"
    )
    title = models.CharField(_("summary"), max_length=150)
    description = models.TextField(_("what happened"), max_length=5000)
    location = models.CharField(_("where"), max_length=300, blank=True)
    occurred_on = models.DateField(_("when"), null=True, blank=True)
    identity = models.CharField(_("identity"), max_length=12, choices=Identity.choices)
    reporter_name = models.CharField(_("name"), max_length=150, blank=True)
    reporter_email = models.EmailField(_("e-mail"), blank=True)
    reporter_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_purged_at = models.DateTimeField(_("contact purged at"), null=True, blank=True)

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    verify_due = models.DateTimeField(_("verify by"))
    info_request = models.TextField(_("information requested"), blank=True)
    desk_note = models.CharField(_("note to the reporter"), max_length=500, blank=True)
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("duplicate of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disposed_at = models.DateTimeField(_("sent to the agency at"), null=True, blank=True)
    answer_due = models.DateTimeField(_("answer by"), null=True, blank=True)
    handler_unit = models.ForeignKey(
        "agencies.Unit", verbose_name=_("handled by unit"), null=True, blank=True, on_delete=models.SET_NULL
    )
    handler = models.ForeignKey(
        "agencies.Employee",
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.TextField(_("answer"), blank=True, max_length=5000)
    action_taken = models.CharField(_("action taken"), max_length=300, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # Figures fixed when the answer is published, so counts and medians aggregate in SQL over millions of rows.
    answer_working_days = models.PositiveSmallIntegerField(_("working days to answer"), null=True, blank=True)
    answered_on_time = models.BooleanField(_("answered within the deadline"), null=True, blank=True)
    outcome = models.CharField(_("reporter's verdict"), max_length=16, choices=Outcome.choices, blank=True)
    reporter_comment = models.TextField(_("reporter's comment"), blank=True, max_length=2000)
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    indicator = models.ForeignKey(
        "agencies.Indicator",
        verbose_name=_("IKU"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    topic = models.ForeignKey(
        "forums.Topic",
        verbose_name=_("forum topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agenda_item = models.ForeignKey(
        "forums.AgendaItem",
        verbose_name=_("meeting agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["-submitted_at", "-id"], name="complaint_recent"),
            models.Index(fields=["status", "-submitted_at"], name="complaint_status_recent"),
            models.Index(fields=["agency", "status", "-submitted_at"], name="complaint_agency_status"),
            # Covering on PostgreSQL: a period's figures per agency (received, answered, on time, the working-days
            # histogram) are read from the index alone, not from 100,000 rows.
            models.Index(
                fields=["agency", "submitted_at"],
                include=["status", "answered_at", "answered_on_time", "answer_working_days"],
                name="complaint_agency_period",
            ),
            models.Index(fields=["agency", "-answered_at"], name="complaint_agency_answered"),
            # "You reported, we acted": only answers with an action, newest first.
            models.Index(
                fields=["agency", "-answered_at"],
                condition=~Q(action_taken="") & Q(answered_at__isnull=False),
                name="complaint_agency_acted",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def has_contact(self) -> bool:
        return bool(self.reporter_name or self.reporter_email or self.reporter_phone)

    @property
    def emails_reporter(self) -> bool:
        """The reporter gave an e-mail and their name may be known: they are e-mailed the link and every step."""
        return self.identity != Identity.ANONYMOUS and bool(self.reporter_email)


def attachment_upload_to(instance, filename: str) -> str:
    extension = os.path.splitext(filename)[1].lower()
    return f"complaints/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    """A photo or PDF the reporter sent: served only to those who handle the complaint, never publicly."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Complaint received")
    INFO_REQUESTED = "info_requested", _("More information requested")
    INFO_SUPPLIED = "info_supplied", _("Reporter added information")
    VERIFIED = "verified", _("Verified and sent to the agency")
    NOT_AUTHORITY = "not_authority", _("Not the Pemda's authority")
    DUPLICATE = "duplicate", _("Merged into another complaint")
    SPAM = "spam", _("Rejected as spam")
    HANDED_OVER = "handed_over", _("Handed to a unit or employee")
    ANSWERED = "answered", _("Answer published")
    CONFIRMED = "confirmed", _("Reporter responded")
    REOPENED = "reopened", _("Reopened to the agency head")
    CLOSED = "closed", _("Closed")
    AUTO_CLOSED = "auto_closed", _("Closed automatically")
    ESCALATED = "escalated", _("Overdue: escalated to the agency head")
    LINKED = "linked", _("Linked to IKU, topic or meeting")
    CONTACT_PURGED = "contact_purged", _("Contact details deleted")


# Steps citizens see on the public follow-up page; the rest (who handled it, links, escalations) stay internal.
PUBLIC_EVENTS = {
    EventKind.SUBMITTED,
    EventKind.INFO_REQUESTED,
    EventKind.INFO_SUPPLIED,
    EventKind.VERIFIED,
    EventKind.NOT_AUTHORITY,
    EventKind.DUPLICATE,
    EventKind.SPAM,
    EventKind.ANSWERED,
    EventKind.CONFIRMED,
    EventKind.REOPENED,
    EventKind.CLOSED,
    EventKind.AUTO_CLOSED,
}


class Event(models.Model):
    """One dated step in a complaint's history."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("step"), max_length=16, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    is_public = models.BooleanField(_("shown to the public"), default=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("complaint step")
        verbose_name_plural = _("complaint steps")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def shown_note(self) -> str:
        """The note as the reader reads it: a reporter's verdict is stored as its code and shown in their language."""
        if self.kind == EventKind.CONFIRMED and self.note in Outcome.values:
            return Outcome(self.note).label
        return self.note


class Officer(models.Model):
    """A complaint officer: answers the agency's complaints. Coordinators grant and withdraw the role."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="complaint_officers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="complaint_officer_of"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granted by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("complaint officer")
        verbose_name_plural = _("complaint officers")
        constraints = [models.UniqueConstraint(fields=["agency", "user"], name="complaint_officer_unique")]

    def __str__(self):
        return f"{self.user} — {self.agency}"


class ComplaintProcess(Process):
    """The viewflow process of one complaint."""

    complaint = models.OneToOneField(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="process"
    )

    class Meta:
        verbose_name = _("complaint process")
        verbose_name_plural = _("complaint processes")

    def __str__(self):
        return str(self.complaint)


class PublicSnapshot(models.Model):
    """One agency's section of the public page for a period, drawn in one language ahead of time
    (feedback/services/public.py), with its complaint figures for the open data: public figures only, never anything
    personal. A request with a cold cache reads these rows instead of aggregating and drawing ten agencies."""

    period = models.ForeignKey("agencies.Period", verbose_name=_("period"), on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=8)
    html = models.TextField(_("section"))
    figures = models.JSONField(_("figures"), default=dict)
    computed_at = models.DateTimeField(_("computed at"))
    # The release of the section's template, tags and translations it was drawn with (selectors.section_release):
    # a section drawn by an earlier release is drawn again, not shown.
    drawn_with = models.CharField(_("drawn with"), max_length=16, default="", editable=False)

    class Meta:
        verbose_name = _("public page snapshot")
        verbose_name_plural = _("public page snapshots")
        constraints = [
            models.UniqueConstraint(fields=["period", "language", "agency"], name="public_snapshot_unique"),
        ]

    def __str__(self):
        return f"{self.agency_id} / {self.period_id} / {self.language}"
