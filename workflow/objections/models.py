"""An objection (keberatan) to a plan's final predikat and its viewflow process.

The plan's ratings before the objection are copied here, so the history keeps what was objected to even after an
upheld objection has re-graded the plan.
"""

import os
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from ..predikat import Predikat, Rating


class Decision(models.TextChoices):
    REJECTED = "rejected", _("Rejected")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    ACCEPTED = "accepted", _("Accepted")


# Decisions that set new ratings on the plan.
UPHOLDING = frozenset({Decision.PARTLY_ACCEPTED, Decision.ACCEPTED})


def objection_upload_to(instance, filename: str) -> str:
    """A random name under a non-public folder, as for evidence: the original name is kept in a field."""
    extension = os.path.splitext(filename)[1].lower()
    return f"objections/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class Objection(models.Model):
    """An employee's objection to the final predikat of one plan (at most one per plan)."""

    plan = models.OneToOneField(
        "workflow.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="objection"
    )
    decider = models.ForeignKey(
        "agencies.Employee",
        verbose_name=_("decided by (atasan pejabat penilai)"),
        on_delete=models.PROTECT,
        related_name="objections_to_decide",
    )
    reasons = models.TextField(_("reasons"))
    evidence = models.FileField(_("evidence"), upload_to=objection_upload_to, blank=True, max_length=200)
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True)
    evidence_type = models.CharField(_("content type"), max_length=100, blank=True)
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    decision_due = models.DateTimeField(_("decision due"))
    previous_results_rating = models.CharField(_("results rating objected to"), max_length=12, choices=Rating.choices)
    previous_behaviour_rating = models.CharField(
        _("behaviour rating objected to"), max_length=12, choices=Rating.choices
    )
    previous_predikat = models.CharField(_("predikat objected to"), max_length=16, choices=Predikat.choices)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    new_results_rating = models.CharField(_("new results rating"), max_length=12, choices=Rating.choices, blank=True)
    new_behaviour_rating = models.CharField(
        _("new behaviour rating"), max_length=12, choices=Rating.choices, blank=True
    )
    new_predikat = models.CharField(_("new predikat"), max_length=16, choices=Predikat.choices, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("objection (keberatan)")
        verbose_name_plural = _("objections (keberatan)")
        ordering = ["-filed_at", "-pk"]

    def __str__(self):
        return f"{_('Objection')}: {self.plan}"

    @property
    def is_decided(self) -> bool:
        return bool(self.decision)

    @property
    def is_upheld(self) -> bool:
        return self.decision in UPHOLDING

    @property
    def is_overdue(self) -> bool:
        return not self.is_decided and self.decision_due < timezone.now()


class ObjectionProcess(Process):
    """The viewflow process of one objection (a subclass table, so its tasks join through to the plan)."""

    objection = models.OneToOneField(
        Objection, verbose_name=_("objection"), on_delete=models.CASCADE, related_name="process"
    )

    class Meta:
        verbose_name = _("objection process")
        verbose_name_plural = _("objection processes")

    def __str__(self):
        return str(self.objection)
