from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Employee, TeamRole
from common.uploads import UploadField

from .models import DataSchedule


class DateInput(forms.DateInput):
    input_type = "date"


class TeamForm(forms.Form):
    decree_number = forms.CharField(label=_("Decree number"), max_length=100)
    decree_date = forms.DateField(label=_("Decree date"), widget=DateInput)
    decree_file = UploadField(label=_("Decree file"), required=False)


class MemberForm(forms.Form):
    employee = forms.ModelChoiceField(
        label=_("Employee"),
        queryset=Employee.objects.filter(is_active=True).select_related("agency").order_by("name"),
        help_text=_("Members may come from other agencies, e.g. the planning agency."),
    )
    role = forms.ChoiceField(label=_("Role in the team"), choices=TeamRole.choices)
    starts_on = forms.DateField(label=_("Term starts"), widget=DateInput)
    ends_on = forms.DateField(label=_("Term ends"), widget=DateInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] < cleaned["starts_on"]:
            self.add_error("ends_on", _("The term must end after it starts."))
        return cleaned


class ScheduleForm(forms.ModelForm):
    class Meta:
        model = DataSchedule
        fields = ["frequency", "pic", "due_day", "value_kind", "min_value", "max_value"]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pic"].queryset = Employee.objects.filter(is_active=True, agency=agency).order_by("name")


class EntryForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=4)
    evidence = UploadField(label=_("Evidence file"), required=False)
    evidence_note = forms.CharField(
        label=_("Evidence note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where the figure comes from, if no file is attached."),
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the figure fails a plausibility check."),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 2}))


class OpenForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    agencies = forms.ModelMultipleChoiceField(label=_("Agencies"), queryset=Agency.objects.none())

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies.order_by("name")
