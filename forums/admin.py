"""Admin for forum master data (categories, series, tags) and a read-mostly view of the rest for support.

What the site changes through services (moderation, which is logged as ModerationAction and announced to live pages;
accepted answers; meeting state; action status; flags' resolution) is read-only here: use the site for those."""

from django.contrib import admin
from django.db import models as db_models

from . import models


@admin.register(models.Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(models.Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(models.MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(models.Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "agency", "post_count", "last_post_at", "is_locked", "is_hidden"]
    list_filter = ["category", "is_locked", "is_hidden", "agency"]
    search_fields = ["title"]
    list_select_related = ["category", "agency"]
    autocomplete_fields = ["tags"]
    raw_id_fields = ["author", "meeting", "accepted_post", "indicators"]
    readonly_fields = [
        "author",
        "category",
        "is_locked",
        "is_hidden",
        "accepted_post",
        "post_count",
        "last_post_at",
        "last_post_id_cache",
    ]


@admin.register(models.Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ["post", "user", "reason", "created_at", "resolved_at"]
    list_filter = ["resolved_at"]
    raw_id_fields = ["post", "user"]
    readonly_fields = ["resolved_at", "resolved_by"]


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "period", "series", "starts_at", "status"]
    list_filter = ["status", "series", "period"]
    search_fields = ["title"]
    raw_id_fields = ["organiser"]
    readonly_fields = ["status", "current_item"]
    filter_horizontal = ["agencies"]
    # A link typed without a scheme is an https address (Django 6's default; silences its deprecation warning).
    formfield_overrides = {db_models.URLField: {"assume_scheme": "https"}}


@admin.register(models.ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["text", "owner_agency", "meeting", "due_on", "status"]
    list_filter = ["status", "owner_agency"]
    search_fields = ["text"]
    raw_id_fields = ["meeting", "item", "created_by"]
    readonly_fields = ["status", "updated_at"]
