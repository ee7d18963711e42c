"""Monitoring reviews: the team's monthly or quarterly meeting on its agency, from what is at risk to obstacles
(kendala), their root causes and the actions taken, with escalation to the Pemda's evaluation forum."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency, Employee, Indicator


class Review(models.Model):
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField(_("held on"))
    covers_from = models.DateField(_("covers from"))
    covers_to = models.DateField(_("covers to"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("monitoring review")
        verbose_name_plural = _("monitoring reviews")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.agency.short_name} {self.held_on:%Y-%m-%d}"


class ItemKind(models.TextChoices):
    IKU_RED = "iku_red", _("IKU off track (red)")
    IKU_AMBER = "iku_amber", _("IKU needing attention (amber)")
    LATE_DATA = "late_data", _("Late data")
    UNVERIFIED_DATA = "unverified_data", _("Data waiting for verification")
    COMPLAINTS_OVERDUE = "complaints_overdue", _("Complaints past their deadline")
    OTHER = "other", _("Other")


class ReviewItem(models.Model):
    """One point of the review's agenda, pre-filled from the agency's data when the review is opened."""

    review = models.ForeignKey(Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=300)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("IKU"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("review agenda item")
        verbose_name_plural = _("review agenda items")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class ObstacleCategory(models.TextChoices):
    BUDGET = "budget", _("Budget")
    STAFF = "staff", _("Staff")
    PROCEDURE = "procedure", _("Procedure")
    SYSTEM = "system", _("System")
    DATA = "data", _("Data")
    EXTERNAL = "external", _("External")


class ObstacleStatus(models.TextChoices):
    OPEN = "open", _("Unresolved")
    ESCALATED = "escalated", _("Escalated to the Pemda forum")
    RESOLVED = "resolved", _("Resolved")


class Obstacle(models.Model):
    """An obstacle (kendala) found on an agenda item, with its root cause; an unresolved one may go to the forum."""

    item = models.ForeignKey(
        ReviewItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="obstacles"
    )
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="obstacles")
    category = models.CharField(_("category"), max_length=12, choices=ObstacleCategory.choices)
    description = models.TextField(_("obstacle"))
    root_cause = models.TextField(_("root cause"))
    status = models.CharField(_("status"), max_length=12, choices=ObstacleStatus.choices, default=ObstacleStatus.OPEN)
    escalated_to = models.ForeignKey(
        "forums.AgendaItem",
        verbose_name=_("escalated to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="escalated_obstacles",
    )
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("obstacle")
        verbose_name_plural = _("obstacles")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.description[:60]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Action(models.Model):
    """What the agency does about an obstacle: an owner, a due date and a status, followed up in later reviews."""

    obstacle = models.ForeignKey(Obstacle, verbose_name=_("obstacle"), on_delete=models.CASCADE, related_name="actions")
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(
        Employee,
        verbose_name=pgettext_lazy("person responsible for an action", "owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("action"))
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    progress = models.TextField(_("progress"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["agency", "status"], name="evaluation_action_open")]

    def __str__(self):
        return self.text[:60]

    @property
    def is_overdue(self) -> bool:
        return self.status != ActionStatus.DONE and self.due_on < timezone.localdate()
