"""The audit log in the admin: read-only, searchable, for staff."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import AuditEvent, AuditKind
from .services import record_event


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "kind", "username", "ip_address", "target"]
    list_filter = ["kind", "at"]
    search_fields = ["username", "target", "ip_address"]
    date_hierarchy = "at"
    readonly_fields = ["at", "kind", "actor", "username", "ip_address", "target", "detail"]
    list_select_related = ["actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Staff and superuser flags are roles too: the user admin records their changes.
User = get_user_model()
ROLE_FLAGS = ("is_staff", "is_superuser", "is_active")

if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(UserAdmin):
    def save_model(self, request, obj, form, change):
        before = dict(User.objects.filter(pk=obj.pk).values(*ROLE_FLAGS).first() or {}) if change else {}
        super().save_model(request, obj, form, change)
        changed = {flag: getattr(obj, flag) for flag in ROLE_FLAGS if before.get(flag) != getattr(obj, flag)}
        if changed and (change or obj.is_staff or obj.is_superuser):
            record_event(
                kind=AuditKind.ROLE_CHANGED, actor=request.user, request=request, target=obj, change="flags", **changed
            )
