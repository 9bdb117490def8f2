"""Lessons learned: written by participants, reviewed and published by the federation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.network.services.referents import _mail_each, federation_admins

from ..models import Lesson, Participant, Programme, Project

LESSON_FIELDS = ("title", "body", "theme")


def _lock(lesson: Lesson) -> Lesson:
    return Lesson.objects.select_for_update(of=("self",)).select_related("author").get(pk=lesson.pk)


@transaction.atomic
def lesson_create(
    *, author, programme: Programme, project: Project | None = None, **data: Any
) -> Lesson:
    """A draft, by a participant of the programme (about their project, if they have one)."""
    participation = (
        Participant.objects.filter(user=author, session__programme=programme)
        .select_related("coop")
        .first()
    )
    if participation is None:
        raise ValidationError(_("Only the programme's participants write its lessons learned."))
    if project is not None and (
        project.user_id != author.pk or project.programme_id != programme.pk
    ):
        raise ValidationError({"project": _("Choose one of your projects in this programme.")})
    lesson = Lesson(programme=programme, project=project, author=author, coop=participation.coop)
    for name in LESSON_FIELDS:
        if name in data:
            setattr(lesson, name, data[name])
    lesson.full_clean()
    lesson.save()
    audit_record(actor=author, action="training.lesson_create", obj=lesson)
    return lesson


@transaction.atomic
def lesson_update(*, actor, lesson: Lesson, **data: Any) -> Lesson:
    lesson = _lock(lesson)
    if not (
        actor.has_perm("training.change_lesson", lesson)
        or actor.has_perm("training.review_lessons")
    ):
        raise PermissionError
    for name in LESSON_FIELDS:
        if name in data:
            setattr(lesson, name, data[name])
    lesson.full_clean()
    lesson.save()
    audit_record(actor=actor, action="training.lesson_update", obj=lesson)
    return lesson


@transaction.atomic
def lesson_submit(*, actor, lesson: Lesson) -> Lesson:
    """The author asks the federation to publish it (again, after changes)."""
    lesson = _lock(lesson)
    if lesson.author_id != actor.pk:
        raise PermissionError
    if lesson.status not in (Lesson.Status.DRAFT, Lesson.Status.CHANGES_REQUESTED):
        raise ValidationError(_("This lesson learned is already with the federation."))
    lesson.status = Lesson.Status.SUBMITTED
    lesson.submitted_at = timezone.now()
    lesson.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(actor=actor, action="training.lesson_submit", obj=lesson)
    _mail_each(
        federation_admins(), template="training_lesson_submitted", context={"lesson": lesson}
    )
    return lesson


@transaction.atomic
def lesson_publish(*, actor, lesson: Lesson) -> Lesson:
    lesson = _lock(lesson)
    if lesson.status == Lesson.Status.PUBLISHED:
        return lesson
    lesson.status = Lesson.Status.PUBLISHED
    lesson.published_at = timezone.now()
    lesson.reviewed_by = actor
    lesson.review_note = ""
    lesson.save(
        update_fields=["status", "published_at", "reviewed_by", "review_note", "updated_at"]
    )
    audit_record(actor=actor, action="training.lesson_publish", obj=lesson)
    if lesson.author and lesson.author != actor and lesson.author.is_active:
        _mail_each(
            [lesson.author], template="training_lesson_published", context={"lesson": lesson}
        )
    return lesson


@transaction.atomic
def lesson_request_changes(*, actor, lesson: Lesson, note: str) -> Lesson:
    if not note.strip():
        raise ValidationError({"review_note": _("Tell the author what to change.")})
    lesson = _lock(lesson)
    if lesson.status != Lesson.Status.SUBMITTED:
        raise ValidationError(_("Only a lesson learned waiting for review can be sent back."))
    lesson.status = Lesson.Status.CHANGES_REQUESTED
    lesson.review_note = note.strip()
    lesson.reviewed_by = actor
    lesson.save(update_fields=["status", "review_note", "reviewed_by", "updated_at"])
    audit_record(actor=actor, action="training.lesson_request_changes", obj=lesson)
    if lesson.author and lesson.author.is_active:
        _mail_each(
            [lesson.author],
            template="training_lesson_changes",
            context={"lesson": lesson},
            reply_to=[actor.email],
        )
    return lesson


@transaction.atomic
def lesson_delete(*, actor, lesson: Lesson) -> None:
    lesson = _lock(lesson)
    if not (
        actor.has_perm("training.change_lesson", lesson)
        or actor.has_perm("training.review_lessons")
    ):
        raise PermissionError
    audit_record(
        actor=actor, action="training.lesson_delete", obj=lesson, details={"title": lesson.title}
    )
    lesson.delete()
