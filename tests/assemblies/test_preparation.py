"""Preparing an assembly through the services: details, agenda, resolutions, documents,
elections, and the record date freezing the voters."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.members.factories import admitted_member
from viecoop.assemblies.models import Assembly, Voter
from viecoop.assemblies.services import AssemblyError, preparation
from viecoop.audit.models import AuditEntry

from .factories import frozen_assembly, in_days, make_assembly, make_voters

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_create_is_a_draft_with_a_recorded_draw_seed_and_audited(coop_a, manager_a):
    assembly = make_assembly(coop=coop_a, actor=manager_a)
    assert assembly.status == Assembly.Status.DRAFT
    assert assembly.rules is None
    assert AuditEntry.objects.filter(action="assembly.create", coop=coop_a).exists()
    assert [r.position for r in assembly.resolutions.all()] == [1, 2]


def test_second_notice_needs_a_first_meeting_of_the_same_coop(coop_a, coop_b):
    with pytest.raises(ValidationError) as error:
        make_assembly(coop=coop_a, notice="second")
    assert "first_meeting" in error.value.error_dict
    other = make_assembly(coop=coop_b)
    with pytest.raises(ValidationError):
        make_assembly(coop=coop_a, notice="second", first_meeting=other)
    first = make_assembly(coop=coop_a, starts_at=in_days(-20))
    second = make_assembly(coop=coop_a, notice="second", first_meeting=first)
    assert second.first_meeting == first


def test_agenda_and_resolutions_keep_their_order(coop_a):
    assembly = make_assembly(coop=coop_a, resolutions=3)
    third = assembly.resolutions.get(position=3)
    preparation.resolution_move(actor=None, resolution=third, up=True)
    assert list(assembly.resolutions.values_list("title", flat=True)) == [
        "Résolution 1",
        "Résolution 3",
        "Résolution 2",
    ]
    preparation.resolution_delete(actor=None, resolution=assembly.resolutions.get(position=1))
    assert list(assembly.resolutions.values_list("position", flat=True)) == [1, 2]
    item = preparation.agenda_item_save(actor=None, assembly=assembly, title="Rapport moral")
    second = preparation.agenda_item_save(actor=None, assembly=assembly, title="Comptes")
    preparation.agenda_item_move(actor=None, item=second, up=True)
    assert list(assembly.agenda_items.values_list("title", flat=True)) == [
        "Comptes",
        "Rapport moral",
    ]
    preparation.agenda_item_delete(actor=None, item=item)
    assert assembly.agenda_items.count() == 1


def test_documents_are_stored_privately_and_limited_in_size(coop_a, manager_a):
    assembly = make_assembly(coop=coop_a)
    upload = SimpleUploadedFile("comptes.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    document = preparation.document_add(
        actor=manager_a,
        assembly=assembly,
        title="Comptes annuels",
        upload=upload,
        resolution=assembly.resolutions.first(),
    )
    assert document.file.name.startswith(f"private/assemblies/{assembly.pk}/")
    assert document.size == len(b"%PDF-1.4 test")
    big = SimpleUploadedFile("gros.pdf", b"x" * (preparation.MAX_DOCUMENT_BYTES + 1))
    with pytest.raises(ValidationError):
        preparation.document_add(actor=manager_a, assembly=assembly, title="Gros", upload=big)
    preparation.document_delete(actor=manager_a, document=document)
    assert assembly.documents.count() == 0


def test_elections_and_candidates(coop_a):
    assembly = make_assembly(coop=coop_a)
    election = preparation.election_save(
        actor=None, assembly=assembly, title="Conseil", seats=3, max_choices=3
    )
    with pytest.raises(ValidationError):
        preparation.election_save(
            actor=None,
            assembly=assembly,
            election=election,
            title="Conseil",
            seats=2,
            max_choices=3,
        )
    member = admitted_member(coop=coop_a, last_name="Durand", birth_date=datetime.date(1950, 1, 2))
    candidate = preparation.candidate_save(
        actor=None, election=election, member=member, statement="Je me présente."
    )
    assert candidate.name == member.display_name
    assert candidate.birth_date == datetime.date(1950, 1, 2)
    with pytest.raises(ValidationError):
        preparation.candidate_save(actor=None, election=election, member=member)


def test_a_candidate_must_be_an_admitted_member_of_the_coop(coop_a, coop_b):
    from tests.members.factories import MemberFactory

    assembly = make_assembly(coop=coop_a)
    election = preparation.election_save(
        actor=None, assembly=assembly, title="Conseil", seats=1, max_choices=1
    )
    with pytest.raises(ValidationError):
        preparation.candidate_save(actor=None, election=election, member=MemberFactory(coop=coop_a))
    with pytest.raises(ValidationError):
        preparation.candidate_save(
            actor=None, election=election, member=admitted_member(coop=coop_b)
        )


def test_record_date_freezes_voters_with_their_votes(coop_b):
    # SCP: 20 users (college A, 1 vote each) and an investor over the cap.
    make_voters(coop=coop_b, count=20)
    investor = admitted_member(coop=coop_b, shares=500, category="collectivite")
    assembly = make_assembly(coop=coop_b)
    count = preparation.voters_freeze(
        actor=None, assembly=assembly, record_date=timezone.localdate()
    )
    assert count == 21
    line = Voter.objects.get(assembly=assembly, member=investor)
    assert line.college == "B"
    assert line.shares == 500
    assert line.votes == 10  # capped: floor(35 × 20 / 65) = 10
    assert Voter.objects.filter(assembly=assembly, college="A", votes=1).count() == 20
    entry = AuditEntry.objects.get(action="assembly.voters_freeze")
    assert entry.details["voters"] == 21 and entry.details["explanation"]
    assert len({v.card_code for v in assembly.voters.all()}) == 21


def test_record_date_replaces_the_list_and_refuses_the_future(coop_a):
    assembly = frozen_assembly(coop=coop_a, voters=2)
    make_voters(coop=coop_a, count=1)
    assert (
        preparation.voters_freeze(actor=None, assembly=assembly, record_date=timezone.localdate())
        == 3
    )
    with pytest.raises(ValidationError):
        preparation.voters_freeze(
            actor=None,
            assembly=assembly,
            record_date=timezone.localdate() + datetime.timedelta(days=1),
        )
    # Members admitted after the record date do not vote.
    assert (
        preparation.voters_freeze(
            actor=None, assembly=assembly, record_date=datetime.date(2024, 3, 11)
        )
        == 0
    )


def test_nothing_changes_once_the_notice_is_sent(coop_a):
    assembly = frozen_assembly(coop=coop_a)
    Assembly.objects.filter(pk=assembly.pk).update(status="convened", rules={"x": 1})
    with pytest.raises(AssemblyError):
        preparation.resolution_save(actor=None, assembly=assembly, title="Tard", text="…")
    with pytest.raises(AssemblyError):
        preparation.voters_freeze(actor=None, assembly=assembly, record_date=timezone.localdate())
    with pytest.raises(AssemblyError):
        preparation.assembly_delete(actor=None, assembly=assembly)
