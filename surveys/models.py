"""Answers to the satisfaction survey (IKM): one row per respondent, the nine elements as columns.

Nine columns rather than nine rows per respondent: the index of any scope (a service, an agency, the Pemda) is then
one aggregate query (SUM and COUNT per column), and a million answers stay a million rows.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import PublicService

from .elements import ELEMENTS


class Sex(models.TextChoices):
    MALE = "m", _("Male")
    FEMALE = "f", _("Female")


class AgeBand(models.TextChoices):
    UNDER_20 = "lt20", _("Under 20")
    FROM_20 = "20_29", _("20–29")
    FROM_30 = "30_39", _("30–39")
    FROM_40 = "40_49", _("40–49")
    FROM_50 = "50_59", _("50–59")
    FROM_60 = "60_up", _("60 or older")


class Education(models.TextChoices):
    PRIMARY = "sd", _("Primary school (SD) or less")
    JUNIOR = "smp", _("Junior secondary (SMP)")
    SENIOR = "sma", _("Senior secondary (SMA/SMK)")
    DIPLOMA = "diploma", _("Diploma (D1–D3)")
    BACHELOR = "s1", _("Bachelor (D4/S1)")
    POSTGRADUATE = "s2", _("Postgraduate (S2/S3)")


class Occupation(models.TextChoices):
    CIVIL_SERVANT = "asn", _("Civil servant, military or police")
    PRIVATE = "private", _("Private employee")
    SELF_EMPLOYED = "self", _("Self-employed")
    STUDENT = "student", _("Student")
    OTHER = "other", _("Other")


def _score_field(number: int, name) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        name, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )


class SurveyResponse(models.Model):
    """One respondent's answers about one public service. No name, no contact, no address is stored."""

    service = models.ForeignKey(
        PublicService, verbose_name=_("service"), on_delete=models.CASCADE, related_name="survey_responses"
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    # The local date, which periods (agencies.Period, in dates) select on.
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)
    u1 = _score_field(1, _("U1 requirements"))
    u2 = _score_field(2, _("U2 procedure"))
    u3 = _score_field(3, _("U3 completion time"))
    u4 = _score_field(4, _("U4 cost or tariff"))
    u5 = _score_field(5, _("U5 service product"))
    u6 = _score_field(6, _("U6 staff competence"))
    u7 = _score_field(7, _("U7 staff behaviour"))
    u8 = _score_field(8, _("U8 facilities"))
    u9 = _score_field(9, _("U9 handling of complaints"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    age_band = models.CharField(_("age"), max_length=8, choices=AgeBand.choices, blank=True)
    education = models.CharField(_("education"), max_length=8, choices=Education.choices, blank=True)
    occupation = models.CharField(_("occupation"), max_length=8, choices=Occupation.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            # Covering on PostgreSQL (the elements INCLUDEd): a period's index per service is an index-only scan
            # instead of reading the rows of a million-answer table. Other databases get the plain index.
            models.Index(
                fields=["service", "submitted_on"],
                include=[f"u{number}" for number in range(1, 10)],
                name="survey_service_date_cover",
            ),
            models.Index(fields=["submitted_on", "service"], name="survey_date_service"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{element.code}__isnull": True}) | Q(**{f"{element.code}__range": (1, 4)}),
                name=f"survey_{element.code}_1_to_4",
            )
            for element in ELEMENTS
        ]

    def __str__(self):
        return f"{self.service} {self.submitted_on:%Y-%m-%d}"

    def scores(self) -> list[int | None]:
        return [getattr(self, element.code) for element in ELEMENTS]
