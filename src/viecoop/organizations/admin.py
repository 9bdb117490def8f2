from django.contrib import admin

from .models import Coop, CoopRole, Federation, FederationRole, Residence


@admin.register(Federation)
class FederationAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "slug")


class ResidenceInline(admin.TabularInline):
    model = Residence
    extra = 0


@admin.register(Coop)
class CoopAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "legal_form", "region", "department", "is_active")
    list_filter = ("legal_form", "region", "is_active")
    search_fields = ("name", "slug", "siren", "city")
    inlines = [ResidenceInline]


@admin.register(CoopRole)
class CoopRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "coop", "role", "job_title", "created_at")
    list_filter = ("role", "coop")
    search_fields = ("user__email", "user__last_name", "coop__name")
    autocomplete_fields = ("user", "coop")
    raw_id_fields = ("granted_by",)


@admin.register(FederationRole)
class FederationRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "job_title", "created_at")
    autocomplete_fields = ("user",)
