"""One periodic evaluation of a plan (a quarter or a month of its period) and its viewflow process.

`step` is a denormalised, indexed copy of where the review's process stands (as `Plan.stage` is for plans), kept by
workflow/periodic/services.py so the board can count per window in SQL; viewflow's tasks say who must act.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from ..predikat import Predikat, Rating, needs_coaching


class ReviewStep(models.TextChoices):
    REPORT = "report", _("Report the period")
    RATE = "rate", _("Rate the period")
    COACHING = "coaching", _("Plan coaching for the period")
    ACKNOWLEDGE = "acknowledge", _("Acknowledge the period's coaching")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# Steps a person still acts on.
OPEN_REVIEW_STEPS = (ReviewStep.REPORT, ReviewStep.RATE, ReviewStep.COACHING, ReviewStep.ACKNOWLEDGE)


class PeriodicReview(models.Model):
    """The evaluation of one window (quarter or month) of an approved plan."""

    plan = models.ForeignKey(
        "workflow.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="periodic_reviews"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    due_on = models.DateField(_("due on"))
    step = models.CharField(
        _("step"), max_length=12, choices=ReviewStep.choices, default=ReviewStep.REPORT, db_index=True
    )
    summary = models.TextField(_("what was achieved in the period"), blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    feedback = models.TextField(_("supervisor's feedback"), blank=True)
    results_rating = models.CharField(_("results rating"), max_length=12, choices=Rating.choices, blank=True)
    behaviour_rating = models.CharField(_("behaviour rating"), max_length=12, choices=Rating.choices, blank=True)
    predikat = models.CharField(_("periodic predikat"), max_length=16, choices=Predikat.choices, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    rated_by = models.ForeignKey(
        "agencies.Employee", verbose_name=_("rated by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    coaching_kind = models.CharField(_("coaching kind"), max_length=12, blank=True)
    coaching_problems = models.TextField(_("problems"), blank=True)
    coaching_actions = models.TextField(_("agreed actions"), blank=True)
    coaching_due_on = models.DateField(_("coaching due"), null=True, blank=True)
    coaching_planned_at = models.DateTimeField(_("coaching planned at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    employee_note = models.TextField(_("employee's note"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)

    class Meta:
        verbose_name = _("periodic evaluation")
        verbose_name_plural = _("periodic evaluations")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="periodic_review_once_per_window")]

    def __str__(self):
        return f"{self.label} — {self.plan}"

    @property
    def label(self) -> str:
        from agencies.review_windows import ReviewWindow

        window = ReviewWindow(self.number, self.starts_on, self.ends_on, self.due_on, self.plan.period.review_frequency)
        return window.label

    @property
    def is_open(self) -> bool:
        return self.step in OPEN_REVIEW_STEPS

    @property
    def needs_coaching(self) -> bool:
        return bool(self.predikat) and needs_coaching(self.predikat)

    def is_late(self, today) -> bool:
        return self.is_open and self.due_on < today


class PeriodicReviewProcess(Process):
    """The viewflow process of one periodic review (a subclass table, so its tasks join through to the plan)."""

    review = models.OneToOneField(
        PeriodicReview, verbose_name=_("periodic evaluation"), on_delete=models.CASCADE, related_name="process"
    )

    class Meta:
        verbose_name = _("periodic evaluation process")
        verbose_name_plural = _("periodic evaluation processes")

    def __str__(self):
        return str(self.review)
