"""Forms of the public complaint form, the reporter's follow-up and the desk's and agency's steps."""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Employee, Indicator, Unit
from common.held_uploads import KeepsAcceptedFiles
from common.uploads import MultipleUploadField
from forums.models import Topic

from .models import Category, Identity, Outcome, normalise_tracking_code
from .services import Decision
from .uploads import ALLOWED_EXTENSIONS, MAX_FILES

FORM_STAMP_SALT = "feedback.complaint-form"
PHONE = re.compile(r"^\+?[0-9 ()-]{6,20}$")

IDENTITY_HELP = {
    Identity.NAMED: _("The agency that handles your complaint sees your name and contact."),
    Identity.CONFIDENTIAL: _("Only the Pemda's complaint desk sees your name and contact; the agency never does."),
    Identity.ANONYMOUS: _(
        "Nobody knows who you are; we keep no name or contact, so we cannot e-mail you. Use your follow-up link."
    ),
}


STAMP_REFUSED = "stamp_refused"  # the form came too soon after its stamp, or its stamp expired


def form_stamp() -> str:
    """A signed time: the form cannot be sent sooner than a person could have filled it in."""
    return signing.dumps(time.time(), salt=FORM_STAMP_SALT)


class IdentityWidget(forms.RadioSelect):
    option_template_name = "feedback/_identity_option.html"

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["help"] = IDENTITY_HELP.get(option["value"], "")
        return option


class ComplaintForm(KeepsAcceptedFiles):
    category = forms.ModelChoiceField(
        label=_("What is it about?"),
        queryset=Category.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what your complaint is about.")},
    )
    title = forms.CharField(label=_("Summary in one line"), max_length=150)
    description = forms.CharField(
        label=_("What happened?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Up to 5,000 characters. Do not write other people's personal data."),
    )
    location = forms.CharField(label=_("Where?"), max_length=300, required=False)
    occurred_on = forms.DateField(label=_("When?"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    files = MultipleUploadField(
        extensions=ALLOWED_EXTENSIONS,
        label=_("Photos or a PDF (optional)"),
        required=False,
        help_text=_("JPG, PNG or PDF, up to 5 files."),
    )
    identity = forms.ChoiceField(
        label=_("Who may know it was you?"), choices=Identity.choices, widget=IdentityWidget, initial=Identity.NAMED
    )
    name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mail (optional)"), required=False, help_text=_("To receive your link and the answer.")
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=30, required=False)
    # A field people never see (hidden by CSS and from screen readers): bots fill every field.
    website = forms.CharField(label=_("Leave this empty"), required=False)
    stamp = forms.CharField(widget=forms.HiddenInput)
    max_files = MAX_FILES

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["category"].label_from_instance = lambda c: f"{c.name} — {c.agency}"

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(_("Give a phone number of digits, e.g. 0812 3456 7890."))
        return phone

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("Your complaint could not be accepted. Please try again."))
        try:
            started = signing.loads(data.get("stamp") or "", salt=FORM_STAMP_SALT, max_age=24 * 3600)
        except signing.BadSignature as expired:
            raise forms.ValidationError(
                _("The form has expired. Please check your complaint and send it again."), code=STAMP_REFUSED
            ) from expired
        if time.time() - float(started) < settings.KINERJA_COMPLAINT_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("That was very fast. Please check your complaint and send it again."), code=STAMP_REFUSED
            )
        if data.get("identity") == Identity.NAMED and not (data.get("name") or "").strip():
            self.add_error("name", _("Give your name, or choose confidential or anonymous."))
        return data


class CodeLookupForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20, help_text=_("For example ADU-2026-000123."))

    def clean_code(self):
        code = normalise_tracking_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(_("A tracking code looks like ADU-2026-000123."))
        return code


class SupplyInfoForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer to the desk"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Did the answer resolve your complaint?"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


DECISION_CHOICES = [
    (Decision.VERIFY, _("Verified: send to the agency")),
    (Decision.MORE_INFO, _("Ask the reporter for more information")),
    (Decision.NOT_AUTHORITY, _("Not the Pemda's authority")),
    (Decision.DUPLICATE, _("Duplicate of another complaint (merge)")),
    (Decision.SPAM, _("Spam or abuse")),
]


class VerifyForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISION_CHOICES, widget=forms.RadioSelect)
    category = forms.ModelChoiceField(
        label=_("Category (correct it if needed)"), queryset=Category.objects.none(), required=False
    )
    duplicate_of = forms.CharField(label=_("Tracking code of the original"), max_length=20, required=False)
    note = forms.CharField(
        label=_("Note to the reporter"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class HandOverForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    employee = forms.ModelChoiceField(label=_("Employee"), queryset=Employee.objects.none(), required=False)

    def __init__(self, *args, agency_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency_id=agency_id).order_by("name")
        self.fields["employee"].queryset = Employee.objects.filter(agency_id=agency_id, is_active=True).order_by("name")


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer to the reporter (published)"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    action_taken = forms.CharField(
        label=_("Action taken (shown on the public page)"),
        max_length=300,
        required=False,
        help_text=_("For example: a second KTP-el printer at the district office."),
    )


class LinkForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("IKU"), queryset=Indicator.objects.none(), required=False)
    topic = forms.ModelChoiceField(label=_("Good-practice topic"), queryset=Topic.objects.none(), required=False)

    def __init__(self, *args, agency_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(agency_id=agency_id, is_active=True)
        self.fields["topic"].queryset = Topic.objects.filter(agency_id=agency_id, is_hidden=False).order_by("-pk")


class OfficerForm(forms.Form):
    employee = forms.ModelChoiceField(label=_("Employee"), queryset=Employee.objects.none())

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = (
            Employee.objects.filter(agency__in=agencies, is_active=True).select_related("agency").order_by("name")
        )


class CategoryDeadlinesForm(forms.Form):
    """A category's working-day deadlines; the service checks the range (one place) and the form shows its errors."""

    verify_days = forms.IntegerField(
        label=_("Working days to verify"),
        min_value=1,
        help_text=_("The complaint desk's time to verify a new complaint."),
    )
    answer_days = forms.IntegerField(
        label=_("Working days to answer"),
        min_value=1,
        help_text=_("The agency's time to answer once the complaint is sent to it."),
    )
