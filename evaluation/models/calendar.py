"""The IKU data calendar: when each indicator's figure is due, who enters it, and each period's entry."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from agencies.arriving_figures import FigureOrigin
from agencies.models import Employee, Indicator, IndicatorRealisation


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMESTER = "semester", _("Per semester")
    ANNUAL = "annual", _("Annual")


MONTHS_PER_PERIOD = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.SEMESTER: 6, Frequency.ANNUAL: 12}


class ValueKind(models.TextChoices):
    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage (0–100)")
    COUNT = "count", _("Count (never negative)")


class DataSchedule(models.Model):
    """An IKU's place in the data calendar: how often its figure is due, who enters it, and what is plausible."""

    indicator = models.OneToOneField(
        Indicator, verbose_name=_("IKU"), on_delete=models.CASCADE, related_name="data_schedule"
    )
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices, default=Frequency.MONTHLY)
    pic = models.ForeignKey(
        Employee, verbose_name=_("person in charge (PIC)"), on_delete=models.PROTECT, related_name="data_schedules"
    )
    due_day = models.PositiveSmallIntegerField(
        _("due day"), default=10, help_text=_("Days after the end of the period by which the figure is due.")
    )
    value_kind = models.CharField(
        _("kind of value"), max_length=12, choices=ValueKind.choices, default=ValueKind.NUMBER
    )
    min_value = models.DecimalField(_("lowest plausible value"), max_digits=14, decimal_places=4, null=True, blank=True)
    max_value = models.DecimalField(
        _("highest plausible value"), max_digits=14, decimal_places=4, null=True, blank=True
    )

    class Meta:
        verbose_name = _("data schedule")
        verbose_name_plural = _("data schedules")
        ordering = ["indicator__agency__name", "indicator__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(max_value__gte=models.F("min_value")),
                name="data_schedule_range_ordered",
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} ({self.get_frequency_display()})"


class EntryStatus(models.TextChoices):
    OPEN = "open", _("To enter")
    RETURNED = "returned", _("Returned for correction")
    SUBMITTED = "submitted", _("Waiting for verification")
    PUBLISHED = "published", _("Verified and published")


# The PIC's part: a new figure, or one returned for correction.
TO_ENTER = (EntryStatus.OPEN, EntryStatus.RETURNED)


def evidence_path(instance, filename: str) -> str:
    return f"evaluation/evidence/{instance.schedule_id}/{instance.starts_on:%Y-%m}/{filename}"


# A submitted figure is verified within this many days; waiting as long, it is brought to the team's verifiers
# (evaluation/services/reminders.py) and shown late in their lists.
VERIFICATION_DAYS = 2


class DataEntry(models.Model):
    """One indicator's figure for one period of its calendar: entered by the PIC, verified by someone else."""

    schedule = models.ForeignKey(
        DataSchedule, verbose_name=_("data schedule"), on_delete=models.CASCADE, related_name="entries"
    )
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.OPEN)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, max_length=200, blank=True)
    evidence_note = models.TextField(_("evidence note"), blank=True)
    checks = models.JSONField(_("plausibility checks"), default=list, blank=True)
    explanation = models.TextField(_("explanation of the checks"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for returning"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # A figure that arrived from another source (computed, pushed through the API, imported) instead of the PIC's
    # hand: where it came from, said for the verifier, and the IKU realisation it publishes once verified
    # (evaluation/services/sources.py).
    source_origin = models.CharField(_("recorded by a source"), max_length=12, choices=FigureOrigin.choices, blank=True)
    source_note = models.TextField(_("provenance"), blank=True)
    realisation = models.OneToOneField(
        IndicatorRealisation,
        verbose_name=_("IKU realisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("data entry")
        verbose_name_plural = _("data entries")
        ordering = ["starts_on", "schedule"]
        constraints = [models.UniqueConstraint(fields=["schedule", "starts_on"], name="data_entry_unique_per_period")]
        indexes = [models.Index(fields=["status", "due_on"], name="data_entry_status_due")]

    def __str__(self):
        return f"{self.schedule.indicator.code} {self.starts_on:%Y-%m}"

    @staticmethod
    def started(today: datetime.date) -> Q:
        """Entries whose period has begun: a figure can be entered from its period's first day, never for a period
        still to come (the year's calendar is opened at once, so a PIC holds every later month's entry too)."""
        return Q(starts_on__lte=today)

    @staticmethod
    def to_enter_now(today: datetime.date) -> Q:
        """Entries the PIC is to enter (or correct) now: their period has begun."""
        return Q(status__in=TO_ENTER) & DataEntry.started(today)

    @property
    def is_upcoming(self) -> bool:
        """Its period has not begun yet (the Python side of `started`): not yet to be entered."""
        return self.starts_on > timezone.localdate()

    @property
    def is_overdue(self) -> bool:
        """Still to be entered (or corrected) after its due date: the PIC must act now."""
        return self.status in TO_ENTER and timezone.localdate() > self.due_on

    @property
    def was_submitted_late(self) -> bool:
        """Entered, but after its due date: a fact of its timeliness (the data-quality score counts it), not a
        call to act, so it is shown apart from an overdue entry."""
        return (
            self.status in (EntryStatus.SUBMITTED, EntryStatus.PUBLISHED)
            and self.submitted_at is not None
            and timezone.localtime(self.submitted_at).date() > self.due_on
        )

    @property
    def waiting_days(self) -> int | None:
        """Whole days a submitted figure has waited for its verifier (None unless it waits)."""
        if self.status != EntryStatus.SUBMITTED or self.submitted_at is None:
            return None
        return (timezone.localdate() - timezone.localtime(self.submitted_at).date()).days

    @property
    def waits_too_long(self) -> bool:
        """Waiting for verification VERIFICATION_DAYS or more: the verifiers are reminded and it shows as late."""
        return self.waiting_days is not None and self.waiting_days >= VERIFICATION_DAYS

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence) or bool(self.evidence_note.strip())


class DataEntryProcess(Process):
    """The viewflow process of one data entry."""

    entry = models.OneToOneField(
        DataEntry, verbose_name=_("data entry"), on_delete=models.CASCADE, related_name="process"
    )

    class Meta:
        verbose_name = _("data entry process")
        verbose_name_plural = _("data entry processes")

    def __str__(self):
        return str(self.entry)


def period_bounds(year: int, frequency: str) -> list[tuple[datetime.date, datetime.date]]:
    """The (first day, last day) of each period of `year` at `frequency`."""
    step = MONTHS_PER_PERIOD[frequency]
    bounds = []
    for month in range(1, 13, step):
        starts = datetime.date(year, month, 1)
        end_month = month + step
        ends = (datetime.date(year + end_month // 13, (end_month - 1) % 12 + 1, 1)) - datetime.timedelta(days=1)
        bounds.append((starts, ends))
    return bounds
