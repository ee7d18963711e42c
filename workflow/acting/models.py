from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActingKind(models.TextChoices):
    PLT = "plt", _("Plt (pelaksana tugas: a vacant position)")
    PLH = "plh", _("Plh (pelaksana harian: the holder is absent)")


class ActingAppointment(models.Model):
    """An official appointed to act in `holder`'s position from `starts_on` to `ends_on` (both included)."""

    holder = models.ForeignKey(
        "agencies.Employee", verbose_name=_("position holder"), on_delete=models.PROTECT, related_name="+"
    )
    acting = models.ForeignKey(
        "agencies.Employee", verbose_name=_("acting official"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=3, choices=ActingKind.choices, default=ActingKind.PLH)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("appointed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    handed_over_at = models.DateTimeField(_("tasks handed over at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("tasks returned at"), null=True, blank=True)

    class Meta:
        verbose_name = _("acting appointment")
        verbose_name_plural = _("acting appointments")
        ordering = ["-starts_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.acting} → {self.holder}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date is before the start date.")})
        if self.holder_id and self.holder_id == self.acting_id:
            raise ValidationError({"acting": _("The acting official must be someone other than the holder.")})

    def is_active_on(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class ActingHandover(models.Model):
    """A plan whose supervisor tasks went to the acting official under an appointment (returned at its end)."""

    appointment = models.ForeignKey(
        ActingAppointment, verbose_name=_("appointment"), on_delete=models.CASCADE, related_name="handovers"
    )
    plan = models.ForeignKey("workflow.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("acting handover")
        verbose_name_plural = _("acting handovers")
        constraints = [models.UniqueConstraint(fields=["appointment", "plan"], name="acting_handover_once_per_plan")]

    def __str__(self):
        return f"{self.appointment} — {self.plan}"
