from django.contrib import admin

from .models import AgencyPredikat, DistributionOverride, DistributionRule


@admin.register(DistributionRule)
class DistributionRuleAdmin(admin.ModelAdmin):
    list_display = ["year", "organisation_predikat", "predikats", "bound", "percent", "order"]
    list_filter = ["year", "organisation_predikat"]
    list_editable = ["predikats", "bound", "percent", "order"]


@admin.register(AgencyPredikat)
class AgencyPredikatAdmin(admin.ModelAdmin):
    list_display = ["agency", "period", "predikat", "set_by", "set_at"]
    list_filter = ["period", "predikat"]
    search_fields = ["agency__name", "agency__short_name"]
    readonly_fields = ["set_by", "set_at"]


@admin.register(DistributionOverride)
class DistributionOverrideAdmin(admin.ModelAdmin):
    list_display = ["agency", "period", "created_by", "created_at"]
    list_filter = ["period"]
    search_fields = ["agency__name", "justification"]
    readonly_fields = ["created_by", "created_at", "findings"]
