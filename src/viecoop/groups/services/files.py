"""A group's documents (every upload a new version, all kept) and deliverables."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record

from ..deliverables import ProposalRefused, get_target
from ..models import Deliverable, DocumentVersion, GroupDocument, Membership, WorkingGroup
from .membership import GroupError
from .notify import send_to

MAX_BYTES = 20 * 1024 * 1024
EXTENSIONS = frozenset(
    {"pdf", "odt", "ods", "odp", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "csv", "md"}
    | {"jpg", "jpeg", "png", "webp", "svg", "zip"}
)


def check_upload(file) -> None:
    name = getattr(file, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        raise ValidationError(
            {"file": _("Accepted files: %(list)s.") % {"list": ", ".join(sorted(EXTENSIONS))}}
        )
    if file.size > MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB.")})


def _fill_file(obj, file) -> None:
    obj.original_name = file.name[:255]
    obj.content_type = (getattr(file, "content_type", "") or "")[:120]
    obj.size = file.size
    obj.file.save(file.name, file, save=False)


@transaction.atomic
def document_add(
    *, actor, group: WorkingGroup, title: str, file, description: str = "", note: str = ""
) -> GroupDocument:
    check_upload(file)
    document = GroupDocument.objects.create(
        group=group,
        title=(title.strip() or file.name)[:200],
        description=description.strip()[:500],
        created_by=actor,
    )
    _add_version(actor=actor, document=document, file=file, note=note, number=1)
    audit_record(
        actor=actor,
        action="group.document_add",
        obj=document,
        coop=group.coop,
        details={"group": group.pk, "name": file.name},
    )
    return document


def _add_version(
    *, actor, document: GroupDocument, file, note: str, number: int
) -> DocumentVersion:
    version = DocumentVersion(
        document=document, number=number, note=note.strip()[:300], uploaded_by=actor
    )
    _fill_file(version, file)
    version.save()
    document.latest_version = version
    document.save(update_fields=["latest_version", "updated_at"])
    return version


@transaction.atomic
def document_new_version(
    *, actor, document: GroupDocument, file, note: str = ""
) -> DocumentVersion:
    """Replace a document by a new version; the previous ones stay in its history."""
    check_upload(file)
    document = (
        GroupDocument.objects.select_for_update(of=("self",))
        .select_related("group")
        .get(pk=document.pk)
    )
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = _add_version(actor=actor, document=document, file=file, note=note, number=number)
    audit_record(
        actor=actor,
        action="group.document_version",
        obj=document,
        coop=document.group.coop,
        details={"group": document.group_id, "version": number, "name": file.name},
    )
    return version


DELIVERABLE_EDITABLE = (
    Deliverable.Status.DRAFT,
    Deliverable.Status.FINAL,
    Deliverable.Status.DECLINED,
)


@transaction.atomic
def deliverable_save(
    *,
    actor,
    group: WorkingGroup,
    deliverable: Deliverable | None = None,
    title: str,
    description: str = "",
    file=None,
    final: bool = False,
) -> Deliverable:
    """Create or change a deliverable (not while a target is considering it)."""
    if deliverable is None:
        deliverable = Deliverable(group=group, created_by=actor)
    else:
        deliverable = Deliverable.objects.select_for_update().get(pk=deliverable.pk, group=group)
        if deliverable.status not in DELIVERABLE_EDITABLE:
            raise GroupError(_("This deliverable is with its target: it can no longer change."))
    deliverable.title = title.strip()
    deliverable.description = description.strip()
    if file is not None:
        check_upload(file)
        _fill_file(deliverable, file)
    deliverable.status = Deliverable.Status.FINAL if final else Deliverable.Status.DRAFT
    deliverable.target = ""
    deliverable.target_reference = ""
    deliverable.target_url = ""
    deliverable.full_clean(exclude=["file"])
    created = deliverable.pk is None
    deliverable.save()
    audit_record(
        actor=actor,
        action="group.deliverable_" + ("add" if created else "update"),
        obj=deliverable,
        coop=group.coop,
        details={"group": group.pk, "status": deliverable.status},
    )
    return deliverable


@transaction.atomic
def deliverable_propose(*, actor, deliverable: Deliverable, target_key: str) -> Deliverable:
    """Hand a final deliverable to a target (the toolbox), which answers with its reference."""
    deliverable = (
        Deliverable.objects.select_for_update(of=("self",))
        .select_related("group", "group__coop")
        .get(pk=deliverable.pk)
    )
    target = get_target(target_key)
    if target is None or not target.is_available(deliverable=deliverable, user=actor):
        raise GroupError(_("This deliverable cannot be proposed there."))
    if deliverable.status != Deliverable.Status.FINAL:
        raise GroupError(_("Mark the deliverable as final before proposing it."))
    if not deliverable.file and not deliverable.description:
        raise GroupError(_("Attach a file or describe the deliverable before proposing it."))
    try:
        with transaction.atomic():
            proposal = target.propose(deliverable=deliverable, actor=actor)
    except ProposalRefused as error:
        raise GroupError(str(error)) from error
    deliverable.status = Deliverable.Status.PROPOSED
    deliverable.target = target.key
    deliverable.target_reference = str(proposal.reference)[:120]
    deliverable.target_url = proposal.url[:500]
    deliverable.target_note = ""
    deliverable.proposed_at = timezone.now()
    deliverable.proposed_by = actor
    deliverable.save()
    audit_record(
        actor=actor,
        action="group.deliverable_propose",
        obj=deliverable,
        coop=deliverable.group.coop,
        details={"target": target.key, "reference": deliverable.target_reference},
    )
    return deliverable


@transaction.atomic
def deliverable_outcome(
    *, target: str, reference: str, accepted: bool, url: str = "", note: str = "", actor=None
) -> Deliverable:
    """Called by a target when it has decided: the group's coordinators are told."""
    deliverable = (
        Deliverable.objects.select_for_update(of=("self",))
        .select_related("group", "group__coop")
        .get(target=target, target_reference=str(reference))
    )
    deliverable.status = Deliverable.Status.ACCEPTED if accepted else Deliverable.Status.DECLINED
    if url:
        deliverable.target_url = url[:500]
    deliverable.target_note = note.strip()
    deliverable.save()
    audit_record(
        actor=actor,
        action="group.deliverable_" + ("accepted" if accepted else "declined"),
        obj=deliverable,
        coop=deliverable.group.coop,
        details={"target": target},
        system_label=target,
    )
    for membership in Membership.objects.filter(
        group=deliverable.group, status=Membership.Status.ACTIVE, role=Membership.Role.COORDINATOR
    ).select_related("user"):
        send_to(
            membership.user,
            "groups/deliverable_outcome",
            deliverable.group,
            {"deliverable": deliverable},
        )
    return deliverable
