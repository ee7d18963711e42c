"""Rules are master data edited here; an organisation predikat and a justification are written through the same
services as the distribution page (who set it and when, one row per agency and period)."""

from django.contrib import admin

from . import services
from .models import AgencyPredikat, DistributionOverride, DistributionRule, organisation_rank


@admin.register(DistributionRule)
class DistributionRuleAdmin(admin.ModelAdmin):
    list_display = ["year", "organisation_predikat", "predikats", "bound", "percent", "order"]
    list_filter = ["year", "organisation_predikat"]
    list_editable = ["predikats", "bound", "percent", "order"]

    def get_ordering(self, request):
        return ["-year", organisation_rank(), "order", "pk"]  # as the circular lists them: Istimewa first


@admin.register(AgencyPredikat)
class AgencyPredikatAdmin(admin.ModelAdmin):
    list_display = ["agency", "period", "predikat", "set_by", "set_at"]
    list_filter = ["period", "predikat"]
    search_fields = ["agency__name", "agency__short_name"]
    readonly_fields = ["set_by", "set_at"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "agency", "period"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        obj.pk = services.set_organisation_predikat(
            agency=obj.agency, period=obj.period, predikat=obj.predikat, note=obj.note, by=request.user
        ).pk


@admin.register(DistributionOverride)
class DistributionOverrideAdmin(admin.ModelAdmin):
    list_display = ["agency", "period", "created_by", "created_at"]
    list_filter = ["period"]
    search_fields = ["agency__name", "justification"]
    readonly_fields = ["created_by", "created_at", "findings"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "agency", "period"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        obj.pk = services.record_distribution_override(
            agency=obj.agency, period=obj.period, justification=obj.justification, findings=obj.findings,
            by=request.user,
        ).pk  # fmt: skip
