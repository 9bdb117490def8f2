from django.contrib import admin

from .models import Lesson, Milestone, Participant, Programme, Project, Session, SessionDay


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    raw_id_fields = ("event",)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("title", "starts_on", "ends_on", "status")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [SessionInline]


class SessionDayInline(admin.TabularInline):
    model = SessionDay
    extra = 0


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    raw_id_fields = ("user", "coop", "enrolled_by")


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("programme", "number", "title", "event")
    raw_id_fields = ("event",)
    inlines = [SessionDayInline, ParticipantInline]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "programme", "coop", "user", "status")
    list_filter = ("status", "programme")
    raw_id_fields = ("user", "coop")
    inlines = [MilestoneInline]


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ("title", "programme", "author", "status", "published_at")
    list_filter = ("status", "programme")
    raw_id_fields = ("author", "coop", "project", "reviewed_by")
