from django.contrib import admin

from .models import Campaign, CampaignResponse, Concern, IndicatorSnapshot, Project, Question


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "coop", "theme", "status", "start_date")
    list_filter = ("status", "theme")
    raw_id_fields = ("coop", "residence", "created_by")


@admin.register(Concern)
class ConcernAdmin(admin.ModelAdmin):
    list_display = ("title", "coop", "kind", "category", "urgency", "status")
    list_filter = ("kind", "category", "urgency", "status")
    raw_id_fields = ("coop", "created_by")


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "state", "deadline")
    inlines = [QuestionInline]


@admin.register(CampaignResponse)
class CampaignResponseAdmin(admin.ModelAdmin):
    list_display = ("campaign", "coop", "state", "submitted_at")
    list_filter = ("state",)
    raw_id_fields = ("campaign", "coop", "submitted_by")


@admin.register(IndicatorSnapshot)
class IndicatorSnapshotAdmin(admin.ModelAdmin):
    list_display = ("key", "coop", "period_kind", "period_end", "value")
    list_filter = ("key", "period_kind")
    raw_id_fields = ("coop",)
