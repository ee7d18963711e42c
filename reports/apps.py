from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Dashboards and reports")

    def ready(self):
        from agencies.closing import register_closing_check

        from .services import unjustified_agencies_refusal

        register_closing_check(unjustified_agencies_refusal)
