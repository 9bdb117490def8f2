"""The board: mandates, the elections filling seats, the user-members indicator."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.members.factories import admitted_member
from tests.utils import assert_constant_queries
from viecoop.assemblies import selectors
from viecoop.assemblies.models import Mandate
from viecoop.assemblies.services import AssemblyError, meeting, notice, preparation
from viecoop.assemblies.services import elections as election_services
from viecoop.assemblies.services.board import mandate_create, mandate_end
from viecoop.assemblies.services.results import meeting_close, results_publish

from .factories import make_assembly, make_voters

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 6, 1)


def test_mandates_and_the_indicator(coop_b):
    user = admitted_member(coop=coop_b)
    investor = admitted_member(coop=coop_b, category="collectivite")
    mandate_create(actor=None, coop=coop_b, member=user, role="president", starts_on=DAY)
    mandate_create(actor=None, coop=coop_b, member=investor, role="administrator", starts_on=DAY)
    with pytest.raises(AssemblyError):
        mandate_create(actor=None, coop=coop_b, member=user, role="treasurer", starts_on=DAY)
    other = admitted_member(coop=coop_b)
    with pytest.raises(AssemblyError):  # one president
        mandate_create(actor=None, coop=coop_b, member=other, role="president", starts_on=DAY)
    assert selectors.board_user_members(coop=coop_b) == {"seats": 2, "user_members": 1}
    assert selectors.board_user_members_by_coop()[coop_b.pk] == {"seats": 2, "user_members": 1}
    mandate = Mandate.objects.get(member=user)
    mandate_end(actor=None, mandate=mandate, ends_on=DAY + datetime.timedelta(days=30))
    assert selectors.board_user_members(coop=coop_b)["seats"] == 1


def test_publication_seats_the_elected(coop_a):
    members = make_voters(coop=coop_a, count=3)
    assembly = make_assembly(coop=coop_a, resolutions=1)
    election = preparation.election_save(
        actor=None, assembly=assembly, title="Conseil", seats=1, max_choices=1, mandate_years=6
    )
    winner = preparation.candidate_save(actor=None, election=election, member=members[0])
    preparation.candidate_save(actor=None, election=election, member=members[1])
    preparation.voters_freeze(actor=None, assembly=assembly, record_date=timezone.localdate())
    notice.notice_send(actor=None, assembly=assembly, acknowledge_warnings=True)
    for voter in assembly.voters.all():
        meeting.check_in(actor=None, assembly=assembly, voter=voter)
    meeting.meeting_open(actor=None, assembly=assembly)
    election_services.room_election_ballot_add(
        actor=None,
        election=election,
        college="usagers",
        weight=1,
        choices=[winner.pk],
        spoiled=False,
    )
    closed = meeting_close(actor=None, assembly=assembly)
    results_publish(actor=None, assembly=closed)
    mandate = Mandate.objects.get(coop=coop_a, ends_on__isnull=True)
    assert mandate.member == members[0] and mandate.election == election
    assert mandate.planned_end.year == mandate.starts_on.year + 6


def test_board_pages(coop_a, manager_a, referent_a, member_a, login):
    member = admitted_member(coop=coop_a, last_name="Présidente")
    mandate_create(actor=None, coop=coop_a, member=member, role="president", starts_on=DAY)
    url = reverse("assemblies:board", kwargs={"coop_slug": coop_a.slug})
    page = login(member_a).get(url).content.decode()
    assert "PRÉSIDENTE" in page and "1 juin 2025" in page
    add = reverse("assemblies:mandate_add", kwargs={"coop_slug": coop_a.slug})
    assert login(member_a).get(add).status_code == 403
    assert login(referent_a).get(add).status_code == 403
    client = login(manager_a)
    other = admitted_member(coop=coop_a)
    response = client.post(
        add, {"member_number": other.number, "role": "president", "starts_on": "2025-06-02"}
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    response = client.post(
        add, {"member_number": other.number, "role": "treasurer", "starts_on": "2025-06-02"}
    )
    assert response.status_code == 302
    mandate = Mandate.objects.get(member=other)
    end = reverse(
        "assemblies:mandate_close", kwargs={"coop_slug": coop_a.slug, "mandate_pk": mandate.pk}
    )
    assert client.post(end, {"ends_on": "2025-01-01"}).status_code == 200  # before the start
    assert client.post(end, {"ends_on": "2025-07-01"}).status_code == 302

    def more(n):
        for member in make_voters(coop=coop_a, count=n):
            mandate_create(
                actor=None, coop=coop_a, member=member, role="administrator", starts_on=DAY
            )

    assert_constant_queries(client, url, more)


def test_personal_data_export_has_votes_but_never_secret_ballots(coop_a, member_a):
    from viecoop.accounts.services import user_export_data
    from viecoop.assemblies.services import voting

    member = admitted_member(coop=coop_a, user=member_a)
    candidate = admitted_member(coop=coop_a)
    assembly = make_assembly(coop=coop_a, resolutions=1)
    election = preparation.election_save(
        actor=None, assembly=assembly, title="Conseil", seats=1, max_choices=1
    )
    chosen = preparation.candidate_save(actor=None, election=election, member=candidate)
    preparation.voters_freeze(actor=None, assembly=assembly, record_date=timezone.localdate())
    notice.notice_send(actor=None, assembly=assembly, acknowledge_warnings=True)
    voting.online_vote_cast(
        user=member_a,
        assembly=assembly,
        choices={r.pk: "for" for r in assembly.resolutions.all()},
        added_resolutions="against",
    )
    code = election_services.election_vote_cast(
        user=member_a, assembly=assembly, election=election, choices=[chosen.pk]
    )
    data = user_export_data(user=member_a)["assemblies"]
    assert data[0]["member_number"] == member.number
    assert data[0]["votes_before_the_meeting"][0]["choices"] == {"1": "for"}
    assert data[0]["elections_voted_in"] == ["Conseil"]
    flat = repr(data)
    assert code not in flat and chosen.name not in flat  # nothing of the secret ballot
