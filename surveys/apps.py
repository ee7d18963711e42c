from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Satisfaction surveys (IKM)")

    def ready(self):
        from agencies.indicator_sources import register_source

        from . import sources

        register_source(
            key=sources.IKM_SOURCE,
            label=_("IKM of these services"),
            compute=sources.compute_ikm,
            help_text=_('The satisfaction index of the listed services in the period: {"services": [id or slug, …]}.'),
            validate_params=sources.validate_ikm_params,
        )
