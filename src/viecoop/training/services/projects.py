"""Experimentation projects and their milestones, followed over months."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record

from ..models import Milestone, Participant, Programme, Project

PROJECT_FIELDS = ("title", "goal", "theme", "status", "started_on", "results")
MILESTONE_FIELDS = ("title", "due_on", "status", "done_on", "note")


def _check_can_change(actor, project: Project) -> None:
    if not actor.has_perm("training.change_project", project):
        raise PermissionError


@transaction.atomic
def project_create(*, actor, programme: Programme, user=None, **data: Any) -> Project:
    """A participant's project (the federation may write it for them), in the coop they
    follow the programme for."""
    user = user or actor
    if user != actor and not actor.has_perm("training.manage_training"):
        raise PermissionError
    participation = (
        Participant.objects.filter(user=user, session__programme=programme)
        .order_by("-status", "-enrolled_at")
        .select_related("coop")
        .first()
    )
    if participation is None:
        raise ValidationError(_("Only the programme's participants have a project in it."))
    project = Project(programme=programme, user=user, coop=participation.coop)
    for name in PROJECT_FIELDS:
        if name in data:
            setattr(project, name, data[name])
    project.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            project.save()
    except IntegrityError as error:
        raise ValidationError(_("You already have a project in this programme.")) from error
    audit_record(
        actor=actor,
        action="training.project_create",
        obj=project,
        details={"programme": programme.pk, "user_id": user.pk},
    )
    return project


@transaction.atomic
def project_update(*, actor, project: Project, **data: Any) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    _check_can_change(actor, project)
    changed = []
    for name in PROJECT_FIELDS:
        if name in data and getattr(project, name) != data[name]:
            setattr(project, name, data[name])
            changed.append(name)
    if (
        project.status in (Project.Status.RUNNING, Project.Status.FINISHED)
        and not project.started_on
    ):
        project.started_on = timezone.localdate()
        changed.append("started_on")
    if changed:
        project.full_clean(validate_constraints=False)
        project.save()
        audit_record(
            actor=actor, action="training.project_update", obj=project, details={"fields": changed}
        )
    return project


def _clean_milestone(milestone: Milestone) -> None:
    if milestone.status == Milestone.Status.DONE and milestone.done_on is None:
        milestone.done_on = timezone.localdate()
    if milestone.status != Milestone.Status.DONE:
        milestone.done_on = None
    milestone.full_clean()


@transaction.atomic
def milestone_add(
    *,
    actor,
    project: Project,
    title: str,
    due_on: datetime.date,
    status: str = Milestone.Status.PLANNED,
    done_on: datetime.date | None = None,
    note: str = "",
) -> Milestone:
    _check_can_change(actor, project)
    milestone = Milestone(
        project=project, title=title, due_on=due_on, status=status, done_on=done_on, note=note
    )
    _clean_milestone(milestone)
    milestone.save()
    audit_record(actor=actor, action="training.milestone_add", obj=milestone)
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())
    return milestone


@transaction.atomic
def milestone_update(*, actor, milestone: Milestone, **data: Any) -> Milestone:
    milestone = (
        Milestone.objects.select_for_update(of=("self",))
        .select_related("project")
        .get(pk=milestone.pk)
    )
    _check_can_change(actor, milestone.project)
    changed = [
        name for name in MILESTONE_FIELDS if name in data and getattr(milestone, name) != data[name]
    ]
    for name in changed:
        setattr(milestone, name, data[name])
    _clean_milestone(milestone)
    milestone.save()
    if changed:
        audit_record(
            actor=actor,
            action="training.milestone_update",
            obj=milestone,
            details={"fields": changed, "status": milestone.status},
        )
        Project.objects.filter(pk=milestone.project_id).update(updated_at=timezone.now())
    return milestone


@transaction.atomic
def milestone_delete(*, actor, milestone: Milestone) -> None:
    _check_can_change(actor, milestone.project)
    audit_record(actor=actor, action="training.milestone_delete", obj=milestone)
    milestone.delete()
