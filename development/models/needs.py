"""Development needs: a competence gap of a person or a unit, what raised it and the IKU it should improve."""

from django.conf import settings
from django.core.exceptions import ValidationError
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
