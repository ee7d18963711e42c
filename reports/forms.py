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
