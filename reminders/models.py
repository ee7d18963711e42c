"""Reminders sent (one row per person, plan, kind and due date, so nobody is reminded twice) and each person's
choice of e-mail."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    PLAN_DUE_7 = "plan_due_7", _("Plan due in 7 days")
    PLAN_DUE_2 = "plan_due_2", _("Plan due in 2 days")
    PLAN_OVERDUE = "plan_overdue", _("Plan overdue")
    REVIEW_WAITING = "review_waiting", _("Review waiting more than 3 working days")
    # The evaluation deadline: to the owner while the self-assessment is theirs, to the rater once it is rated.
    EVALUATION_DUE_7 = "evaluation_due_7", _("Evaluation due in 7 days")
    EVALUATION_DUE_2 = "evaluation_due_2", _("Evaluation due in 2 days")
    EVALUATION_OVERDUE = "evaluation_overdue", _("Evaluation overdue")
    MANUAL = "manual", _("Reminder from a coordinator")


class Reminder(models.Model):
    """A reminder given to `recipient` about `employee`'s plan of `period` (their own, or one they must review or
    rate).

    `due_on` is the deadline it is about (the plan or evaluation deadline, the day a review fell due, or the day a
    coordinator sent it), so the same reminder can never be given twice: the database refuses a second row.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="reminders"
    )
    employee = models.ForeignKey(
        "agencies.Employee",
        verbose_name=_("plan of"),
        on_delete=models.CASCADE,
        related_name="reminders_about",
    )
    period = models.ForeignKey("agencies.Period", verbose_name=_("period"), on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(
        "workflow.Plan", verbose_name=_("plan"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    due_on = models.DateField(_("due on"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    emailed = models.BooleanField(_("e-mailed"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    # The run that inserted the row: a run notifies exactly the rows it inserted, whatever other runs do meanwhile.
    batch = models.CharField(max_length=32, editable=False, db_index=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "employee", "period", "kind", "due_on"], name="reminder_once_per_due_date"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.due_on} for {self.recipient_id}"


class NotificationPreference(models.Model):
    """Whether a person also wants reminders and notifications by e-mail (the in-app one always arrives)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email = models.BooleanField(
        _("Also send me e-mail"),
        default=True,
        help_text=_("Reminders of deadlines and reviews also go to your e-mail address."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.user_id}: e-mail {'on' if self.email else 'off'}"
