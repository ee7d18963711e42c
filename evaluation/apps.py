from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Agency evaluation teams, the IKU data calendar with verified entry, and monitoring reviews.

    Sits on top: it reads agencies, workflow and forums, and the complaints of `feedback` (which never imports it).
    """

    name = "evaluation"
    verbose_name = _("Agency evaluation")

    def ready(self):
        from agencies.arriving_figures import register_figure_handler
        from forums import task_links

        from . import panels
        from .flows import DataEntryFlow
        from .selectors.calendar import entry_task_link
        from .services.sources import take_source_figure

        panels.register()
        register_figure_handler(take_source_figure)
        task_links.register(DataEntryFlow, entry_task_link)
