from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    name = "development"
    verbose_name = _("Capacity development")

    def ready(self):
        # Higher app, lower pages: the coaching-close step and the meeting agenda show development data through the
        # panel registry in common/, so workflow and forums never import this app.
        from . import panels

        panels.register()
