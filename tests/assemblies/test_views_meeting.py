"""Meeting pages on the staff's tablet and the results pages, by role, with query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.members.factories import admitted_member
from tests.utils import assert_constant_queries
from viecoop.assemblies.models import Attendance, RoomTally
from viecoop.assemblies.services import meeting, notice
from viecoop.assemblies.services.results import meeting_close

from .factories import frozen_assembly, make_voters

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def called(coop_a, member_a):
    admitted_member(coop=coop_a, user=member_a, last_name="Rivière")
    assembly = frozen_assembly(coop=coop_a, voters=4)
    notice.notice_send(actor=None, assembly=assembly, acknowledge_warnings=True)
    assembly.refresh_from_db()
    return assembly


def url(name, assembly, **kw):
    return reverse(name, kwargs={"coop_slug": assembly.coop.slug, "pk": assembly.pk, **kw})


def test_meeting_pages_are_for_staff(called, referent_a, member_a, login):
    for name in ("checkin", "quorum", "projector", "close"):
        assert login(member_a).get(url(f"assemblies:{name}", called)).status_code == 403
        assert login(referent_a).get(url(f"assemblies:{name}", called)).status_code == 200


def test_check_in_by_search_and_by_card_with_htmx(called, manager_a, login):
    client = login(manager_a)
    voter = called.voters.exclude(member__user__isnull=False).first()
    response = client.get(url("assemblies:checkin", called), {"q": voter.name.split()[0]})
    assert f'data-voter="{voter.number}"' in response.content.decode()
    response = client.get(
        url("assemblies:checkin", called),
        {"carte": voter.card_code.lower()},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "<html" not in body and voter.name in body
    response = client.post(
        url("assemblies:checkin_do", called, voter_pk=voter.pk),
        {"action": "present"},
        HTTP_HX_REQUEST="true",
    )
    assert 'data-checked-in="present"' in response.content.decode()
    assert Attendance.objects.filter(voter=voter).exists()
    # Without JavaScript: a redirect back to the card, with a message.
    response = client.post(
        url("assemblies:checkin_do", called, voter_pk=voter.pk), {"action": "present"}
    )
    assert response.status_code == 302 and voter.card_code in response["Location"]
    client.post(url("assemblies:checkin_do", called, voter_pk=voter.pk), {"action": "cancel"})
    assert not Attendance.objects.filter(voter=voter).exists()


def test_quorum_board_and_check_in_run_constant_queries(called, manager_a, login):
    client = login(manager_a)
    voters = iter(list(called.voters.order_by("pk")))

    def check_in_more(n):
        for _ in range(n):
            voter = next(voters, None)
            if voter is None:
                make_voters(coop=called.coop, count=1)
                return
            meeting.check_in(actor=None, assembly=called, voter=voter)

    assert_constant_queries(client, url("assemblies:quorum", called), check_in_more, extra=2)
    assert_constant_queries(client, url("assemblies:projector", called), lambda n: None)
    name = called.voters.first().name.split()[0]
    assert_constant_queries(
        client, url("assemblies:checkin", called) + f"?q={name}", lambda n: None
    )


def test_room_totals_and_results_pages(called, manager_a, member_a, login):
    client = login(manager_a)
    v = list(called.voters.order_by("pk"))
    for voter in v[:2]:
        meeting.check_in(actor=None, assembly=called, voter=voter)
    client.post(url("assemblies:meeting_open", called))
    r1, r2 = called.resolutions.order_by("position")
    page = url("assemblies:room_vote", called, resolution_pk=r1.pk)
    assert client.get(page).status_code == 200
    response = client.post(page, {"mode": "totals", "usagers__for": "5"})
    assert response.status_code == 200  # 5 > the 2 votes in the room
    response = client.post(page, {"mode": "totals", "usagers__for": "2"})
    assert response.status_code == 302
    assert RoomTally.objects.get(resolution=r1).votes_for == 2
    page = url("assemblies:room_vote", called, resolution_pk=r2.pk) + "?mode=ballots"
    assert client.get(page).status_code == 200
    response = client.post(
        page, {"mode": "ballots", f"v{v[0].pk}": "for", f"v{v[1].pk}": "against"}
    )
    assert response.status_code == 302
    added = client.post(
        url("assemblies:resolution_add", called),
        {"title": "Ajout", "text": "…", "kind": "ordinary"},
    )
    assert added.status_code == 302
    assert login(member_a).get(url("assemblies:results", called)).status_code == 404
    client = login(manager_a)
    assert client.post(url("assemblies:close", called)).status_code == 302
    page = client.get(url("assemblies:results", called)).content.decode()
    assert f'id="result-{r1.pk}" data-status="adopted"' in page
    assert login(member_a).get(url("assemblies:results", called)).status_code == 404  # hidden
    login(manager_a).post(url("assemblies:publish", called))
    assert login(member_a).get(url("assemblies:results", called)).status_code == 200


def test_member_votes_in_a_secret_election(coop_a, member_a, login):
    from viecoop.assemblies.models import ElectionParticipation, PendingBallot
    from viecoop.assemblies.services import preparation

    from .factories import make_assembly

    admitted_member(coop=coop_a, user=member_a)
    candidates = make_voters(coop=coop_a, count=2)
    assembly = make_assembly(coop=coop_a, resolutions=1)
    election = preparation.election_save(
        actor=None, assembly=assembly, title="Conseil", seats=1, max_choices=1
    )
    c1 = preparation.candidate_save(actor=None, election=election, member=candidates[0])
    c2 = preparation.candidate_save(actor=None, election=election, member=candidates[1])
    from django.utils import timezone

    preparation.voters_freeze(actor=None, assembly=assembly, record_date=timezone.localdate())
    notice.notice_send(actor=None, assembly=assembly, acknowledge_warnings=True)
    client = login(member_a)
    assert (
        url("assemblies:election_vote", assembly, election_pk=election.pk)
        in client.get(assembly.get_absolute_url()).content.decode()
    )
    page = url("assemblies:election_vote", assembly, election_pk=election.pk)
    response = client.post(page, {"candidates": [str(c1.pk), str(c2.pk)]})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(page, {"candidates": [str(c1.pk)]})
    code = response.context["code"]
    assert code in response.content.decode()
    assert PendingBallot.objects.get().receipt_code == code
    assert ElectionParticipation.objects.count() == 1
    assert client.get(page).context["voted"]


def test_results_page_runs_constant_queries(called, manager_a, login):
    meeting.meeting_open(actor=None, assembly=called)
    closed = meeting_close(actor=None, assembly=called)
    client = login(manager_a)
    assert_constant_queries(client, url("assemblies:results", closed), lambda n: None)


def test_a_scanner_typing_the_cards_url_finds_the_voter(called, manager_a, login):
    voter = called.voters.first()
    typed = f"https://viecoop.example/c/{called.coop.slug}/assemblees/{called.pk}/accueil/?carte={voter.card_code}"
    response = login(manager_a).get(url("assemblies:checkin", called), {"carte": typed})
    assert list(response.context["results"]) == [voter]
