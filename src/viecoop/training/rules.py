"""Who may do what in the training programme (django-rules).

The programme is the federation's: its team runs it. Participants are staff of member
coops; what they write (projects, lessons) is theirs until the federation publishes it.
"""

from __future__ import annotations

import rules

from viecoop.organizations.models import CoopRole
from viecoop.organizations.rules import (
    is_coop_staff,
    is_federation_team,
    is_staff_of_any_coop,
)
from viecoop.organizations.selectors import roles_for

from .models import Lesson, Participant, Project


@rules.predicate
def is_participant(user) -> bool:
    """In a cohort, now or before (cached on the user for the request)."""
    cached = getattr(user, "_viecoop_training_participant", None)
    if cached is None:
        cached = Participant.objects.filter(user=user).exists()
        user._viecoop_training_participant = cached
    return cached


@rules.predicate
def owns_project(user, project: Project | None) -> bool:
    return project is not None and project.user_id == user.pk


@rules.predicate
def works_for_project_coop(user, project: Project | None) -> bool:
    return project is not None and bool(
        roles_for(user).in_coop(project.coop_id) & CoopRole.STAFF_ROLES
    )


@rules.predicate
def in_project_programme(user, project: Project | None) -> bool:
    return (
        project is not None
        and Participant.objects.filter(
            user=user, session__programme_id=project.programme_id
        ).exists()
    )


@rules.predicate
def wrote_lesson(user, lesson: Lesson | None) -> bool:
    return lesson is not None and lesson.author_id == user.pk


@rules.predicate
def lesson_not_published(user, lesson: Lesson | None) -> bool:
    return lesson is not None and lesson.status != Lesson.Status.PUBLISHED


@rules.predicate
def lesson_published(user, lesson: Lesson | None) -> bool:
    return lesson is not None and lesson.status == Lesson.Status.PUBLISHED


can_view_network = is_staff_of_any_coop | is_federation_team

rules.add_perm("training.view_training", can_view_network)
rules.add_perm("training.manage_training", is_federation_team)
rules.add_perm("training.review_lessons", is_federation_team)
rules.add_perm("training.participate", is_participant)
# A project is seen by its participant, their coop's staff, the programme's other
# participants (they learn from each other) and the federation.
rules.add_perm(
    "training.view_project",
    is_federation_team | owns_project | works_for_project_coop | in_project_programme,
)
rules.add_perm("training.change_project", is_federation_team | owns_project)
rules.add_perm("training.write_lesson", is_participant)
rules.add_perm(
    "training.view_lesson",
    (can_view_network & lesson_published) | is_federation_team | wrote_lesson,
)
rules.add_perm("training.change_lesson", wrote_lesson & lesson_not_published)
rules.add_perm("training.view_coop_training", is_coop_staff)
