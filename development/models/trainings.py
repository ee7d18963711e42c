"""Training events of every kind, who takes part in them and their attendance per day."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .needs import DevelopmentNeed


class TrainingKind(models.TextChoices):
    PELATIHAN = "pelatihan", _("Training (pelatihan)")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    SOSIALISASI = "sosialisasi", _("Socialisation (sosialisasi)")
    COACHING_CLINIC = "coaching_clinic", _("Coaching clinic")
    E_LEARNING = "e_learning", _("E-learning")
    MAGANG = "magang", _("Attachment (magang)")


class TrainingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Training(models.Model):
    """A training event of any kind, with its lesson hours (JP) and what it is meant to improve."""

    kind = models.CharField(_("kind"), max_length=20, choices=TrainingKind.choices, default=TrainingKind.PELATIHAN)
    name = models.CharField(_("name"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=200)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("organising agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainings",
        help_text=_("Leave empty for a Pemda-wide training."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    link = models.URLField(_("online link"), blank=True)
    jp = models.PositiveSmallIntegerField(
        _("lesson hours (JP)"), validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    description = models.TextField(_("description"), blank=True)
    needs = models.ManyToManyField(
        DevelopmentNeed, verbose_name=_("needs served"), blank=True, related_name="trainings"
    )
    indicators = models.ManyToManyField(
        "agencies.Indicator", verbose_name=_("target IKU"), blank=True, related_name="trainings"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=TrainingStatus.choices, default=TrainingStatus.PLANNED
    )
    report = models.TextField(_("organiser's report"), blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="training_ends_after_start")
        ]
        indexes = [models.Index(fields=["starts_on"], name="training_starts_on_idx")]

    def __str__(self):
        return self.name

    @property
    def is_cancelled(self) -> bool:
        return self.status == TrainingStatus.CANCELLED

    @property
    def awaits_report(self) -> bool:
        """Still planned after its last day: it has taken place (or not), and the organiser's report, which closes
        it as held, is due. Lists and its page say so, so that a forgotten report shows."""
        return self.status == TrainingStatus.PLANNED and self.ends_on < timezone.localdate()

    @property
    def registration_open(self) -> bool:
        """Invited people register or decline until the first day; after that the organiser's attendance says who
        took part (attending registers them: development.services.save_attendance)."""
        return not self.is_cancelled and self.starts_on > timezone.localdate()

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = [_("The training must end on or after its first day.")]
        if self.kind == TrainingKind.E_LEARNING and not self.link:
            errors["link"] = [_("An e-learning needs its link.")]
        elif self.kind != TrainingKind.E_LEARNING and not (self.place or self.link):
            errors["place"] = [_("Give the place or the online link.")]
        if errors:
            raise ValidationError(errors)

    @property
    def days(self) -> list:
        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + timezone.timedelta(days=offset) for offset in range(count)]


class ParticipantStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    REGISTERED = "registered", _("Registered")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    NOT_COMPLETED = "not_completed", _("Did not complete")


class Participation(models.Model):
    """One employee in one training: invitation, registration, result, certificate and feedback."""

    training = models.ForeignKey(
        Training, verbose_name=_("training"), on_delete=models.CASCADE, related_name="participants"
    )
    employee = models.ForeignKey(
        "agencies.Employee", verbose_name=_("employee"), on_delete=models.CASCADE, related_name="trainings"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ParticipantStatus.choices, default=ParticipantStatus.INVITED
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    certificate = models.FileField(_("certificate"), upload_to="certificates/%Y/%m/", blank=True)
    certificate_name = models.CharField(_("certificate file name"), max_length=200, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    feedback_at = models.DateTimeField(_("feedback given at"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["training", "employee__name"]
        constraints = [
            models.UniqueConstraint(fields=["training", "employee"], name="participation_unique_per_training")
        ]
        indexes = [
            models.Index(fields=["employee", "status"], name="participation_employee_idx"),
            # The JP ledger sums completed participations per employee: covered without reading the rows.
            models.Index(fields=["status", "employee", "training"], name="participation_counted_idx"),
        ]

    def __str__(self):
        return f"{self.employee} — {self.training}"

    @property
    def unanswered(self) -> bool:
        """Invited, and the training began without a reply: no longer a call to register (registration has closed)
        but a fact; the organiser's attendance still decides who took part."""
        return self.status == ParticipantStatus.INVITED and not self.training.registration_open

    @property
    def status_label(self) -> str:
        return str(NO_REPLY) if self.unanswered else self.get_status_display()


NO_REPLY = _("No reply")


class AttendanceDay(models.Model):
    """Whether a participant was present on one day of the training."""

    participation = models.ForeignKey(
        Participation, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="attendance"
    )
    day = models.DateField(_("day"))
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["participation", "day"]
        constraints = [models.UniqueConstraint(fields=["participation", "day"], name="attendance_unique_per_day")]

    def __str__(self):
        return f"{self.participation} {self.day}"
