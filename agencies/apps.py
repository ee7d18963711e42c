from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Agencies and people")

    def ready(self):
        from common import sessions

        from .identity import connect_signals, session_keys

        connect_signals()
        sessions.COMPANION_KEYS.append(session_keys)
