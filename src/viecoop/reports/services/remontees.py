"""Projects, their photos, difficulties and needs of a coop."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.organizations.models import Coop

from ..categories import CATEGORIES_BY_KIND
from ..models import Concern, Project, ProjectPhoto
from ..photos import process_photo

PROJECT_FIELDS = (
    "title",
    "theme",
    "status",
    "start_date",
    "end_date",
    "description",
    "residence",
    "people_involved",
    "members_reached",
    "budget",
    "partners",
    "results",
    "lessons",
)
CONCERN_FIELDS = ("kind", "category", "theme", "title", "description", "urgency", "reported_on")
MAX_PHOTOS = 6


def _person(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _check_residence(coop: Coop, residence) -> None:
    if residence is not None and residence.coop_id != coop.pk:
        raise ValidationError({"residence": _("This residence belongs to another coop.")})


@transaction.atomic
def project_create(*, actor, coop: Coop, **data: Any) -> Project:
    project = Project(coop=coop, created_by=_person(actor))
    for name in PROJECT_FIELDS:
        if name in data:
            setattr(project, name, data[name])
    _check_residence(coop, project.residence)
    project.full_clean()
    project.save()
    audit_record(actor=actor, action="project.create", obj=project)
    return project


@transaction.atomic
def project_update(*, actor, project: Project, **data: Any) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    changed = [n for n in PROJECT_FIELDS if n in data and getattr(project, n) != data[n]]
    for name in changed:
        setattr(project, name, data[name])
    if not changed:
        return project
    _check_residence(project.coop, project.residence)
    project.full_clean()
    project.save()
    audit_record(actor=actor, action="project.update", obj=project, details={"fields": changed})
    return project


@transaction.atomic
def project_delete(*, actor, project: Project) -> None:
    audit_record(
        actor=actor, action="project.delete", obj=project, details={"title": project.title}
    )
    for photo in project.photos.all():
        photo.image.delete(save=False)
    project.delete()


@transaction.atomic
def photo_add(*, actor, project: Project, image, alt_text: str) -> ProjectPhoto:
    """Add a photo (re-encoded, without metadata); at most ``MAX_PHOTOS`` per project."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    count = project.photos.count()
    if count >= MAX_PHOTOS:
        raise ValidationError(
            _("A project has at most %(max)s photos: remove one first.") % {"max": MAX_PHOTOS}
        )
    if not alt_text.strip():
        raise ValidationError({"alt_text": _("Describe the photo for people who cannot see it.")})
    try:
        content = process_photo(image)
    except ValidationError as error:
        raise ValidationError({"image": error}) from error
    position = (project.photos.aggregate(m=Max("position"))["m"] or 0) + 1
    photo = ProjectPhoto(project=project, alt_text=alt_text.strip()[:250], position=position)
    photo.image.save("photo.jpg", content, save=False)
    photo.save()
    audit_record(actor=actor, action="project.photo_add", obj=project, coop=project.coop)
    return photo


@transaction.atomic
def photo_delete(*, actor, photo: ProjectPhoto) -> None:
    project = photo.project
    photo.image.delete(save=False)
    photo.delete()
    audit_record(actor=actor, action="project.photo_delete", obj=project, coop=project.coop)


def _check_category(concern: Concern) -> None:
    allowed = CATEGORIES_BY_KIND.get(concern.kind, ())
    if concern.category not in allowed:
        raise ValidationError({"category": _("Choose a category that fits this kind.")})


@transaction.atomic
def concern_create(*, actor, coop: Coop, **data: Any) -> Concern:
    concern = Concern(coop=coop, created_by=_person(actor), reported_on=timezone.localdate())
    for name in CONCERN_FIELDS:
        if name in data and data[name] is not None:
            setattr(concern, name, data[name])
    _check_category(concern)
    concern.full_clean()
    concern.save()
    audit_record(actor=actor, action="concern.create", obj=concern, details={"kind": concern.kind})
    return concern


@transaction.atomic
def concern_update(
    *, actor, concern: Concern, resolved: bool | None = None, **data: Any
) -> Concern:
    """Change a difficulty or need; ``resolved=True`` closes it (today), False reopens it."""
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    changed = [n for n in CONCERN_FIELDS if n in data and getattr(concern, n) != data[n]]
    for name in changed:
        setattr(concern, name, data[name])
    if resolved is True and concern.status != Concern.Status.RESOLVED:
        concern.status = Concern.Status.RESOLVED
        concern.resolved_on = timezone.localdate()
        changed.append("status")
    elif resolved is False and concern.status == Concern.Status.RESOLVED:
        concern.status = Concern.Status.OPEN
        concern.resolved_on = None
        changed.append("status")
    if not changed:
        return concern
    _check_category(concern)
    concern.full_clean()
    concern.save()
    audit_record(actor=actor, action="concern.update", obj=concern, details={"fields": changed})
    return concern
