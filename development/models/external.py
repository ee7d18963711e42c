"""Trainings taken outside the Pemda's own events, recorded by the employee and verified by the supervisor."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .trainings import TrainingKind


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
