from django.contrib import admin

from .models import (
    Deliverable,
    Discussion,
    DocumentVersion,
    GroupDocument,
    Membership,
    Message,
    WorkingGroup,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user", "decided_by")


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "coop", "policy", "status", "created_at")
    list_filter = ("policy", "status")
    search_fields = ("name", "search_text")
    raw_id_fields = ("coop", "created_by")
    inlines = [MembershipInline]


@admin.register(Discussion)
class DiscussionAdmin(admin.ModelAdmin):
    list_display = ("title", "group", "last_message_at", "is_closed")
    raw_id_fields = ("group", "created_by")


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("discussion", "author", "created_at", "removed_at")
    raw_id_fields = ("discussion", "author", "reply_to", "removed_by")


class VersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    raw_id_fields = ("uploaded_by",)


@admin.register(GroupDocument)
class GroupDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "group", "updated_at")
    raw_id_fields = ("group", "created_by", "latest_version")
    inlines = [VersionInline]


@admin.register(Deliverable)
class DeliverableAdmin(admin.ModelAdmin):
    list_display = ("title", "group", "status", "target")
    raw_id_fields = ("group", "created_by", "proposed_by")
