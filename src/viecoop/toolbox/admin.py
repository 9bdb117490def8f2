from django.contrib import admin

from .models import Feedback, Relay, Resource, ResourceTheme, ResourceVersion


class ThemeInline(admin.TabularInline):
    model = ResourceTheme
    extra = 0


class VersionInline(admin.TabularInline):
    model = ResourceVersion
    fk_name = "resource"
    extra = 0
    readonly_fields = ("number", "file", "url", "filename", "content_type", "size", "created_at")
    can_delete = False


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ("title", "state", "format", "origin", "changed_at")
    list_filter = ("state", "format", "origin", "language")
    search_fields = ("title",)
    inlines = [ThemeInline, VersionInline]
    raw_id_fields = (
        "proposed_by",
        "proposed_by_coop",
        "reviewed_by",
        "created_by",
        "current_version",
    )


@admin.register(Relay)
class RelayAdmin(admin.ModelAdmin):
    list_display = ("resource", "coop", "sender", "created_at")
    raw_id_fields = ("resource", "coop", "sender")


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("resource", "coop", "useful", "updated_at")
    raw_id_fields = ("resource", "coop", "user")
