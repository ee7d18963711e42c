"""Capacity development: needs, training events, participation with attendance, external trainings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NeedSource(models.TextChoices):
    COACHING = "coaching", _("Coaching plan")
    PREDIKAT = "predikat", _("Poor predikat")
    RED_IKU = "red_iku", _("IKU off track (red or amber)")
    IKM_ELEMENT = "ikm_element", _("Weak IKM element")
    EMPLOYEE = "employee", _("Raised by the employee")
    SUPERVISOR = "supervisor", _("Raised by the supervisor")


class NeedStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    AGREED = "agreed", _("Agreed")
    DECLINED = "declined", _("Declined")


class DevelopmentNeed(models.Model):
    """A competence gap of a person (or a whole unit), what raised it and the IKU it should improve."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="development_needs"
    )
    employee = models.ForeignKey(
        "agencies.Employee",
        verbose_name=_("employee"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="development_needs",
    )
    unit = models.ForeignKey(
        "agencies.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="development_needs",
    )
    competence = models.CharField(_("competence"), max_length=150)
    gap = models.TextField(_("competence gap"))
    source = models.CharField(_("raised by"), max_length=16, choices=NeedSource.choices)
    coaching = models.ForeignKey(
        "workflow.CoachingPlan",
        verbose_name=_("coaching plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="development_needs",
    )
    rated_plan = models.ForeignKey(
        "workflow.Plan",
        verbose_name=_("plan with the poor predikat"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="development_needs",
    )
    source_indicator = models.ForeignKey(
        "agencies.Indicator",
        verbose_name=_("IKU off track"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The IKM survey lives in another app; a need names the element it came from without depending on it.
    source_reference = models.CharField(_("source reference"), max_length=200, blank=True)
    indicator = models.ForeignKey(
        "agencies.Indicator",
        verbose_name=_("IKU to improve"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="development_needs",
    )
    status = models.CharField(_("status"), max_length=12, choices=NeedStatus.choices, default=NeedStatus.PROPOSED)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("raised by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("development need")
        verbose_name_plural = _("development needs")
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(employee__isnull=False) | Q(unit__isnull=False), name="need_names_person_or_unit"
            )
        ]
        indexes = [models.Index(fields=["agency", "status"], name="need_agency_status_idx")]

    def __str__(self):
        return f"{self.competence} — {self.employee or self.unit}"

    def clean(self):
        errors = {}
        if not self.employee_id and not self.unit_id:
            errors["employee"] = [_("Name the employee or the unit that needs the competence.")]
        if self.employee_id and self.agency_id and self.employee.agency_id != self.agency_id:
            errors["employee"] = [_("The employee must belong to the need's agency.")]
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            errors["unit"] = [_("The unit must belong to the need's agency.")]
        if self.indicator_id and self.agency_id and self.indicator.agency_id != self.agency_id:
            errors["indicator"] = [_("The IKU must be one of the agency's.")]
        required = {
            NeedSource.COACHING: ("coaching", _("Name the coaching plan that raised this need.")),
            NeedSource.PREDIKAT: ("rated_plan", _("Name the plan whose predikat raised this need.")),
            NeedSource.RED_IKU: ("source_indicator", _("Name the IKU off track that raised this need.")),
            NeedSource.IKM_ELEMENT: ("source_reference", _("Name the IKM element (e.g. U3 completion time).")),
        }
        if self.source in required:
            field, message = required[self.source]
            if not getattr(self, field if field == "source_reference" else f"{field}_id"):
                errors[field] = [message]
        if errors:
            raise ValidationError(errors)

    @property
    def subject(self):
        return self.employee or self.unit


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


class ExternalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class ExternalTraining(models.Model):
    """A training taken outside the Pemda's own events, recorded by the employee and verified by the supervisor."""

    employee = models.ForeignKey(
        "agencies.Employee", verbose_name=_("employee"), on_delete=models.CASCADE, related_name="external_trainings"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TrainingKind.choices, default=TrainingKind.PELATIHAN)
    name = models.CharField(_("name"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    jp = models.PositiveSmallIntegerField(
        _("lesson hours (JP)"), validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    certificate_number = models.CharField(_("certificate number"), max_length=100)
    certificate = models.FileField(_("certificate"), upload_to="certificates/%Y/%m/")
    certificate_name = models.CharField(_("certificate file name"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ExternalStatus.choices, default=ExternalStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    note = models.TextField(_("supervisor's note"), blank=True)

    class Meta:
        verbose_name = _("external training")
        verbose_name_plural = _("external trainings")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="external_training_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["employee", "status"], name="external_employee_idx")]

    def __str__(self):
        return f"{self.name} — {self.employee}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": [_("The training must end on or after its first day.")]})
