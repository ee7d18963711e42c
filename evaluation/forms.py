from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.forms import DateInput  # ISO values, which a date field needs whatever the language
from agencies.models import Agency, Employee, TeamRole
from common.forms import ModelIdsField
from common.held_uploads import KeepsAcceptedFiles
from common.uploads import UploadField

from .models import ActionStatus, DataSchedule, ObstacleCategory


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


class EntryForm(KeepsAcceptedFiles):
    kept_field = "evidence"
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

    def __init__(self, *args, entry, **kwargs):
        super().__init__(*args, **kwargs)
        # The figure is typed bare: say in what (days, %, index), so "3 hari" is not typed as 72 hours.
        unit = entry.schedule.indicator.unit_of_measure
        self.fields["value"].help_text = _("In %(unit)s.") % {"unit": unit} if unit else ""


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 2}))


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with the published figure"), widget=forms.Textarea(attrs={"rows": 2})
    )


class OpenForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    agencies = ModelIdsField(label=_("Agencies"), queryset=Agency.objects.none())

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies.order_by("name")


class ReviewForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput)
    covers_from = forms.DateField(label=_("Covers from"), widget=DateInput)
    covers_to = forms.DateField(label=_("Covers to"), widget=DateInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("covers_from") and cleaned.get("covers_to") and cleaned["covers_to"] < cleaned["covers_from"]:
            self.add_error("covers_to", _("The covered months must end after they start."))
        return cleaned


class ObstacleForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=ObstacleCategory.choices)
    description = forms.CharField(label=_("Obstacle"), widget=forms.Textarea(attrs={"rows": 2}))
    root_cause = forms.CharField(label=_("Root cause"), widget=forms.Textarea(attrs={"rows": 2}))


class ActionForm(forms.Form):
    """The owner list is the agency's employees, fetched once for the whole review page (see views/reviews.py)."""

    owner = forms.TypedChoiceField(label=pgettext_lazy("person responsible for an action", "Owner"), coerce=int)
    text = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    due_on = forms.DateField(label=_("Due date"), widget=DateInput)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [(employee.pk, employee.full_name) for employee in owners]
        self.owners = {employee.pk: employee for employee in owners}


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    progress = forms.CharField(label=_("Progress"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=300)


class ConsultationForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the targets"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=_("Open from"), widget=DateInput)
    closes_on = forms.DateField(label=_("Open until"), widget=DateInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("opens_on") and cleaned.get("closes_on") and cleaned["closes_on"] < cleaned["opens_on"]:
            self.add_error("closes_on", _("The window must close after it opens."))
        return cleaned


class CommentForm(forms.Form):
    indicator = forms.TypedChoiceField(label=_("IKU"), coerce=int)
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    proposed_value = forms.DecimalField(label=_("Proposed target"), max_digits=14, decimal_places=4, required=False)

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = {indicator.pk: indicator for indicator in indicators}
        self.fields["indicator"].choices = [(indicator.pk, str(indicator)) for indicator in indicators]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}))
