from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Period


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class KeepsReviewSettings:
    """Periodic evaluation settings left out of a submission (an older form, a script) keep what the period has."""

    REVIEW_FIELDS = ("review_frequency", "review_due_days")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.REVIEW_FIELDS:
            self.fields[name].required = False

    def clean_review_frequency(self):
        return self.cleaned_data.get("review_frequency") or self.instance.review_frequency

    def clean_review_due_days(self):
        value = self.cleaned_data.get("review_due_days")
        return self.instance.review_due_days if value is None else value


class PeriodForm(KeepsReviewSettings, forms.ModelForm):
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


class YearForm(forms.Form):
    """The year whose periods to prepare: last year (entered late) to two years ahead."""

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = forms.IntegerField(label=_("Year"), min_value=today.year - 1, max_value=today.year + 2)


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

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "compute_%s")  # it shares the IKU page with the realisation form's period
        super().__init__(*args, **kwargs)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the matching field, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, messages)
