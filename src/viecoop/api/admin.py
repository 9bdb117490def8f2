from django.contrib import admin

from .models import ApiToken, ResidenceCode


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Read-only: tokens are created and revoked by the coop's managers (audited)."""

    list_display = ("prefix", "name", "coop", "scope", "created_at", "last_used_at", "revoked_at")
    list_filter = ("scope",)
    search_fields = ("prefix", "name", "coop__name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ResidenceCode)
class ResidenceCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "residence", "coop")
    search_fields = ("code", "residence__name")
