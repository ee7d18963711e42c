from django.contrib import admin

from .models import NotificationPreference, Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """Reminders given, for answering "was I reminded?": read-only, as the services alone write them."""

    list_display = ["created_at", "kind", "recipient", "employee", "period", "due_on", "emailed", "sent_by"]
    list_filter = ["kind", "emailed", "period"]
    search_fields = ["recipient__username", "employee__name", "employee__nip"]
    list_select_related = ["recipient", "employee", "period", "sent_by"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email", "updated_at"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
