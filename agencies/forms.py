from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Period


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodForm(forms.ModelForm):
    class Meta:
        model = Period
        fields = [
            *("name", "year", "kind", "starts_on", "ends_on", "plan_due", "evaluation_due", "status"),
            *("review_frequency", "review_due_days"),
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "plan_due": DateInput(),
            "evaluation_due": DateInput(),
        }


class RealisationForm(forms.Form):
    period = forms.ModelChoiceField(label=_("Period"), queryset=Period.objects.all())
    value = forms.DecimalField(label=_("Realisation"), max_digits=14, decimal_places=4, min_value=0)
    evidence_note = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where the figure comes from: report, system, survey, link."),
    )
    reason = forms.CharField(
        label=_("Reason for changing a computed figure"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only needed when you replace a figure computed from its source; it is written to the audit log."),
    )


class ComputeRealisationForm(forms.Form):
    period = forms.ModelChoiceField(label=_("Period"), queryset=Period.objects.all())


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the matching field, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, messages)
