"""Reads of the training programme, each with a constant number of queries."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from viecoop.organizations.models import Coop

from .models import Lesson, Milestone, Participant, Programme, Project, Session

ENROLLED = Participant.Status.ENROLLED


def _count(model, field: str, **filters):
    return Coalesce(
        Subquery(
            model.objects.filter(**{field: OuterRef("pk")}, **filters)
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def programmes(*, include_drafts: bool) -> QuerySet[Programme]:
    qs = Programme.objects.annotate(
        sessions_count=_count(Session, "programme"),
        projects_count=_count(Project, "programme"),
        lessons_count=_count(Lesson, "programme", status=Lesson.Status.PUBLISHED),
    )
    if not include_drafts:
        qs = qs.exclude(status=Programme.Status.DRAFT)
    return qs.order_by("-starts_on", "title")


def programme_sessions(*, programme: Programme) -> list[Session]:
    """Sessions with their event, days and cohort size (three queries)."""
    return list(
        Session.objects.filter(programme=programme)
        .select_related("event")
        .prefetch_related("days")
        .annotate(cohort_size=_count(Participant, "session", status=ENROLLED))
        .order_by("number")
    )


def session_cohort(*, session: Session) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(session=session)
        .select_related("user", "coop", "user__referent_profile")
        .order_by("status", "user__last_name", "user__first_name")
    )


def _project_progress(qs: QuerySet[Project]) -> QuerySet[Project]:
    return qs.annotate(
        milestones_count=_count(Milestone, "project"),
        milestones_done=_count(Milestone, "project", status=Milestone.Status.DONE),
    )


def programme_projects(*, programme: Programme) -> QuerySet[Project]:
    return _project_progress(
        Project.objects.filter(programme=programme).select_related("user", "coop")
    ).order_by("coop__name", "title")


def project_detail(*, pk: int) -> Project:
    return (
        Project.objects.select_related("programme", "user", "coop")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk")),
            Prefetch(
                "lessons",
                queryset=Lesson.objects.filter(status=Lesson.Status.PUBLISHED)
                .select_related("author", "coop")
                .order_by("-published_at"),
                to_attr="published_lessons",
            ),
        )
        .get(pk=pk)
    )


def my_participations(*, user) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(user=user)
        .select_related("session", "session__programme", "session__event", "coop")
        .order_by("-session__programme__starts_on", "session__number")
    )


def my_projects(*, user) -> QuerySet[Project]:
    return _project_progress(
        Project.objects.filter(user=user).select_related("programme", "coop")
    ).order_by("-programme__starts_on")


def published_lessons(*, programme: Programme | None = None, theme: str = "") -> QuerySet[Lesson]:
    qs = Lesson.objects.filter(status=Lesson.Status.PUBLISHED).select_related(
        "author", "coop", "programme", "project"
    )
    if programme is not None:
        qs = qs.filter(programme=programme)
    if theme:
        qs = qs.filter(theme=theme)
    return qs.order_by("-published_at", "-pk")


def my_lessons(*, user) -> QuerySet[Lesson]:
    return (
        Lesson.objects.filter(author=user)
        .exclude(status=Lesson.Status.PUBLISHED)
        .select_related("programme")
        .order_by("-updated_at")
    )


def lessons_to_review() -> QuerySet[Lesson]:
    return (
        Lesson.objects.filter(status=Lesson.Status.SUBMITTED)
        .select_related("author", "coop", "programme")
        .order_by("submitted_at", "pk")
    )


def coop_training(*, coop: Coop) -> dict:
    """The coop's people in the programme and their projects (for the coop's staff)."""
    participants = (
        Participant.objects.filter(coop=coop)
        .select_related("user", "session", "session__programme", "session__event")
        .order_by("-session__programme__starts_on", "session__number", "user__last_name")
    )
    projects = _project_progress(
        Project.objects.filter(coop=coop).select_related("programme", "user")
    ).order_by("-programme__starts_on", "title")
    lessons = published_lessons().filter(coop=coop)
    return {"participants": participants, "projects": projects, "lessons": lessons}


def export_training(user) -> dict:
    """A person's part in the programme, for their personal data export (RGPD)."""
    return {
        "cohorts": [
            {
                "programme": p.session.programme.title,
                "session": p.session.number,
                "coop": p.coop.name,
                "status": p.status,
                "enrolled_at": p.enrolled_at,
            }
            for p in my_participations(user=user)
        ],
        "projects": [
            {
                "programme": project.programme.title,
                "title": project.title,
                "goal": project.goal,
                "status": project.status,
                "results": project.results,
                "milestones": [
                    {"title": m.title, "due_on": m.due_on, "status": m.status, "note": m.note}
                    for m in project.milestones.all()
                ],
            }
            for project in Project.objects.filter(user=user)
            .select_related("programme")
            .prefetch_related("milestones")
        ],
        "lessons": [
            {
                "title": lesson.title,
                "body": lesson.body,
                "status": lesson.status,
                "published_at": lesson.published_at,
            }
            for lesson in Lesson.objects.filter(author=user)
        ],
    }


def network_lessons_section(request) -> dict | None:
    """The network home's section: the latest lessons learned (network.extensions)."""
    if not request.user.has_perm("training.view_training"):
        return None
    return {
        "order": 20,
        "template": "training/_home_section.html",
        "context": {"lessons": list(published_lessons()[:3])},
    }
