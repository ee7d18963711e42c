"""API tokens in the admin: an administrator creates a service account or revokes a token here, through the same
services as `manage.py api_token`; the secret is shown once, in the confirmation message."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from common.forms import ModelIdsField

from . import services
from .models import ApiToken
from .scopes import Scope


class ServiceAccountForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(label=_("scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple)
    agencies = ModelIdsField(label=_("agencies"), queryset=Agency.objects.all())

    class Meta:
        model = ApiToken
        fields = ["name"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "is_service", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["is_service"]
    search_fields = ["name", "prefix"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted: the audit log names tokens

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = ServiceAccountForm
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        token, raw = services.create_service_account(
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            agencies=form.cleaned_data["agencies"],
            by=request.user,
        )
        form.instance = token
        self.message_user(
            request, _("Copy the token now; it is not shown again: %(token)s") % {"token": raw}, messages.WARNING
        )

    def save_related(self, request, form, formsets, change):
        pass  # the service set the agencies

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            services.revoke_token(token=token, by=request.user)
        self.message_user(request, _("Revoked."))
