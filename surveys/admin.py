from django.contrib import admin

from .models import SurveyResponse


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    """Read-only: answers come from the public survey; the admin may look and delete spam, never edit a score."""

    list_display = ["service", "submitted_at", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"]
    list_select_related = ["service__agency"]
    list_filter = ["service__agency", "submitted_on"]
    search_fields = ["service__name", "comment"]
    date_hierarchy = "submitted_on"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
