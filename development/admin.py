"""Admin for capacity development. Every write goes through the same services as the pages (checks, audit,
notifications): a need is raised by `raise_need`, a training created and edited by `create_training` and
`update_training`, and cancelled (with its reason, participants told) by `cancel_training` when the reason field is
filled. Participation, attendance, results and external trainings are shown only: they are recorded on the site by
the organiser, the participant or the supervisor, whose role the administrator does not take. Nothing is deleted
here: a training is cancelled, not erased, so its record stays."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .models import AttendanceDay, DevelopmentNeed, ExternalTraining, Participation, Training
from .services.trainings import EDITABLE_FIELDS


class NoDeleteMixin:
    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyMixin(NoDeleteMixin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


NEED_FIELDS = (
    "employee",
    "unit",
    "competence",
    "gap",
    "source",
    "coaching",
    "rated_plan",
    "source_indicator",
    "source_reference",
    "indicator",
)


class ServiceErrorsForm(forms.ModelForm):
    """Runs the service in `clean`, inside the admin's transaction (its change view is atomic), so that the service's
    ValidationError lands on the form field by field instead of a server error; the saved object becomes the form's
    instance and `save_model` has nothing left to do. The inlines here are read-only, so nothing else can fail after
    the service has written."""

    def call_service(self):
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.instance = self.call_service()
        except ValidationError as error:
            self._add_service_error(error)
        except PermissionDenied:
            self.add_error(None, _("You may not do this."))
        return data

    def _add_service_error(self, error):
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)

    def _post_clean(self):
        pass  # the service validated the object; the model form must not re-validate an unsaved copy


class NeedAdminForm(ServiceErrorsForm):
    class Meta:
        model = DevelopmentNeed
        fields = NEED_FIELDS

    def call_service(self):
        data = {name: self.cleaned_data.get(name) for name in NEED_FIELDS}
        data["source_reference"] = data["source_reference"] or ""
        return services.raise_need(by=self.request.user, **data)


@admin.register(DevelopmentNeed)
class DevelopmentNeedAdmin(NoDeleteMixin, admin.ModelAdmin):
    form = NeedAdminForm
    list_display = ["competence", "employee", "unit", "agency", "source", "status", "raised_at"]
    list_filter = ["status", "source", "agency"]
    search_fields = ["competence", "gap", "employee__name", "employee__nip", "unit__name"]
    list_select_related = ["employee", "unit", "agency"]
    raw_id_fields = ["employee", "unit", "coaching", "rated_plan", "source_indicator", "indicator"]
    readonly_fields = ["agency", "status", "raised_by", "raised_at", "decided_by", "decided_at"]
    actions = ["agree", "decline"]

    def has_change_permission(self, request, obj=None):
        return obj is None  # a need is decided with the actions below; its facts stay as raised

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request
        return form

    def save_model(self, request, obj, form, change):
        pass  # the form's service saved it (`ServiceErrorsForm.clean`)

    @admin.action(description=_("Agree the selected needs"))
    def agree(self, request, queryset):
        self._decide(request, queryset, agree=True)

    @admin.action(description=_("Decline the selected needs"))
    def decline(self, request, queryset):
        self._decide(request, queryset, agree=False)

    def _decide(self, request, queryset, *, agree):
        decided = 0
        for need in queryset:
            try:
                services.decide_need(need=need, by=request.user, agree=agree)
                decided += 1
            except (ValidationError, PermissionDenied):
                continue  # already decided: a second click is harmless
        self.message_user(request, _("%(count)s needs decided.") % {"count": decided})


class TrainingAdminForm(ServiceErrorsForm):
    cancel_reason = forms.CharField(
        label=_("Cancel the training, for this reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Filled in, the training is cancelled and the people on the list are told."),
    )

    class Meta:
        model = Training
        fields = [*EDITABLE_FIELDS, "needs", "indicators"]

    def call_service(self):
        data = {name: self.cleaned_data[name] for name in EDITABLE_FIELDS if name in self.cleaned_data}
        needs, indicators = self.cleaned_data.get("needs", ()), self.cleaned_data.get("indicators", ())
        by, reason = self.request.user, self.cleaned_data.get("cancel_reason", "")
        if self.instance.pk is None:
            return services.create_training(by=by, needs=needs, indicators=indicators, **data)
        training = self.instance
        if not training.is_cancelled:
            changed = {name: value for name, value in data.items() if name in self.changed_data}
            if changed or {"needs", "indicators"} & set(self.changed_data):
                training = services.update_training(
                    training=training, by=by, needs=needs, indicators=indicators, request=self.request, **changed
                )
        if reason.strip():
            training = services.cancel_training(training=training, by=by, reason=reason, request=self.request)
        return training


class ParticipationInline(admin.TabularInline):
    model = Participation
    fields = ["employee", "status", "registered_at", "completed_at", "certificate_number", "rating"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Training)
class TrainingAdmin(NoDeleteMixin, admin.ModelAdmin):
    form = TrainingAdminForm
    list_display = ["name", "kind", "agency", "starts_on", "ends_on", "jp", "capacity", "status"]
    list_filter = ["status", "kind", "agency"]
    search_fields = ["name", "organiser"]
    list_select_related = ["agency"]
    date_hierarchy = "starts_on"
    raw_id_fields = ["needs"]
    filter_horizontal = ["indicators"]
    readonly_fields = [
        "status",
        "report",
        "reported_at",
        "created_by",
        "created_at",
        "cancelled_at",
        "cancelled_by",
        "cancellation_reason",
    ]
    inlines = [ParticipationInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request
        return form

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_cancelled:
            return [*self.readonly_fields, *EDITABLE_FIELDS, "needs", "indicators"]
        return self.readonly_fields

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return [name for name in fields if name != "cancel_reason"] if obj is None or obj.is_cancelled else fields

    def save_model(self, request, obj, form, change):
        pass  # the form's service saved it (`ServiceErrorsForm.clean`)

    def save_related(self, request, form, formsets, change):
        # The service set the needs and target IKU (no form.save_m2m); the read-only inline saves nothing.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class AttendanceInline(admin.TabularInline):
    model = AttendanceDay
    fields = ["day", "present"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Participation)
class ParticipationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["employee", "training", "status", "completed_at", "certificate_number", "rating"]
    list_filter = ["status", "training__kind"]
    search_fields = ["employee__name", "employee__nip", "training__name", "certificate_number"]
    list_select_related = ["employee", "training"]
    exclude = ["certificate"]  # private media: downloaded through the site's checked view, not a public URL
    inlines = [AttendanceInline]


@admin.register(ExternalTraining)
class ExternalTrainingAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "employee", "organiser", "starts_on", "jp", "status", "verified_by"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "employee__name", "employee__nip", "certificate_number"]
    list_select_related = ["employee", "verified_by"]
    exclude = ["certificate"]  # private media: downloaded through the site's checked view, not a public URL
