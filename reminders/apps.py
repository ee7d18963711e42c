from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """Deadline reminders and each person's notification preferences.

    A new app, so it sits on top of the others: it uses forums' notifications and reports' compliance selectors
    (the board's list of one agency's people, with the bulk reminder, lives here)."""

    name = "reminders"
    verbose_name = _("Reminders")
