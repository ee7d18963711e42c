from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    label = "workflow"
    verbose_name = _("Performance plans")

    def ready(self):
        from agencies.closing import register_closing_notice
        from agencies.employee_changes import register_employee_change_handler

        from .selectors import unrated_plans_notice
        from .transfers import on_employee_changed

        register_employee_change_handler(on_employee_changed)
        register_closing_notice(unrated_plans_notice)
