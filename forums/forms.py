"""Forms for forums and meetings: input parsing only; rules live in services and permissions."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from common.forms import EvidenceFileInput, ModelIdsField
from common.held_uploads import KeepsAcceptedFiles
from common.params import parse_id
from common.uploads import MultipleUploadField

from . import selectors
from .models import ActionStatus, Category, Meeting, ReactionKind
from .services import normalise_tags


class PostForm(KeepsAcceptedFiles):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 5, "data-mention-url": reverse_lazy("forums:mention_suggestions")}),
        max_length=20000,
        help_text=_("Markdown: **bold**, *italic*, lists, [links](https://…). Write @ and a name to notify someone."),
    )
    files = MultipleUploadField(label=_("Attachments"), required=False, widget=EvidenceFileInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)


class EditPostForm(PostForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Text")


class TopicForm(KeepsAcceptedFiles):
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all())
    agency = forms.ModelChoiceField(label=_("Shared by agency"), queryset=None)
    indicators = ModelIdsField(
        label=_("IKU it improves"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "iku-picker"}),
        help_text=_("The IKU of the agency that shares the practice; tick one or more."),
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=300, help_text=_("Separate with commas, e.g. ktp-el, antrian")
    )
    meeting = forms.ModelChoiceField(label=_("Presented at meeting"), queryset=None, required=False)
    body = forms.CharField(
        label=_("What did you do, and what changed?"),
        widget=forms.Textarea(attrs={"rows": 10, "data-mention-url": reverse_lazy("forums:mention_suggestions")}),
        max_length=20000,
        help_text=_("Markdown: **bold**, *italic*, lists, [links](https://…). Write @ and a name to notify someone."),
    )
    files = MultipleUploadField(label=_("Attachments"), required=False, widget=EvidenceFileInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = selectors.sharing_agency_choices(user=user)
        self.fields["agency"].queryset = agencies
        if agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()
        # board: only the chosen agency's IKU (chosen on the form, or the only agency the author may share for)
        chosen = self.data.get("agency") if self.is_bound else self.initial.get("agency", self.fields["agency"].initial)
        chosen = parse_id(getattr(chosen, "pk", chosen))
        indicators = selectors.indicator_choices()
        if chosen and agencies.filter(pk=chosen).exists():
            indicators = indicators.filter(agency_id=chosen)
            self.fields["indicators"].label_from_instance = lambda i: f"{i.code} {i.name}"
        else:
            self.fields["indicators"].label_from_instance = lambda i: f"{i.agency} · {i.code} {i.name}"
        self.fields["indicators"].queryset = indicators
        self.fields["agency"].widget.attrs.update(
            {
                "hx-get": "",
                "hx-trigger": "change",
                "hx-select": "#iku-picker",
                "hx-target": "#iku-picker",
                "hx-swap": "outerHTML",
            }
        )
        self.fields["meeting"].queryset = selectors.list_meetings(user=user)

    def clean(self):
        data = super().clean()
        agency, indicators = data.get("agency"), data.get("indicators")
        if agency and indicators and any(indicator.agency_id != agency.pk for indicator in indicators):
            self.add_error("indicators", _("Choose IKU of the agency that shares the practice."))
        return data

    def clean_tags(self):
        return normalise_tags(self.cleaned_data["tags"])


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=ReactionKind.choices)


class ReadUpToForm(forms.Form):
    """The last post a live page showed its reader (static/js/live.js)."""

    post = forms.IntegerField(min_value=1)


class FlagForm(forms.Form):
    reason = forms.CharField(label=_("Why should a moderator look at this?"), max_length=300)


class ModerationNoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class MoveTopicForm(ModerationNoteForm):
    category = forms.ModelChoiceField(label=_("Move to category"), queryset=Category.objects.all())


class AdoptionForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Adopting agency"), queryset=None)
    responsible = forms.ModelChoiceField(label=_("Responsible"), queryset=None)
    follow_up_on = forms.DateField(label=_("Follow-up date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("How you adopt it"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, user, topic, agency_id=None, **kwargs):
        """`agency_id`: the agency already chosen (the page asks again with it when the agency select changes).
        The responsible person is picked among that agency's staff only: a coordinator may act for every agency,
        and one list of everyone would hold thousands of names."""
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = selectors.adoption_agency_choices(user=user, topic=topic)
        agencies = list(self.fields["agency"].queryset)
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0].pk
        chosen = self._chosen_agency(agencies, agency_id)
        if chosen is not None:
            self.fields["agency"].initial = chosen.pk
            self.fields["responsible"].queryset = selectors.responsible_choices(agency_ids=[chosen.pk])
        else:
            self.fields["responsible"].queryset = selectors.responsible_choices(agency_ids=[])
            self.fields["responsible"].help_text = _("Choose the adopting agency first: its staff are then listed.")
        self.fields["responsible"].label_from_instance = lambda e: e.full_name

    def _chosen_agency(self, agencies, agency_id):
        raw = self.data.get(self.add_prefix("agency")) if self.is_bound else agency_id
        if raw in (None, "") and len(agencies) == 1:
            return agencies[0]
        return next((agency for agency in agencies if str(agency.pk) == str(raw)), None)

    def clean(self):
        cleaned = super().clean()
        agency, responsible = cleaned.get("agency"), cleaned.get("responsible")
        if agency and responsible and responsible.agency_id != agency.pk:
            self.add_error("responsible", _("The responsible person must work at the adopting agency."))
        return cleaned


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search practices and posts"), max_length=200, required=False)


class MeetingForm(forms.ModelForm):
    agencies = ModelIdsField(label=_("Invited agencies"), queryset=None, widget=forms.CheckboxSelectMultiple)
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )

    link = forms.URLField(label=_("Online meeting link"), required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = ["title", "period", "series", "starts_at", "place", "link", "agencies"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = selectors.invitable_agencies(user=user)
        self.fields["series"].help_text = _("Open action items of earlier meetings in the series are reviewed.")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("place") and not cleaned.get("link"):
            self.add_error("place", _("Give a place, an online meeting link, or both."))
        return cleaned


class CurrentItemForm(forms.Form):
    item = forms.IntegerField(required=False)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    is_decision = forms.BooleanField(label=_("This is a decision"), required=False)


class ActionItemForm(forms.Form):
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    owner_agency = forms.ModelChoiceField(label=_("Owner agency"), queryset=None)
    due_on = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = meeting.agencies.all()


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
