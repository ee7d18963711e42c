"""Data-calendar reminders given (one row per person, entry, kind and day, so a second run gives nothing twice)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .calendar import DataEntry


class DataReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Figure due soon")
    LATE = "late", _("Figure late")
    WAITING = "waiting", _("Figure waiting for verification")


class DataReminder(models.Model):
    """A reminder given to `recipient` on `sent_on` about `entry`: to its PIC before the due day or when late, to a
    possible verifier while the submitted figure waits. The database refuses a second one the same day."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    entry = models.ForeignKey(
        DataEntry, verbose_name=_("data entry"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=DataReminderKind.choices)
    sent_on = models.DateField(_("sent on"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The run that inserted the row: a run notifies exactly the rows it inserted, whatever other runs do meanwhile.
    batch = models.CharField(max_length=32, editable=False, db_index=True)

    class Meta:
        verbose_name = _("data reminder")
        verbose_name_plural = _("data reminders")
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "entry", "kind", "sent_on"], name="data_reminder_once_a_day")
        ]

    def __str__(self):
        return f"{self.kind} {self.sent_on} for {self.recipient_id}"
