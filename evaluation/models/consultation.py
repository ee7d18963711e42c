"""Staff comments on next year's IKU and targets: the agency head opens a window, staff comment on each indicator,
the head answers each comment; the comments and answers stay as the targets' history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Employee, Indicator


class TargetConsultation(models.Model):
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year of the targets"))
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("target consultation")
        verbose_name_plural = _("target consultations")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="target_consultation_unique_per_year"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="consultation_window_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.agency} {self.year}"

    @property
    def is_open(self) -> bool:
        return self.opens_on <= timezone.localdate() <= self.closes_on


class TargetComment(models.Model):
    consultation = models.ForeignKey(
        TargetConsultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="comments"
    )
    indicator = models.ForeignKey(Indicator, verbose_name=_("IKU"), on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(Employee, verbose_name=_("author"), on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"))
    proposed_value = models.DecimalField(_("proposed target"), max_digits=14, decimal_places=4, null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    answer = models.TextField(_("head's answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("target comment")
        verbose_name_plural = _("target comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]
