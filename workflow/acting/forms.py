from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Employee

from .models import ActingKind


class AppointmentForm(forms.Form):
    holder = forms.ModelChoiceField(label=_("Position holder"), queryset=Employee.objects.none())
    acting = forms.ModelChoiceField(label=_("Acting official"), queryset=Employee.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=ActingKind.choices)
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = people
        self.fields["acting"].queryset = people
