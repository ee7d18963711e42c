from django import forms
from django.utils.translation import gettext_lazy as _

from . import abuse
from .elements import ELEMENTS
from .models import AgeBand, Education, Occupation, Sex

COMMENT_MAX = 2000
NOT_SAID = [("", _("Prefer not to say"))]


class SurveyForm(forms.Form):
    """The regulation's questionnaire: the nine elements (each required, on its own four answers), an optional
    profile and comment, and the abuse guards (a honeypot and a signed start time)."""

    sex = forms.ChoiceField(label=_("Sex"), choices=NOT_SAID + Sex.choices, required=False)
    age_band = forms.ChoiceField(label=_("Age"), choices=NOT_SAID + AgeBand.choices, required=False)
    education = forms.ChoiceField(label=_("Education"), choices=NOT_SAID + Education.choices, required=False)
    occupation = forms.ChoiceField(label=_("Occupation"), choices=NOT_SAID + Occupation.choices, required=False)
    comment = forms.CharField(
        label=_("Comments or suggestions (optional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Please do not write your name, phone number or ID number here."),
    )
    # The honeypot: hidden from people (CSS and aria-hidden), tempting to bots.
    website = forms.CharField(label=_("Leave this empty"), required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.is_bot = False
        for element in ELEMENTS:
            self.fields[element.code] = forms.TypedChoiceField(
                label=element.question,
                choices=element.choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose one answer.")},
            )
        self.fields["started"].initial = abuse.issue_fill_token(service)

    def element_fields(self):
        return [(element, self[element.code]) for element in ELEMENTS]

    def profile_fields(self):
        return [self[name] for name in ("sex", "age_band", "education", "occupation")]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            self.is_bot = True
            return cleaned
        seconds = abuse.fill_seconds(self.data.get("started", ""), self.service)
        if seconds is None:
            self._renew_token()
            raise forms.ValidationError(
                _("This form has expired. Please check your answers and send them again."), code="stale"
            )
        if seconds < abuse.minimum_fill_seconds():
            self._renew_token()
            raise forms.ValidationError(
                _("That was quicker than anyone can read the questions. Please check your answers and send again."),
                code="too_fast",
            )
        return cleaned

    def _renew_token(self):
        # Re-rendering a bound form shows the submitted token; give the next attempt a fresh one.
        data = self.data.copy()
        data["started"] = abuse.issue_fill_token(self.service)
        self.data = data

    def response_data(self) -> dict:
        data = self.cleaned_data
        return {
            "scores": {element.code: data[element.code] for element in ELEMENTS},
            "sex": data["sex"],
            "age_band": data["age_band"],
            "education": data["education"],
            "occupation": data["occupation"],
            "comment": data["comment"].strip(),
        }
