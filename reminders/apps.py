from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """Deadline reminders and each person's notification preferences.

    Sits above `forums` (its notifications carry the reminders) and below `reports` (the compliance board sends
    reminders in bulk)."""

    name = "reminders"
    verbose_name = _("Reminders")
