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


def _convened(coop):
    """A called assembly where the coop's manager is a voter who voted online."""
    from django.core.files.base import ContentFile
    from django.db import transaction
    from django.utils import timezone

    from tests.assemblies.factories import make_assembly, make_voters
    from tests.members.factories import admitted_member
    from viecoop.assemblies.services import notice, voting
    from viecoop.organizations.models import CoopRole

    manager = CoopRole.objects.filter(coop=coop, role="manager").first().user
    from viecoop.members.models import Member

    if not Member.objects.filter(coop=coop, user=manager).exists():
        admitted_member(coop=coop, user=manager)
    make_voters(coop=coop, count=1)
    assembly = make_assembly(coop=coop, resolutions=1)
    from viecoop.assemblies.services import preparation

    preparation.voters_freeze(actor=None, assembly=assembly, record_date=timezone.localdate())
    with transaction.atomic():
        job = notice.notice_send(actor=None, assembly=assembly, acknowledge_warnings=True)
    job.file.save("x.pdf", ContentFile(b"%PDF-1.4"))
    vote = voting.online_vote_cast(
        user=manager,
        assembly=assembly,
        choices={r.pk: "for" for r in assembly.resolutions.all()},
        added_resolutions="against",
    )
    assembly.sample_job, assembly.sample_vote = job, vote
    return assembly


def _convened_pk(coop):
    return {"pk": _convened(coop).pk}


def _job(coop):
    assembly = _convened(coop)
    return {"pk": assembly.pk, "job_pk": assembly.sample_job.pk}


def _receipt(coop):
    assembly = _convened(coop)
    return {"pk": assembly.pk, "code": assembly.sample_vote.receipt_code}


SAMPLES.update(
    {
        "assemblies:notice": _pk,
        "assemblies:job": _job,
        "assemblies:job_file": _job,
        "assemblies:vote": _convened_pk,
        "assemblies:vote_withdraw": _convened_pk,
        "assemblies:proxy": _convened_pk,
        "assemblies:proxy_revoke": _convened_pk,
        "assemblies:receipt": _receipt,
        "assemblies:receipt_check": _convened_pk,
    }
)


def _paper_form(coop):
    from django.utils import timezone

    from viecoop.assemblies.services import paper

    assembly = _convened(coop)
    voter = assembly.voters.exclude(member__user__isnull=False).first()
    form = paper.paper_form_enter(
        actor=None,
        assembly=assembly,
        voter=voter,
        kind="proxy",
        data={"received_on": timezone.localdate(), "holder": ""},
    )
    return {"pk": assembly.pk, "form_pk": form.pk}


def _paper_kind(coop):
    return {"pk": _convened(coop).pk, "kind": "postal"}


SAMPLES.update(
    {
        "assemblies:paper_forms": _convened_pk,
        "assemblies:paper_form_new": _paper_kind,
        "assemblies:paper_form_confirm": _paper_form,
        "assemblies:paper_form_cancel": _paper_form,
    }
)


def _with_election(coop):
    """A called assembly with an election (the manager is a voter)."""
    from tests.members.factories import admitted_member
    from viecoop.assemblies.models import Assembly, Election

    assembly = _convened(coop)
    Assembly.objects.filter(pk=assembly.pk).update(status="draft")
    from viecoop.assemblies.services import preparation

    election = preparation.election_save(
        actor=None, assembly=assembly, title="Conseil", seats=1, max_choices=1
    )
    preparation.candidate_save(actor=None, election=election, member=admitted_member(coop=coop))
    Assembly.objects.filter(pk=assembly.pk).update(status="convened")
    return assembly, Election.objects.get(pk=election.pk)


def _election(coop):
    assembly, election = _with_election(coop)
    return {"pk": assembly.pk, "election_pk": election.pk}


def _voter(coop):
    assembly = _convened(coop)
    return {"pk": assembly.pk, "voter_pk": assembly.voters.first().pk}


def _resolution_in_room(coop):
    assembly = _convened(coop)
    return {"pk": assembly.pk, "resolution_pk": assembly.resolutions.first().pk}


def _closed(coop):
    from viecoop.assemblies.services import meeting
    from viecoop.assemblies.services.results import meeting_close

    assembly = _convened(coop)
    meeting.meeting_open(actor=None, assembly=assembly)
    meeting_close(actor=None, assembly=assembly)
    return {"pk": assembly.pk}


SAMPLES.update(
    {
        "assemblies:meeting_open": _convened_pk,
        "assemblies:checkin": _convened_pk,
        "assemblies:checkin_do": _voter,
        "assemblies:quorum": _convened_pk,
        "assemblies:projector": _convened_pk,
        "assemblies:room_vote": _resolution_in_room,
        "assemblies:resolution_add": _convened_pk,
        "assemblies:election_room": _election,
        "assemblies:election_vote": _election,
        "assemblies:close": _convened_pk,
        "assemblies:results": _closed,
        "assemblies:publish": _closed,
    }
)


SAMPLES.update(
    {
        "assemblies:minutes": _closed,
        "assemblies:attendance_sheet": _convened_pk,
    }
)


def _mandate(coop):
    import datetime

    from tests.members.factories import admitted_member
    from viecoop.assemblies.services.board import mandate_create

    mandate = mandate_create(
        actor=None,
        coop=coop,
        member=admitted_member(coop=coop),
        role="administrator",
        starts_on=datetime.date(2025, 1, 1),
    )
    return {"mandate_pk": mandate.pk}


SAMPLES["assemblies:mandate_close"] = _mandate
