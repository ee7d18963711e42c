from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["email"]


class RemindForm(forms.Form):
    """The people ticked (among the agency's active employees), or everyone late."""

    people = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        choices=(),
        error_messages={"invalid_choice": _("Only active employees of this agency can be reminded here.")},
    )
    everyone_late = forms.BooleanField(required=False)

    def __init__(self, *args, people_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = [(pk, pk) for pk in people_ids]

    def clean(self):
        data = super().clean()
        if not data.get("people") and not data.get("everyone_late"):
            raise forms.ValidationError(_("Choose at least one person, or remind everyone who is late."))
        return data
