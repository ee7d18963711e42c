from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from audit import services as audit
from common.uploads import UploadField

from . import importing, indicator_sources, services
from .forms import KeepsReviewSettings
from .models import (
    Agency,
    CalendarDay,
    Coordinator,
    Employee,
    Indicator,
    IndicatorRealisation,
    IndicatorTarget,
    Period,
    PeriodStatus,
    PublicService,
    Unit,
)
from .nip import normalise_nip


class ImportForm(forms.Form):
    file = UploadField(label=_("File (.csv or .xlsx)"), extensions=importing.IMPORT_EXTENSIONS)
    dry_run = forms.BooleanField(label=_("Only check the file; write nothing"), required=False)


class ImportMixin:
    """Adds an “Import” page (linked from the changelist) that loads a CSV/XLSX file of this model's kind."""

    import_kind = ""
    change_list_template = "admin/agencies/change_list_import.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        return [path("import/", self.admin_site.admin_view(self.import_view), name=name), *super().get_urls()]

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        bound = request.method == "POST"
        form = ImportForm(request.POST, request.FILES) if bound else ImportForm()
        result = None
        if bound and form.is_valid():
            upload = form.cleaned_data["file"]
            result = importing.import_master_data(
                kind=self.import_kind, content=upload.read(), filename=upload.name, dry_run=form.cleaned_data["dry_run"]
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import %(things)s") % {"things": self.opts.verbose_name_plural},
            "form": form,
            "result": result,
            "columns": importing.IMPORT_COLUMNS[self.import_kind],
        }
        return TemplateResponse(request, "admin/agencies/import.html", context)


class UnitInline(admin.TabularInline):
    model = Unit
    fields = ["code", "name", "kind", "parent"]
    autocomplete_fields = ["parent"]
    extra = 0
    show_change_link = True


@admin.register(Agency)
class AgencyAdmin(ImportMixin, admin.ModelAdmin):
    import_kind = "agencies"
    list_display = ["code", "name", "short_name", "head", "time_zone"]
    list_select_related = ["head"]
    list_filter = ["time_zone"]
    search_fields = ["code", "name", "short_name"]
    autocomplete_fields = ["head"]
    inlines = [UnitInline]

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in AGENCY_FIELDS}
        if change:
            services.update_agency(agency=obj, **changes)
            return
        head = changes.pop("head", None)
        obj.pk = services.create_agency(**changes).pk
        if head is not None:
            services.set_agency_head(agency=Agency.objects.get(pk=obj.pk), head=head)

    def save_formset(self, request, form, formset, change):
        for unit in formset.save(commit=False):
            _save_unit(unit)
        for unit in formset.deleted_objects:
            unit.delete()


AGENCY_FIELDS = ("code", "name", "short_name", "time_zone", "head")
UNIT_FIELDS = ("code", "name", "kind", "parent")


def _save_unit(unit: Unit) -> None:
    """A unit typed in the admin, through the same services as the import."""
    values = {name: getattr(unit, name) for name in UNIT_FIELDS}
    if unit.pk:
        services.update_unit(unit=unit, **values)
    else:
        unit.pk = services.create_unit(agency=unit.agency, **values).pk


@admin.register(Unit)
class UnitAdmin(ImportMixin, admin.ModelAdmin):
    import_kind = "units"
    list_display = ["code", "name", "kind", "agency", "parent"]
    list_select_related = ["agency", "parent"]
    list_filter = ["agency", "kind"]
    search_fields = ["code", "name", "agency__code", "agency__name"]
    autocomplete_fields = ["agency", "parent"]

    def get_readonly_fields(self, request, obj=None):
        return ["agency"] if obj else []  # a unit does not move between agencies; create it in the other one

    def save_model(self, request, obj, form, change):
        _save_unit(obj)


class EmployeeForm(forms.ModelForm):
    # Longer than 18 so that a NIP typed with spaces or dots, as printed on documents, reaches clean_nip.
    nip = forms.CharField(label=_("NIP"), max_length=40, help_text=_("18-digit employee number"))

    class Meta:
        model = Employee
        fields = [
            "user",
            "nip",
            "employee_type",
            "is_active",
            "front_title",
            "name",
            "back_title",
            "position_title",
            "rank",
            "position_type",
            "agency",
            "unit",
            "supervisor",
        ]

    def clean_nip(self):
        return normalise_nip(self.cleaned_data["nip"])


@admin.register(Employee)
class EmployeeAdmin(ImportMixin, admin.ModelAdmin):
    import_kind = "employees"
    form = EmployeeForm
    list_display = [
        "nip",
        "full_name",
        "position_title",
        "position_type",
        "employee_type",
        "agency",
        "unit",
        "is_active",
    ]
    list_select_related = ["agency", "unit"]
    list_filter = ["is_active", "employee_type", "position_type", "agency", "unit"]
    search_fields = ["nip", "name", "user__username", "position_title"]
    autocomplete_fields = ["user", "agency", "unit", "supervisor"]

    def save_model(self, request, obj, form, change):
        """Changes go through the services as on the site; a new supervisor through `set_supervisor` (audited)."""
        if not change:
            return super().save_model(request, obj, form, change)
        if "user" in form.changed_data:  # which login is this person's: no service rule beyond the form's
            obj.save(update_fields=["user"])
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name not in ("user", "supervisor")}
        services.update_employee(employee=obj, by=request.user, **changes)
        if "supervisor" in form.changed_data:
            services.set_supervisor(
                employee=obj, supervisor=form.cleaned_data["supervisor"], by=request.user, request=request
            )

    fieldsets = [
        (None, {"fields": ["user", "nip", "employee_type", "is_active"]}),
        (_("Name"), {"fields": ["front_title", "name", "back_title"]}),
        (_("Position"), {"fields": ["position_title", "rank", "position_type", "agency", "unit", "supervisor"]}),
    ]


@admin.register(Coordinator)
class CoordinatorAdmin(admin.ModelAdmin):
    list_display = ["user", "all_agencies"]
    list_select_related = ["user"]
    list_filter = ["all_agencies", "agencies"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["agencies"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        scope = "all" if form.instance.all_agencies else sorted(form.instance.agencies.values_list("code", flat=True))
        audit.record_event(  # audit: coordinator role granted or changed
            kind=audit.AuditKind.ROLE_CHANGED,
            actor=request.user,
            request=request,
            target=form.instance.user,
            change="coordinator",
            scope=scope,
        )

    def delete_model(self, request, obj):
        audit.record_event(  # audit: coordinator role removed
            kind=audit.AuditKind.ROLE_CHANGED,
            actor=request.user,
            request=request,
            target=obj.user,
            change="coordinator removed",
        )
        super().delete_model(request, obj)


class PeriodAdminForm(KeepsReviewSettings, forms.ModelForm):
    class Meta:
        model = Period
        fields = sorted(services.PERIOD_FIELDS)

    def clean(self):
        data = super().clean()
        closing = data.get("status") == PeriodStatus.CLOSED and self.initial.get("status") != PeriodStatus.CLOSED
        if closing and self.instance.pk:
            try:  # the closing checks say why, on the form, before anything is saved
                services.check_period_may_close(self.instance)
            except ValidationError as error:
                self.add_error("status", error.message_dict["status"])
        return data


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    """Periods are written through the same services as the period pages (overlaps, closing checks)."""

    form = PeriodAdminForm
    list_display = ["name", "year", "kind", "starts_on", "ends_on", "plan_due", "evaluation_due", "status"]
    list_filter = ["kind", "status", "year"]
    search_fields = ["name"]
    date_hierarchy = "starts_on"

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in services.PERIOD_FIELDS if name in form.cleaned_data}
        if change:
            services.update_period(period=obj, **data)
        else:
            obj.pk = services.create_period(**data).pk


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    fields = ["year", "value", "upper_value"]
    extra = 0


class IndicatorRealisationInline(admin.TabularInline):
    """Shown, not edited here: a realisation is recorded through its own admin page or the IKU page, which go through
    the service (verification cleared, audited)."""

    model = IndicatorRealisation
    fields = ["period", "value", "evidence_note", "entered_by", "entered_at", "verified_by", "verified_at", "source"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class IndicatorAdminForm(forms.ModelForm):
    """The source is chosen from the registered ones (agencies.indicator_sources); its parameters are checked by the
    source and saved through services.set_indicator_source."""

    source = forms.ChoiceField(label=_("computed from"), required=False)

    class Meta:
        model = Indicator
        fields = [
            "agency",
            "code",
            "name",
            "definition",
            "unit_of_measure",
            "direction",
            "lower_is_better_formula",
            "data_source",
            "green_from",
            "amber_from",
            "is_active",
            "source",
            "source_params",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = indicator_sources.source_choices()

    def clean(self):
        cleaned = super().clean()
        source = cleaned.get("source") or ""
        try:
            cleaned["source_params"] = (
                indicator_sources.get_source(source).clean_params(cleaned.get("source_params")) if source else {}
            )
        except ValidationError as error:
            self.add_error("source_params", error)
        return cleaned


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    form = IndicatorAdminForm
    list_display = ["code", "name", "agency", "unit_of_measure", "direction", "is_active"]
    list_select_related = ["agency"]
    list_filter = ["agency", "direction", "lower_is_better_formula", "is_active"]
    search_fields = ["code", "name", "agency__code", "agency__name"]
    autocomplete_fields = ["agency"]
    inlines = [IndicatorTargetInline, IndicatorRealisationInline]

    def save_formset(self, request, form, formset, change):
        # Targets go through the service (one per year, range checks); realisations are read-only here.
        for instance in formset.save(commit=False):
            if isinstance(instance, IndicatorTarget):
                services.set_indicator_target(
                    indicator=form.instance, year=instance.year, value=instance.value, upper_value=instance.upper_value
                )
        for instance in formset.deleted_objects:
            instance.delete()


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "year", "value", "upper_value"]
    list_select_related = ["indicator__agency"]
    list_filter = ["year", "indicator__agency"]
    search_fields = ["indicator__code", "indicator__name"]
    autocomplete_fields = ["indicator"]

    def save_model(self, request, obj, form, change):
        saved = services.set_indicator_target(
            indicator=obj.indicator, year=obj.year, value=obj.value, upper_value=obj.upper_value
        )
        obj.pk = saved.pk


@admin.register(IndicatorRealisation)
class IndicatorRealisationAdmin(admin.ModelAdmin):
    list_display = ["indicator", "period", "value", "entered_by", "verified_by", "verified_at"]
    list_select_related = ["indicator__agency", "period", "entered_by", "verified_by"]
    list_filter = ["period__kind", "period", "indicator__agency", ("verified_at", admin.EmptyFieldListFilter)]
    search_fields = ["indicator__code", "indicator__name", "period__name"]
    autocomplete_fields = ["indicator", "period"]
    readonly_fields = [
        "entered_by",
        "entered_at",
        "verified_by",
        "verified_at",
        "source",
        "sample_size",
        "computed_at",
        "provenance",
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        if obj.is_computed:
            # A computed figure changes on the IKU page (with a reason, audited), not here.
            return [*self.readonly_fields, "indicator", "period", "value", "evidence_note"]
        # The indicator and period identify the figure: a change of either is a new realisation, not an edit.
        return [*self.readonly_fields, "indicator", "period"]

    def save_model(self, request, obj, form, change):
        """The same service as the IKU page: recording clears the verification and is audited."""
        saved = services.record_realisation(
            indicator=obj.indicator,
            period=obj.period,
            value=form.cleaned_data["value"],
            evidence_note=form.cleaned_data.get("evidence_note", ""),
            by=request.user,
            request=request,
        )
        obj.pk = saved.pk


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(PublicService)
class PublicServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "unit", "annual_users", "is_active"]
    list_filter = ["is_active", "agency"]
    list_select_related = ["agency", "unit"]
    search_fields = ["name", "slug", "agency__name", "agency__short_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["agency", "unit"]
