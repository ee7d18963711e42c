from django import forms
from django.utils.translation import gettext_lazy as _

from .models import OrganisationPredikat


class OrganisationPredikatForm(forms.Form):
    predikat = forms.ChoiceField(label=_("Organisation predikat"), choices=OrganisationPredikat.choices)
    note = forms.CharField(label=_("Basis"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OverrideForm(forms.Form):
    justification = forms.CharField(
        label=_("Justification"),
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the evaluations may close although the predikat exceed the guideline."),
    )


# --- board: the compliance board's bulk reminder
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
