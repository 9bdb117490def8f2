"""URL arguments of the assemblies' coop pages, for the generic isolation test."""

from __future__ import annotations


def _assembly(coop):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.assemblies.factories import frozen_assembly
    from tests.members.factories import admitted_member
    from viecoop.assemblies.services import preparation

    assembly = frozen_assembly(coop=coop, voters=1, resolutions=1)
    preparation.agenda_item_save(actor=None, assembly=assembly, title="Rapport")
    election = preparation.election_save(
        actor=None, assembly=assembly, title="Conseil", seats=1, max_choices=1
    )
    preparation.candidate_save(actor=None, election=election, member=admitted_member(coop=coop))
    preparation.document_add(
        actor=None,
        assembly=assembly,
        title="Comptes",
        upload=SimpleUploadedFile("c.pdf", b"%PDF-1.4"),
    )
    return assembly


def _pk(coop):
    return {"pk": _assembly(coop).pk}


def _item(coop):
    assembly = _assembly(coop)
    return {"pk": assembly.pk, "item_pk": assembly.agenda_items.first().pk, "action": "monter"}


def _resolution(coop):
    assembly = _assembly(coop)
    return {
        "pk": assembly.pk,
        "resolution_pk": assembly.resolutions.first().pk,
        "action": "monter",
    }


def _document(coop):
    assembly = _assembly(coop)
    return {"pk": assembly.pk, "document_pk": assembly.documents.first().pk}


def _election(coop):
    assembly = _assembly(coop)
    return {"pk": assembly.pk, "election_pk": assembly.elections.first().pk}


def _candidate(coop):
    assembly = _assembly(coop)
    return {"pk": assembly.pk, "candidate_pk": assembly.elections.first().candidates.first().pk}


SAMPLES = {
    "assemblies:detail": _pk,
    "assemblies:update": _pk,
    "assemblies:delete": _pk,
    "assemblies:agenda_item_create": _pk,
    "assemblies:agenda_item_update": _item,
    "assemblies:agenda_item_action": _item,
    "assemblies:resolution_create": _pk,
    "assemblies:resolution_update": _resolution,
    "assemblies:resolution_action": _resolution,
    "assemblies:document_add": _pk,
    "assemblies:document_download": _document,
    "assemblies:document_delete": _document,
    "assemblies:election_create": _pk,
    "assemblies:election_update": _election,
    "assemblies:election_delete": _election,
    "assemblies:candidate_add": _election,
    "assemblies:candidate_delete": _candidate,
    "assemblies:record_date": _pk,
    "assemblies:voters": _pk,
}
