"""The coordinator's choice of agencies to open a period for."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from common.forms import ModelIdsField


class OpeningForm(forms.Form):
    agencies = ModelIdsField(
        label=_("Agencies"),
        queryset=Agency.objects.none(),
        error_messages={
            "required": _("Choose at least one agency."),
            "invalid_choice": _("You cannot open periods for agency %(value)s."),
        },
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies
