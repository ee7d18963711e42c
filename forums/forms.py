"""Forms for forums and meetings: input parsing only; rules live in services and permissions."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.forms import EvidenceFileInput

from . import selectors
from .models import ActionStatus, Category, Meeting, ReactionKind
from .services import normalise_tags, validate_upload


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", EvidenceFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in files]
        errors = []
        for upload in cleaned:
            try:
                validate_upload(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


def _attachment_help():
    return _("Optional. Up to %(mb)s MB each: %(types)s.") % {
        "mb": settings.KINERJA_EVIDENCE_MAX_BYTES // (1024 * 1024),
        "types": ", ".join(settings.KINERJA_EVIDENCE_EXTENSIONS),
    }


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        help_text=_("Markdown: **bold**, *italic*, lists, [links](https://…). Write @username to notify someone."),
    )
    files = MultipleFileField(label=_("Attachments"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _attachment_help()


class EditPostForm(PostForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Text")


class TopicForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all())
    agency = forms.ModelChoiceField(label=_("Shared by agency"), queryset=None)
    indicators = forms.ModelMultipleChoiceField(
        label=_("IKU it improves"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=300, help_text=_("Separate with commas, e.g. ktp-el, antrian")
    )
    meeting = forms.ModelChoiceField(label=_("Presented at meeting"), queryset=None, required=False)
    body = forms.CharField(
        label=_("What did you do, and what changed?"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        help_text=_("Markdown: **bold**, *italic*, lists, [links](https://…). Write @username to notify someone."),
    )
    files = MultipleFileField(label=_("Attachments"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = selectors.sharing_agency_choices(user=user)
        self.fields["agency"].queryset = agencies
        if agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()
        self.fields["indicators"].queryset = selectors.indicator_choices()
        self.fields["indicators"].label_from_instance = lambda i: f"{i.agency} · {i.code} {i.name}"
        self.fields["meeting"].queryset = selectors.list_meetings(user=user)
        self.fields["files"].help_text = _attachment_help()

    def clean_tags(self):
        return normalise_tags(self.cleaned_data["tags"])


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=ReactionKind.choices)


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
    agencies = forms.ModelMultipleChoiceField(
        label=_("Invited agencies"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
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
