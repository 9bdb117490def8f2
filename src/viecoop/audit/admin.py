from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, the admin can only look."""

    list_display = ("created_at", "actor_display", "coop", "action", "object_repr")
    list_select_related = ("actor", "coop")
    list_filter = ("action",)
    search_fields = ("actor__email", "actor__last_name", "actor_label", "action", "object_repr")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
