"""The kurva distribusi (SE MenPANRB 3/2023) as data, the organisation predikat per agency and period, and the
written justifications for closing evaluations over the guideline."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.numbers import quantity
from workflow.predikat import Predikat


class OrganisationPredikat(models.TextChoices):
    """The predikat the leader above gives an agency for its own performance."""

    ISTIMEWA = "ISTIMEWA", _("Outstanding (Istimewa)")
    BAIK = "BAIK", _("Good (Baik)")
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN", _("Needs improvement / fair (Butuh Perbaikan / Cukup)")
    KURANG = "KURANG", _("Poor (Kurang)")
    SANGAT_KURANG = "SANGAT_KURANG", _("Very poor (Sangat Kurang)")


def organisation_rank(field: str = "organisation_predikat") -> models.Case:
    """An organisation predikat's rank, best first (Istimewa 0 … Sangat Kurang 4), to order by it rather than by
    its code (alphabetically Baik would come before Istimewa)."""
    whens = [models.When(**{field: code}, then=rank) for rank, code in enumerate(OrganisationPredikat.values)]
    return models.Case(*whens, output_field=models.IntegerField())


class Bound(models.TextChoices):
    AT_MOST = "at_most", _("at most")
    AT_LEAST = "at_least", _("at least")
    SOME = "some", _("at least one")


class DistributionRule(models.Model):
    """One line of the guideline: for agencies with `organisation_predikat`, the share of employees whose predikat
    is one of `predikats` must be at most / at least `percent` (or there must be at least one of them).

    A rule set applies from its `year` until a later year has its own rules.
    """

    year = models.PositiveSmallIntegerField(_("applies from year"))
    organisation_predikat = models.CharField(
        _("organisation predikat"), max_length=16, choices=OrganisationPredikat.choices
    )
    predikats = models.CharField(
        _("employee predikat(s)"),
        max_length=120,
        help_text=_("One predikat code, or several separated by commas when the rule counts them together."),
    )
    bound = models.CharField(_("bound"), max_length=10, choices=Bound.choices)
    percent = models.DecimalField(
        _("percent"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("distribution guideline rule")
        verbose_name_plural = _("distribution guideline rules")
        ordering = ["-year", "organisation_predikat", "order", "pk"]

    def __str__(self):
        return f"{self.year} {self.get_organisation_predikat_display()}: {self.describe()}"

    @property
    def predikat_codes(self) -> list[str]:
        return [code.strip() for code in self.predikats.split(",") if code.strip()]

    def describe(self) -> str:
        labels = " / ".join(str(Predikat(code).label) for code in self.predikat_codes if code in Predikat.values)
        if self.bound == Bound.SOME:
            return _("at least one %(labels)s") % {"labels": labels}
        template = _("at most %(percent)s %% %(labels)s") if self.bound == Bound.AT_MOST else None
        template = template or _("at least %(percent)s %% %(labels)s")
        return template % {"percent": quantity(self.percent), "labels": labels}

    def clean(self):
        unknown = [code for code in self.predikat_codes if code not in Predikat.values]
        if unknown or not self.predikat_codes:
            raise ValidationError(
                {"predikats": _("Use the predikat codes: %(codes)s.") % {"codes": ", ".join(Predikat.values)}}
            )


class AgencyPredikat(models.Model):
    """The organisation predikat of an agency for a period, set by a coordinator; it selects the guideline."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="organisation_predikats"
    )
    period = models.ForeignKey(
        "agencies.Period", verbose_name=_("period"), on_delete=models.CASCADE, related_name="organisation_predikats"
    )
    predikat = models.CharField(_("organisation predikat"), max_length=16, choices=OrganisationPredikat.choices)
    note = models.TextField(_("basis"), blank=True, help_text=_("What the predikat rests on (achievement, audit)."))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("set by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(_("set at"), default=timezone.now)

    class Meta:
        verbose_name = _("organisation predikat")
        verbose_name_plural = _("organisation predikats")
        ordering = ["period", "agency"]
        constraints = [models.UniqueConstraint(fields=["agency", "period"], name="agency_predikat_unique_per_period")]

    def __str__(self):
        return f"{self.agency} — {self.period}: {self.get_predikat_display()}"


class DistributionOverride(models.Model):
    """A written justification for closing an agency's evaluations although its predikat exceed the guideline."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="distribution_overrides"
    )
    period = models.ForeignKey(
        "agencies.Period", verbose_name=_("period"), on_delete=models.CASCADE, related_name="distribution_overrides"
    )
    justification = models.TextField(_("justification"))
    findings = models.TextField(_("guideline findings at the time"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("distribution override")
        verbose_name_plural = _("distribution overrides")
        ordering = ["period", "agency", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["agency", "period"], name="distribution_override_unique")]

    def __str__(self):
        return f"{self.agency} — {self.period}"

    def clean(self):
        if len((self.justification or "").strip()) < 20:
            raise ValidationError({"justification": _("Write the justification in at least 20 characters.")})
