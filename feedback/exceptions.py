"""The one refusal that is not an error: a step someone (or the same person's second click) already handled."""

from django.utils.translation import gettext as _


class StepAlreadyHandled(Exception):
    def __init__(self, message: str | None = None):
        super().__init__(message or _("This step was already handled: the page shows its outcome."))
