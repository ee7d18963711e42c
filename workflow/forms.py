"""Forms of the plan pages: they parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Employee
from common.forms import EvidenceFileInput
from common.held_uploads import KeepsAcceptedFiles
from common.uploads import MultipleUploadField

from .models import Aspect, CoachingKind, CoreValue, ResultKind
from .predikat import Rating

# Ratings are judgements: nothing is preselected, so an untouched field is an error rather than a silent "above".
RATING_CHOICES = [("", _("— choose —")), *Rating.choices]


class StartPlanForm(forms.Form):
    """`periods` is a list already read (one query for the page): the choices and the cleaned value come from it.
    `suggested` (the period the home page speaks of) is chosen at first; someone without an earlier plan is not
    offered a copy of one."""

    period = forms.ChoiceField(label=_("Period"))
    copy_previous = forms.BooleanField(label=_("Start from a copy of my previous plan"), required=False, initial=True)

    def __init__(self, *args, periods, suggested=None, can_copy=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {str(period.pk): period for period in periods}
        self.fields["period"].choices = [(key, str(period)) for key, period in self.periods.items()]
        if suggested is not None and str(suggested.pk) in self.periods:
            self.fields["period"].initial = str(suggested.pk)
        if not can_copy:
            del self.fields["copy_previous"]

    def clean_period(self):
        return self.periods[self.cleaned_data["period"]]


class ResultForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ResultKind.choices, initial=ResultKind.MAIN)
    text = forms.CharField(label=_("Work result (RHK)"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    supports = forms.ModelChoiceField(
        label=_("Supports the supervisor's RHK"), queryset=None, required=False, empty_label=_("— none —")
    )
    supports_indicator = forms.ModelChoiceField(
        label=_("Supports the agency's IKU"), queryset=None, required=False, empty_label=_("— none —")
    )

    def __init__(self, *args, cascade_options, iku_options, is_head, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supports"].queryset = cascade_options
        self.fields["supports_indicator"].queryset = iku_options
        # An agency head cascades from the agency's IKU, everyone else from their supervisor's RHK.
        del self.fields["supports" if is_head else "supports_indicator"]


class IndicatorForm(forms.Form):
    aspect = forms.ChoiceField(label=_("Aspect"), choices=Aspect.choices, initial=Aspect.QUANTITY)
    description = forms.CharField(label=_("Indicator"), max_length=1000)
    target_value = forms.DecimalField(label=_("Target"), required=False, max_digits=14, decimal_places=4, min_value=0)
    target_unit = forms.CharField(label=_("Unit of measure"), required=False, max_length=40)
    target_text = forms.CharField(
        label=_("or a described target"), required=False, max_length=300, help_text=_("Instead of a number.")
    )

    def clean(self):
        data = super().clean()
        has_number = data.get("target_value") is not None
        if has_number == bool(data.get("target_text")):
            raise forms.ValidationError(_("Give the target either as a number with a unit or as a described target."))
        if has_number and not data.get("target_unit"):
            self.add_error("target_unit", _("A numeric target needs a unit."))
        return data


class FirstIndicatorForm(IndicatorForm):
    """The optional first indicator of a new RHK, filled in the same form: skipped while nothing but the aspect
    (which always has a value) is filled in."""

    def has_changed(self):
        return any(name != "aspect" for name in self.changed_data)


def first_indicator_form(data=None) -> FirstIndicatorForm:
    return FirstIndicatorForm(data, auto_id="id_first_%s", empty_permitted=True, use_required_attribute=False)


class ExpectationsForm(forms.Form):
    """The supervisor's specific expectation for each of the seven BerAKHLAK values."""

    def __init__(self, *args, expectations=(), **kwargs):
        super().__init__(*args, **kwargs)
        current = {e.value: e.expectation for e in expectations}
        for value, label in CoreValue.choices:
            self.fields[value] = forms.CharField(
                label=label, required=False, max_length=1000, initial=current.get(value, ""), widget=forms.TextInput
            )


class ConfirmForm(forms.Form):
    """A step with nothing to fill in (submit the plan, acknowledge…)."""


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("return", _("Return for changes"))]
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return the plan."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say what should change: a comment is required to return a plan."))
        return data


class RealisationStepForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Next"),
        choices=[("finish", _("Realisation is complete")), ("revise", _("Request a revision of the plan"))],
    )
    reason = forms.CharField(
        label=_("Reason for the revision"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "revise" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the plan must change."))
        return data


class RealisationForm(KeepsAcceptedFiles):
    value = forms.DecimalField(
        label=_("Achieved value"),
        required=False,
        max_digits=14,
        decimal_places=4,
        min_value=0,
        # The latest value is what the plan compares with the year's target (workflow.selectors.indicator_achievement).
        help_text=_(
            "What has been achieved so far since the start of the period, not this quarter alone (for a percentage, "
            "its level now): the latest value is compared with the target."
        ),
    )
    description = forms.CharField(
        label=_("What was achieved"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    obstacles = forms.CharField(
        label=_("Obstacles (kendala)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    files = MultipleUploadField(label=_("Evidence files"), required=False, widget=EvidenceFileInput())
    links = forms.CharField(
        label=_("Evidence links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One address per line."),
    )

    def clean_links(self):
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = forms.URLField(assume_scheme="https").clean
        return [validate(link) for link in links]

    def clean(self):
        data = super().clean()
        if data.get("value") is None and not (data.get("description") or "").strip():
            raise forms.ValidationError(_("Give the achieved value or describe what was achieved."))
        return data


class FeedbackForm(forms.Form):
    text = forms.CharField(label=_("Feedback"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class SelfAssessmentForm(forms.Form):
    results_rating = forms.ChoiceField(
        label=_("How did your results compare with expectations?"), choices=RATING_CHOICES
    )
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class RatingForm(forms.Form):
    """Per-RHK ratings plus the overall results and behaviour ratings; the predikat is derived, not entered."""

    results_rating = forms.ChoiceField(label=_("Overall results"), choices=RATING_CHOICES)
    results_comment = forms.CharField(
        label=_("Comment on results"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    behaviour_rating = forms.ChoiceField(label=_("Work behaviour"), choices=RATING_CHOICES)
    behaviour_comment = forms.CharField(
        label=_("Comment on behaviour"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, results, **kwargs):
        super().__init__(*args, **kwargs)
        self.results = list(results)
        for result in self.results:
            self.fields[f"rhk_{result.pk}"] = forms.ChoiceField(label=result.text, choices=RATING_CHOICES)
            self.fields[f"rhk_{result.pk}_comment"] = forms.CharField(label=_("Comment"), required=False)

    def rhk_fields(self):
        return [(result, self[f"rhk_{result.pk}"], self[f"rhk_{result.pk}_comment"]) for result in self.results]

    def overall_fields(self):
        """The fields that rate the plan as a whole (everything that is not one RHK's rating or comment)."""
        per_rhk = {name for result in self.results for name in (f"rhk_{result.pk}", f"rhk_{result.pk}_comment")}
        return [field for field in self if field.name not in per_rhk]

    def result_ratings(self) -> dict:
        data = self.cleaned_data
        return {r.pk: (data[f"rhk_{r.pk}"], data.get(f"rhk_{r.pk}_comment", "")) for r in self.results}


class CoachingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CoachingKind.choices)
    problems = forms.CharField(label=_("Problems"), widget=forms.Textarea(attrs={"rows": 3}))
    agreed_actions = forms.CharField(label=_("Agreed actions"), widget=forms.Textarea(attrs={"rows": 3}))
    due_on = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))


class AcknowledgeForm(forms.Form):
    note = forms.CharField(label=_("Your note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseCoachingForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}))


class ReassignForm(forms.Form):
    to = forms.ModelChoiceField(label=_("New assignee"), queryset=Employee.objects.none())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = candidates
