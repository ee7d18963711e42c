from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Complaints and the public page")

    def ready(self):
        from agencies.indicator_sources import register_source

        from . import panels
        from .indicator_sources import SOURCES, validate_params

        panels.register()

        for key, (label, compute) in SOURCES.items():
            register_source(
                key=key,
                label=label,
                compute=compute,
                help_text=_('Optional: {"category_id": <id>} to count one complaint category only.'),
                validate_params=validate_params,
            )
