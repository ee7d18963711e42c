from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.importing import IMPORT_EXTENSIONS
from agencies.models import Indicator
from common.uploads import UploadField

from .models import ExternalTraining, NeedSource, Training

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add_service_errors(form, error) -> None:
    """Put a service's ValidationError on the form: field errors on their fields, the rest on top."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class NeedForm(forms.Form):
    competence = forms.CharField(
        label=_("Competence"), max_length=150, widget=forms.TextInput(attrs={"list": "competence-suggestions"})
    )
    gap = forms.CharField(label=_("What is missing"), widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.ChoiceField(label=_("Raised by"), choices=NeedSource.choices)
    source_reference = forms.CharField(
        label=_("IKM element or other reference"),
        max_length=200,
        required=False,
        help_text=_("For a weak IKM element, e.g. “U3 completion time, survey Q2”."),
    )
    source_indicator = forms.ModelChoiceField(
        label=_("IKU off track"), queryset=Indicator.objects.none(), required=False
    )
    indicator = forms.ModelChoiceField(label=_("IKU to improve"), queryset=Indicator.objects.none(), required=False)

    def __init__(self, *args, indicators=None, sources=None, **kwargs):
        super().__init__(*args, **kwargs)
        if indicators is not None:
            self.fields["indicator"].queryset = indicators
            self.fields["source_indicator"].queryset = indicators
        if sources is not None:
            self.fields["source"].choices = [c for c in NeedSource.choices if c[0] in sources]


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("agree", _("Agree")), ("decline", _("Decline"))])


class TrainingForm(forms.ModelForm):
    link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    class Meta:
        model = Training
        fields = [
            "kind",
            "name",
            "organiser",
            "agency",
            "starts_on",
            "ends_on",
            "place",
            "link",
            "jp",
            "capacity",
            "description",
            "needs",
            "indicators",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.CheckboxSelectMultiple,
            "indicators": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, agencies, needs, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["needs"].queryset = needs
        self.fields["indicators"].queryset = indicators
        self.fields["needs"].label_from_instance = lambda need: f"{need.competence} — {need.subject} ({need.agency})"


class InviteForm(forms.Form):
    nips = forms.CharField(
        label=_("NIPs to invite"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or more NIPs, separated by spaces, commas or lines."),
    )
    from_needs = forms.BooleanField(label=_("Invite everyone named by the needs this training serves"), required=False)

    def clean(self):
        data = super().clean()
        data["nip_list"] = [n for n in data.get("nips", "").replace(",", " ").split() if n]
        if not data["nip_list"] and not data.get("from_needs"):
            raise forms.ValidationError(_("Give NIPs or choose to invite the people of the needs."))
        return data


class ImportForm(forms.Form):
    file = UploadField(label=_("Attendance file (.xlsx or .csv)"), extensions=IMPORT_EXTENSIONS)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the training cancelled?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The people on the list are told, with this reason."),
    )


class ResultForm(forms.Form):
    completed = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("1", _("Completed")), ("0", _("Did not complete"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=100, required=False)
    certificate = forms.FileField(label=_("Certificate (PDF, JPG or PNG)"), required=False)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(str(n), str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReportForm(forms.Form):
    report = forms.CharField(label=_("Organiser's report"), widget=forms.Textarea(attrs={"rows": 6}))


class ExternalForm(forms.ModelForm):
    class Meta:
        model = ExternalTraining
        fields = ["kind", "name", "organiser", "starts_on", "ends_on", "jp", "certificate_number", "certificate"]
        widgets = {"starts_on": DATE, "ends_on": DATE}


class VerifyForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Verify")), ("reject", _("Reject"))])
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
