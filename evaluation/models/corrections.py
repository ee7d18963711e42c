"""Published figures reopened for correction: each reopening is kept, with the value it replaced and who had
verified it, and counts against the agency's data quality ("changed after verification")."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .calendar import DataEntry


class DataCorrection(models.Model):
    entry = models.ForeignKey(
        DataEntry, verbose_name=_("data entry"), on_delete=models.CASCADE, related_name="corrections"
    )
    previous_value = models.DecimalField(_("published value"), max_digits=14, decimal_places=4, null=True)
    previously_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason for the correction"))
    # None: the figure's source brought a different value after verification (re-computed, pushed again).
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reopened by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("reopened at"), default=timezone.now)

    class Meta:
        verbose_name = _("data correction")
        verbose_name_plural = _("data corrections")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.entry} ({self.created_at:%Y-%m-%d})"
