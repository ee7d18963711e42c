from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import RATING_CHOICES


class ReportForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the period"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("What you achieved in this period and what held you back."),
    )


class PeriodRatingForm(forms.Form):
    """The rater's feedback (dialog kinerja) and the two ratings; the periodic predikat follows from the matrix."""

    feedback = forms.CharField(label=_("Feedback to the employee"), widget=forms.Textarea(attrs={"rows": 3}))
    results_rating = forms.ChoiceField(label=_("Results in the period"), choices=RATING_CHOICES)
    behaviour_rating = forms.ChoiceField(label=_("Work behaviour in the period"), choices=RATING_CHOICES)
