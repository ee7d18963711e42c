"""The SKP (performance plan) and everything recorded on it as it moves through its process.

`Plan.stage` is a denormalised, indexed copy of where the process stands, kept in sync by `workflow.services`
so dashboards can aggregate in SQL; viewflow's tasks remain the source of truth for who must act.
"""

import datetime
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.fields import TaskReferenceField
from viewflow.workflow.models import Process
from viewflow.workflow.status import STATUS

from common import thumbnails
from common.choices import ChoiceLabels
from common.dates import long_date
from common.numbers import quantity

from .predikat import Predikat, Rating

# One home for the names of where a plan stands: its stage (`Stage`), the step of the flow someone acts on
# (`PlanStep`), what happened to it (`Action`) and whether a task still waits (`OPEN_STATUSES`). Code compares with
# these members, never with their strings, and pages show their labels, so each has one name everywhere.


class Stage(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    REALISATION = "realisation", _("Realisation")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    RATING = "rating", _("Rating")
    COACHING = "coaching", _("Coaching")
    DONE = "done", _("Done")


class PlanStep(models.TextChoices):
    """The steps of `PlanFlow` a person acts on: the flow's node names, with the title each is shown under."""

    DRAFT = "draft", _("Draft the plan")
    REVIEW = "review", _("Review the plan")
    REALISATION = "realisation", _("Report realisation")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    RATING = "rating", _("Rate the plan")
    COACHING = "coaching", _("Plan coaching")
    ACKNOWLEDGE = "acknowledge", _("Acknowledge coaching")
    CLOSE_COACHING = "close_coaching", _("Close coaching")


# A viewflow task that still waits for someone (not done, cancelled or failed).
OPEN_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)

# Stages in which the plan has been agreed by the supervisor.
APPROVED_STAGES = frozenset({Stage.REALISATION, Stage.SELF_ASSESSMENT, Stage.RATING, Stage.COACHING, Stage.DONE})


class Plan(ChoiceLabels, models.Model):
    """An employee's SKP for one period."""

    employee = models.ForeignKey(
        "agencies.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="plans"
    )
    period = models.ForeignKey(
        "agencies.Period", verbose_name=_("period"), on_delete=models.PROTECT, related_name="plans"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.DRAFT, db_index=True)
    supervisor = models.ForeignKey(
        "agencies.Employee",
        verbose_name=_("reviewer"),
        help_text=_("The supervisor at the time of submission, who reviews and rates the plan."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_plans",
    )
    revision = models.PositiveIntegerField(_("revision"), default=0)
    copied_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    realisation_finished_at = models.DateTimeField(_("realisation finished at"), null=True, blank=True)
    results_rating = models.CharField(_("results rating"), max_length=12, choices=Rating.choices, blank=True)
    results_comment = models.TextField(_("comment on results"), blank=True)
    behaviour_rating = models.CharField(_("behaviour rating"), max_length=12, choices=Rating.choices, blank=True)
    behaviour_comment = models.TextField(_("comment on behaviour"), blank=True)
    predikat = models.CharField(_("predikat"), max_length=16, choices=Predikat.choices, blank=True, db_index=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    rated_by = models.ForeignKey(
        "agencies.Employee",
        verbose_name=_("rated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rated_plans",
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # A move to another agency (mutasi) closes the plan for the months served and opens one at the new agency.
    ended_on = models.DateField(
        _("closed at transfer on"),
        null=True,
        blank=True,
        help_text=_("The employee moved to another agency: this plan covers the period up to this date."),
    )
    ended_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency served"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    previous_plan = models.ForeignKey(
        "self",
        verbose_name=_("continues the plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="continued_by",
    )

    class Meta:
        verbose_name = _("plan (SKP)")
        verbose_name_plural = _("plans (SKP)")
        ordering = ["-period__starts_on", "employee__name"]
        constraints = [
            # One running plan per employee and period; those closed at a transfer stay beside it.
            models.UniqueConstraint(
                fields=["employee", "period"],
                condition=models.Q(ended_on__isnull=True),
                name="plan_unique_open_per_employee_period",
            )
        ]
        indexes = [
            models.Index(fields=["period", "stage"], name="plan_period_stage_idx"),
            # "Has this employee a plan for the period?" (opening a period, its progress counts), ended plans
            # included: one index probe per employee. Without it PostgreSQL may read the period's whole plan list
            # per employee (a period opened for 100,000 employees: hours).
            models.Index(fields=["employee", "period"], name="plan_employee_period_idx"),
            # The running plans of a period with what the progress counts group them by (`plan_progress_by_agency`
            # for the coordinator's overview; the compliance board joins them the same way): PostgreSQL reads this
            # index alone instead of every plan of every period (100,000 employees: some 75 ms -> 55 ms).
            models.Index(
                fields=["period", "employee", "stage", "predikat"],
                condition=models.Q(ended_on__isnull=True),
                name="plan_running_progress_idx",
            ),
        ]

    def __str__(self):
        return f"SKP {self.employee} — {self.period}"

    @property
    def is_approved(self) -> bool:
        return self.stage in APPROVED_STAGES

    @property
    def is_editable(self) -> bool:
        """RHK, indicators and expectations change only in draft (first draft or a revision)."""
        return self.stage == Stage.DRAFT

    @property
    def is_frozen(self) -> bool:
        return self.stage == Stage.DONE

    @property
    def revision_requested(self) -> bool:
        return self.stage == Stage.DRAFT and self.approved_at is not None

    @property
    def needs_coaching(self) -> bool:
        from .predikat import needs_coaching

        return bool(self.predikat) and needs_coaching(self.predikat)


class ResultKind(models.TextChoices):
    MAIN = "main", _("Main")
    ADDITIONAL = "additional", _("Additional")


def rhk_order(prefix: str = "") -> tuple:
    """How RHK are listed everywhere (plan page, forms, PDFs, exports): main RHK first, then additional ones, each
    kind in its own order. `prefix` reaches the RHK through a relation, e.g. "result__" from an indicator."""
    # A lookup rather than When(kind=…): Django can re-root it when another model orders by its RHK (indicators).
    is_main = Exact(models.F(f"{prefix}kind"), ResultKind.MAIN)
    main_first = models.Case(models.When(is_main, then=models.Value(0)), default=models.Value(1))
    return (main_first.asc(), f"{prefix}order", f"{prefix}pk")


class ResultPlan(ChoiceLabels, models.Model):
    """An RHK (Rencana Hasil Kerja): a planned work result, cascading from the supervisor's RHK or an IKU."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="results")
    kind = models.CharField(_("kind"), max_length=12, choices=ResultKind.choices, default=ResultKind.MAIN)
    text = models.TextField(_("work result (RHK)"))
    order = models.PositiveIntegerField(_("order"), default=0)
    supports = models.ForeignKey(
        "self",
        verbose_name=_("supervisor's RHK supported"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supported_by",
    )
    supports_indicator = models.ForeignKey(
        "agencies.Indicator",
        verbose_name=_("IKU supported"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supporting_results",
    )

    class Meta:
        verbose_name = _("RHK")
        verbose_name_plural = _("RHK")
        ordering = ["plan", *rhk_order()]

    def __str__(self):
        return self.text

    @property
    def is_main(self) -> bool:
        return self.kind == ResultKind.MAIN

    @property
    def needs_link(self) -> bool:
        """A main RHK cascades from the supervisor's RHK or an IKU; until it names one, it cannot be submitted."""
        return self.is_main and self.supports_id is None and self.supports_indicator_id is None

    def clean(self):
        errors = {}
        if self.supports_id and self.supports_indicator_id:
            errors["supports"] = [_("Choose either a supervisor's RHK or an IKU, not both.")]
        if self.supports_id and self.plan_id:
            if self.supports.plan.period_id != self.plan.period_id:
                errors["supports"] = [_("The supported RHK must be in a plan of the same period.")]
            elif self.supports.plan.employee_id != self.plan.employee.supervisor_id:
                errors["supports"] = [_("The supported RHK must belong to your direct supervisor's plan.")]
        if (
            self.supports_indicator_id
            and self.plan_id
            and self.supports_indicator.agency_id != self.plan.employee.agency_id
        ):
            errors["supports_indicator"] = [_("The IKU must belong to your own agency.")]
        if errors:
            raise ValidationError(errors)


class Aspect(models.TextChoices):
    QUANTITY = "quantity", _("Quantity")
    QUALITY = "quality", _("Quality")
    TIME = "time", _("Time")
    COST = "cost", _("Cost")


class ResultIndicator(ChoiceLabels, models.Model):
    """An individual performance indicator of an RHK with its target: a number with a unit, or a described target."""

    result = models.ForeignKey(ResultPlan, verbose_name=_("RHK"), on_delete=models.CASCADE, related_name="indicators")
    aspect = models.CharField(_("aspect"), max_length=10, choices=Aspect.choices, default=Aspect.QUANTITY)
    description = models.TextField(_("indicator"))
    target_value = models.DecimalField(_("target"), max_digits=14, decimal_places=4, null=True, blank=True)
    target_unit = models.CharField(_("unit"), max_length=40, blank=True)
    target_text = models.CharField(_("described target"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["result", "order", "pk"]

    def __str__(self):
        return self.description

    @property
    def target_display(self) -> str:
        if self.target_value is not None:
            return f"{quantity(self.target_value)} {self.target_unit}".strip()
        return self.target_text

    def clean(self):
        has_number = self.target_value is not None
        if has_number == bool(self.target_text):
            raise ValidationError(
                {"target_value": _("Give the target either as a number with a unit or as a described target.")}
            )
        if has_number and not self.target_unit:
            raise ValidationError({"target_unit": _("A numeric target needs a unit.")})
        if has_number and self.target_value < 0:
            raise ValidationError({"target_value": _("A target cannot be negative.")})


class CoreValue(models.TextChoices):
    """The seven BerAKHLAK core values of work behaviour."""

    SERVICE = "service", _("Service-oriented (Berorientasi Pelayanan)")
    ACCOUNTABLE = "accountable", _("Accountable (Akuntabel)")
    COMPETENT = "competent", _("Competent (Kompeten)")
    HARMONIOUS = "harmonious", _("Harmonious (Harmonis)")
    LOYAL = "loyal", _("Loyal")
    ADAPTIVE = "adaptive", _("Adaptive (Adaptif)")
    COLLABORATIVE = "collaborative", _("Collaborative (Kolaboratif)")


class BehaviourExpectation(ChoiceLabels, models.Model):
    """The supervisor's specific expectation (ekspektasi khusus pimpinan) on one BerAKHLAK value."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="expectations")
    value = models.CharField(_("core value"), max_length=16, choices=CoreValue.choices)
    expectation = models.TextField(_("specific expectation"), blank=True)

    class Meta:
        verbose_name = _("behaviour expectation")
        verbose_name_plural = _("behaviour expectations")
        ordering = ["plan", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "value"], name="expectation_unique_per_value")]

    def __str__(self):
        return self.get_value_display()


class Realisation(models.Model):
    """A report of what an indicator achieved, with notes on obstacles (kendala)."""

    indicator = models.ForeignKey(
        ResultIndicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="realisations"
    )
    value = models.DecimalField(_("achieved value"), max_digits=14, decimal_places=4, null=True, blank=True)
    description = models.TextField(_("what was achieved"), blank=True)
    obstacles = models.TextField(_("obstacles (kendala)"), blank=True)
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The quarter or month this report belongs to, when recorded for a periodic evaluation.
    periodic_review = models.ForeignKey(
        "workflow.PeriodicReview",
        verbose_name=_("periodic evaluation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="realisations",
    )

    class Meta:
        verbose_name = _("realisation")
        verbose_name_plural = _("realisations")
        ordering = ["indicator", "-reported_at", "-pk"]

    def __str__(self):
        return self.description or str(self.value)

    def clean(self):
        if self.value is None and not self.description.strip():
            raise ValidationError(_("Give the achieved value or describe what was achieved."))
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": _("A realisation cannot be negative.")})


def evidence_upload_to(instance, filename: str) -> str:
    """A random name under a non-public folder: the original name is kept in a field, never in the path."""
    extension = os.path.splitext(filename)[1].lower()
    return f"evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class Evidence(models.Model):
    """Supporting evidence (bukti dukung) for a realisation: an uploaded file or a link."""

    realisation = models.ForeignKey(
        Realisation, verbose_name=_("realisation"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_upload_to, blank=True, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["realisation", "pk"]

    def __str__(self):
        return self.original_name or self.url

    @property
    def has_thumbnail(self) -> bool:
        """A photo (JPEG, PNG, WebP) is previewed on the plan page; a document or a link shows its icon."""
        return bool(self.file) and thumbnails.has_thumbnail(self.content_type)

    @property
    def icon(self) -> str:
        """The name of the vendored icon that stands for this kind of evidence."""
        if self.url:
            return "link"
        return "image" if self.content_type.startswith("image/") else "file-text"

    def clean(self):
        if bool(self.file) == bool(self.url):
            raise ValidationError(_("Attach either a file or a link."))


class Feedback(models.Model):
    """Continuous feedback (dialog kinerja) on a plan, by the supervisor or the employee."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("feedback"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["plan", "created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class SelfAssessment(ChoiceLabels, models.Model):
    """The employee's own assessment before the supervisor rates."""

    plan = models.OneToOneField(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="self_assessment")
    results_rating = models.CharField(_("my view of my results"), max_length=12, choices=Rating.choices)
    summary = models.TextField(_("summary"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")

    def __str__(self):
        return str(self.plan)


class ResultRating(ChoiceLabels, models.Model):
    """The supervisor's rating of one RHK."""

    result = models.OneToOneField(ResultPlan, verbose_name=_("RHK"), on_delete=models.CASCADE, related_name="rating")
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("RHK rating")
        verbose_name_plural = _("RHK ratings")

    def __str__(self):
        return self.get_rating_display()


class BehaviourRating(ChoiceLabels, models.Model):
    """The supervisor's optional rating of one BerAKHLAK value."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="behaviour_ratings")
    value = models.CharField(_("core value"), max_length=16, choices=CoreValue.choices)
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("behaviour rating")
        verbose_name_plural = _("behaviour ratings")
        constraints = [models.UniqueConstraint(fields=["plan", "value"], name="behaviour_rating_unique_per_value")]

    def __str__(self):
        return f"{self.get_value_display()}: {self.get_rating_display()}"


class CoachingKind(models.TextChoices):
    BIMBINGAN = "bimbingan", _("Guidance (bimbingan)")
    KONSELING = "konseling", _("Counselling (konseling)")


class PeriodicCancelReason(models.TextChoices):
    """Why a plan's open periodic evaluations were cancelled (stored as the code, read in each reader's language)."""

    RATED = "rated", _("the plan was rated for the year")
    FINISHED = "finished", _("the plan was finished for the year")
    TRANSFERRED = "transferred", _("the employee moved to another agency")


class CoachingPlan(models.Model):
    """Performance coaching (pembinaan kinerja) after a poor predikat."""

    plan = models.OneToOneField(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="coaching")
    kind = models.CharField(_("kind"), max_length=12, choices=CoachingKind.choices, default=CoachingKind.BIMBINGAN)
    problems = models.TextField(_("problems"))
    agreed_actions = models.TextField(_("agreed actions"))
    due_on = models.DateField(_("due date"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    employee_note = models.TextField(_("employee's note"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("coaching plan")
        verbose_name_plural = _("coaching plans")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.plan}"


class CoachingSession(models.Model):
    coaching = models.ForeignKey(
        CoachingPlan, verbose_name=_("coaching plan"), on_delete=models.CASCADE, related_name="sessions"
    )
    held_on = models.DateField(_("held on"))
    notes = models.TextField(_("notes"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["coaching", "held_on", "pk"]

    def __str__(self):
        return f"{self.held_on}: {self.notes[:40]}"


class Action(models.TextChoices):
    STARTED = "started", _("Plan started")
    COPIED = "copied", _("Copied from an earlier plan")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    REVISION_REQUESTED = "revision_requested", _("Revision requested")
    REALISATION_RECORDED = "realisation_recorded", _("Realisation recorded")
    EVIDENCE_ADDED = "evidence_added", _("Evidence added")
    REALISATION_FINISHED = "realisation_finished", _("Realisation reported")
    FEEDBACK = "feedback", _("Feedback")
    SELF_ASSESSED = "self_assessed", _("Self-assessment submitted")
    RATED = "rated", _("Rated")
    COACHING_PLANNED = "coaching_planned", _("Coaching planned")
    COACHING_SESSION = "coaching_session", _("Coaching session recorded")
    ACKNOWLEDGED = "acknowledged", _("Coaching acknowledged")
    COACHING_CLOSED = "coaching_closed", _("Coaching closed")
    REASSIGNED = "reassigned", _("Task reassigned")
    OBJECTION_FILED = "objection_filed", _("Objection filed")
    OBJECTION_DECIDED = "objection_decided", _("Objection decided")
    REGRADED = "regraded", _("Predikat changed after an objection")
    COACHING_CANCELLED = "coaching_cancelled", _("Coaching cancelled")
    COACHING_REOPENED = "coaching_reopened", _("Coaching started after an objection")
    SUPERVISOR_CHANGED = "supervisor_changed", _("Supervisor changed")
    TRANSFERRED_OUT = "transferred_out", _("Closed at a transfer to another agency")
    TRANSFERRED_IN = "transferred_in", _("Opened after a transfer")
    PERIODIC_OPENED = "periodic_opened", _("Periodic evaluation opened")
    PERIODIC_REPORTED = "periodic_reported", _("Periodic realisation reported")
    PERIODIC_RATED = "periodic_rated", _("Periodic evaluation rated")
    PERIODIC_COACHING = "periodic_coaching", _("Coaching planned for the period")
    PERIODIC_ACKNOWLEDGED = "periodic_acknowledged", _("Periodic coaching acknowledged")
    PERIODIC_CANCELLED = "periodic_cancelled", _("Periodic evaluation cancelled")


class PlanEvent(ChoiceLabels, models.Model):
    """The plan's history: every transition and comment, with actor and time."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=24, choices=Action.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("plan event")
        verbose_name_plural = _("plan events")
        ordering = ["plan", "created_at", "pk"]
        indexes = [models.Index(fields=["plan", "created_at"], name="planevent_plan_created_idx")]

    def __str__(self):
        return f"{self.get_action_display()} — {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def shown_comment(self) -> str:
        return event_comment_label(self.action, self.comment, plan=self.plan)


def periodic_comment(review, detail: str = "") -> str:
    """A periodic evaluation's event comment as stored: its window's number, then a predikat or coaching code or
    free text ("2|BUTUH_PERBAIKAN"), so the history names the window in each reader's language."""
    return f"{review.number}{PERIODIC_SEPARATOR}{detail}"


PERIODIC_SEPARATOR = "|"


def _periodic_comment_label(action: str, comment: str, plan) -> str | None:
    """The stored window number and detail as read ("Triwulan II 2026: Butuh Perbaikan"), or None for a comment
    written before (its window named in its writer's language) or a window the period no longer has."""
    from agencies.review_windows import review_windows

    number, separator, detail = comment.partition(PERIODIC_SEPARATOR)
    if not (separator and number.isdigit()):
        return None
    windows = review_windows(plan.period)
    if not 1 <= int(number) <= len(windows):
        return None
    label = windows[int(number) - 1].label
    detail = event_comment_label(PERIODIC_CODED.get(action, action), detail) if detail else ""
    return f"{label}: {detail}" if detail else label


def event_comment_label(action: str, comment: str, *, plan=None) -> str:
    """An event's comment as a reader sees it, in their language: a rating's predikat and a coaching plan's kind are
    stored as their codes and shown as the choice's label, a coaching session as its ISO date and shown as a date
    (the history, and the notices quoting it, are read in every reader's own language). Older rows hold the label
    as it was written then, and are shown as they are."""
    from .event_comments import worded  # the events whose comment the system writes, stored as facts

    if plan is not None and action in PERIODIC_ACTIONS:
        label = _periodic_comment_label(action, comment, plan)
        if label is not None:
            return label
    label = worded(action, comment)
    if label is not None:
        return label
    choices = CODED_COMMENTS.get(action)
    if choices is not None and comment in choices.values:
        return str(choices(comment).label)
    if action == Action.COACHING_SESSION:
        try:
            return long_date(comment)  # the session's day, stored as an ISO date
        except ValueError:
            return comment
    return comment


CODED_COMMENTS = {
    Action.RATED: Predikat,
    Action.COACHING_PLANNED: CoachingKind,
    Action.PERIODIC_CANCELLED: PeriodicCancelReason,
}
PERIODIC_ACTIONS = frozenset(
    {
        Action.PERIODIC_OPENED,
        Action.PERIODIC_REPORTED,
        Action.PERIODIC_RATED,
        Action.PERIODIC_COACHING,
        Action.PERIODIC_ACKNOWLEDGED,
        Action.PERIODIC_CANCELLED,
    }
)
# A periodic rating's detail is a predikat code like a rating's, a periodic coaching's a coaching kind.
PERIODIC_CODED = {Action.PERIODIC_RATED: Action.RATED, Action.PERIODIC_COACHING: Action.COACHING_PLANNED}


class PlanProcess(Process):
    """The viewflow process of one plan (a subclass table, so tasks can join through to the plan)."""

    plan = models.OneToOneField(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="process")
    # The plan's period and employee, which a plan never changes, copied here when the process is created: the
    # overview counts a period's open tasks per agency through tasks -> processes -> employees without reading the
    # plans (at 100,000 employees, joining every plan of the period halved that query's speed).
    period = models.ForeignKey(
        "agencies.Period", on_delete=models.PROTECT, related_name="+", editable=False, db_index=False
    )
    employee = models.ForeignKey(
        "agencies.Employee", on_delete=models.PROTECT, related_name="+", editable=False, db_index=False
    )

    class Meta:
        verbose_name = _("plan process")
        verbose_name_plural = _("plan processes")
        indexes = [models.Index(fields=["period", "process_ptr", "employee"], name="planprocess_period_idx")]

    def __str__(self):
        return str(self.plan)


class PlanTask(models.Model):
    """viewflow's task rows (its table, unmanaged here) seen from the plan's side, for aggregates only.

    viewflow's Task reaches the plan through viewflow_process and then workflow_planprocess (multi-table
    inheritance): a join of every process row that adds nothing, since a task's process_id is the plan process's
    key. Counting the overdue tasks of 100,000 plans on PostgreSQL, that join took a third of the query. Read
    only: tasks are the engine's to create and change (through viewflow's Task).
    """

    process = models.ForeignKey(PlanProcess, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    flow_task = TaskReferenceField()
    status = models.CharField(max_length=50)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )

    class Meta:
        managed = False
        db_table = "viewflow_task"

    def __str__(self):
        return f"{self.flow_task} ({self.status})"


class OpeningStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


# An opening in one of these states is resumed by the next request for its period instead of starting another.
UNFINISHED_OPENING_STATUSES = (OpeningStatus.QUEUED, OpeningStatus.RUNNING, OpeningStatus.FAILED)
# A queued or running opening without progress for this long is taken to be dead (worker killed) and may be resumed.
OPENING_STALLED_AFTER = datetime.timedelta(minutes=2)


class PeriodOpening(models.Model):
    """A coordinator's request to open the plans of every active employee of some agencies for a period.

    `total` counts the active employees of the chosen agencies, `done` those of them who have a plan (including
    plans that existed before), `created` the plans this opening created. Progress is committed per chunk together
    with the plans of that chunk, so the counts always match what is in the database.
    """

    period = models.ForeignKey(
        "agencies.Period", verbose_name=_("period"), on_delete=models.PROTECT, related_name="openings"
    )
    agencies = models.ManyToManyField("agencies.Agency", verbose_name=_("agencies"), related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=OpeningStatus.choices, default=OpeningStatus.QUEUED, db_index=True
    )
    total = models.PositiveIntegerField(_("employees"), default=0)
    done = models.PositiveIntegerField(_("employees with a plan"), default=0)
    created = models.PositiveIntegerField(_("plans created"), default=0)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last progress at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("period opening")
        verbose_name_plural = _("period openings")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["period"],
                condition=models.Q(status__in=["queued", "running", "failed"]),
                name="period_opening_one_unfinished_per_period",
            )
        ]

    def __str__(self):
        return f"{self.period} ({self.get_status_display()})"

    @property
    def is_in_progress(self) -> bool:
        return self.status in (OpeningStatus.QUEUED, OpeningStatus.RUNNING)

    @property
    def is_failed(self) -> bool:
        return self.status == OpeningStatus.FAILED

    @property
    def is_stalled(self) -> bool:
        last_sign_of_life = self.heartbeat_at or self.requested_at
        return self.is_in_progress and last_sign_of_life < timezone.now() - OPENING_STALLED_AFTER

    @property
    def percent(self) -> int:
        if self.status == OpeningStatus.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0

    @property
    def seconds_taken(self) -> float | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


# Objections (keberatan) live in their own module; imported here so Django registers their models with this app.
from .acting.models import ActingAppointment, ActingHandover  # noqa: E402, F401
from .objections.models import Objection, ObjectionProcess  # noqa: E402, F401
from .periodic.models import PeriodicReview, PeriodicReviewProcess  # noqa: E402, F401
from .verification.models import IssuedDocument  # noqa: E402, F401
