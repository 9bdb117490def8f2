"""Sample URL arguments for the isolation test: real objects of a group of the coop."""

from __future__ import annotations

from django.core.files.base import ContentFile


def _group(coop):
    from tests.events.factories import staff
    from tests.groups.factories import make_group

    return make_group(creator=staff(coop), coop=coop)


def _group_kwargs(coop):
    return {"pk": _group(coop).pk}


def _membership_kwargs(coop):
    from tests.events.factories import member
    from tests.groups.factories import add_member

    group = _group(coop)
    return {"pk": group.pk, "membership_pk": add_member(group, member(coop)).pk, "verb": "membre"}


def _discussion_kwargs(coop):
    from tests.groups.factories import start

    group = _group(coop)
    discussion = start(group, group.created_by)
    message = discussion.messages.get()
    return {"pk": group.pk, "discussion_pk": discussion.pk, "message_pk": message.pk}


def _document_kwargs(coop):
    from django.db import transaction

    from viecoop.groups.services import document_add

    group = _group(coop)
    upload = ContentFile(b"hello", name="notes.txt")
    with transaction.atomic():
        document = document_add(actor=group.created_by, group=group, title="Notes", file=upload)
    return {"pk": group.pk, "document_pk": document.pk, "version_pk": document.latest_version_id}


def _deliverable_kwargs(coop):
    from django.db import transaction

    from viecoop.groups.services import deliverable_save

    group = _group(coop)
    with transaction.atomic():
        deliverable = deliverable_save(
            actor=group.created_by,
            group=group,
            title="Guide",
            file=ContentFile(b"guide", name="guide.txt"),
            final=True,
        )
    return {"pk": group.pk, "deliverable_pk": deliverable.pk}


def _pick(keys, provider):
    def sample(coop):
        return {k: v for k, v in provider(coop).items() if k in keys}

    return sample


SAMPLES = {
    **{
        f"groups:coop_{name}": _group_kwargs
        for name in (
            "detail",
            "update",
            "join",
            "leave",
            "notify",
            "members",
            "meeting_create",
            "discussions",
            "discussion_create",
            "documents",
            "deliverables",
            "deliverable_create",
        )
    },
    "groups:coop_member_action": _membership_kwargs,
    "groups:coop_discussion": _pick({"pk", "discussion_pk"}, _discussion_kwargs),
    "groups:coop_discussion_close": _pick({"pk", "discussion_pk"}, _discussion_kwargs),
    "groups:coop_message_edit": _discussion_kwargs,
    "groups:coop_message_remove": _discussion_kwargs,
    "groups:coop_document": _pick({"pk", "document_pk"}, _document_kwargs),
    "groups:coop_version_download": _document_kwargs,
    "groups:coop_deliverable": _deliverable_kwargs,
    "groups:coop_deliverable_download": _deliverable_kwargs,
    "groups:coop_deliverable_propose": _deliverable_kwargs,
}
