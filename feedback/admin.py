"""Admin for complaint categories (master data). Complaints themselves are read here only for support, without the
reporter's contact: they move through the desk's and agencies' pages, and officers are granted on the officers page,
both of which call the services."""

from django.contrib import admin

from . import models


@admin.register(models.Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "unit", "service", "verify_days", "answer_days", "is_active"]
    list_filter = ["is_active", "agency"]
    search_fields = ["name", "description", "agency__name"]
    list_select_related = ["agency", "unit", "service"]
    raw_id_fields = ["unit", "service"]

    def get_readonly_fields(self, request, obj=None):
        # An existing category's deadlines change on the desk's page (feedback:category_deadlines), through the
        # audited service; a new category gets its first ones here.
        return ["verify_days", "answer_days"] if obj is not None else []


@admin.register(models.Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "agency", "status", "submitted_at", "answered_at"]
    list_filter = ["status", "agency"]
    search_fields = ["code", "title"]
    list_select_related = ["agency"]
    # Personal data stays out of the admin: the audited contact page is the one way to it.
    fields = ["code", "category", "agency", "title", "status", "submitted_at", "answered_at", "closed_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
