from django import forms
from django.utils.translation import gettext_lazy as _

from common.held_uploads import KeepsAcceptedFiles
from common.uploads import UploadField

from ..predikat import Rating
from .models import Decision


class ObjectionForm(KeepsAcceptedFiles):
    kept_field = "evidence"

    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say which rating you disagree with and why, pointing to your results and evidence."),
    )
    evidence = UploadField(label=_("Evidence (optional)"), required=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(label=_("Reasons for the decision"), widget=forms.Textarea(attrs={"rows": 4}))
    results_rating = forms.ChoiceField(
        label=_("New results rating"),
        choices=[("", _("— unchanged (rejected) —")), *Rating.choices],
        required=False,
        help_text=_("Only when the objection is accepted or partly accepted."),
    )
    behaviour_rating = forms.ChoiceField(
        label=_("New behaviour rating"),
        choices=[("", _("— unchanged (rejected) —")), *Rating.choices],
        required=False,
    )
