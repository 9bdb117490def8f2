from django.contrib import admin

from .models import CalendarFeed, Event, EventDocument, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    raw_id_fields = ("user", "registered_by", "cancelled_by", "attendance_marked_by")
    readonly_fields = ("seat", "status", "created_at", "waitlisted_at", "promoted_at")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "space", "coop", "audience", "starts_at", "status")
    list_filter = ("space", "kind", "status", "format")
    search_fields = ("title", "search_text")
    raw_id_fields = ("coop", "created_by")
    inlines = [RegistrationInline]


@admin.register(EventDocument)
class EventDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "event", "created_at")
    raw_id_fields = ("event", "uploaded_by")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at", "last_used_at")
    raw_id_fields = ("user",)
    readonly_fields = ("token_hash",)
