from django.contrib import admin

from .models import (
    NewsComment,
    NewsPost,
    ProfileTheme,
    ReferentApplication,
    ReferentMandate,
    ReferentProfile,
)


class ProfileThemeInline(admin.TabularInline):
    model = ProfileTheme
    extra = 0


@admin.register(ReferentProfile)
class ReferentProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "job_title", "since", "updated_at")
    search_fields = ("user__email", "user__last_name", "job_title")
    raw_id_fields = ("user",)
    inlines = [ProfileThemeInline]


@admin.register(ReferentMandate)
class ReferentMandateAdmin(admin.ModelAdmin):
    list_display = ("user", "coop", "started_on", "ended_on", "end_reason")
    list_filter = ("end_reason", "coop")
    raw_id_fields = ("user", "coop", "application")


@admin.register(ReferentApplication)
class ReferentApplicationAdmin(admin.ModelAdmin):
    list_display = ("user", "coop", "status", "created_at", "decided_at")
    list_filter = ("status",)
    raw_id_fields = ("user", "coop", "decided_by")


class NewsCommentInline(admin.TabularInline):
    model = NewsComment
    extra = 0
    raw_id_fields = ("author", "hidden_by")


@admin.register(NewsPost)
class NewsPostAdmin(admin.ModelAdmin):
    list_display = ("title", "author", "status", "published_at")
    list_filter = ("status",)
    search_fields = ("title",)
    raw_id_fields = ("author", "coop", "published_by")
    inlines = [NewsCommentInline]
