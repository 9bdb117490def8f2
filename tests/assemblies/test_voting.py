"""Notice, online and postal votes, proxies and receipts, through the services."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from viecoop.accounts.models import Invitation
from viecoop.assemblies.models import AdvanceVote, Assembly, AssemblyJob, Ballot, Proxy
from viecoop.assemblies.services import AssemblyError, notice, voting
from viecoop.audit.models import AuditEntry

from .factories import PARIS, frozen_assembly

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def convene(assembly, actor=None):
    job = notice.notice_send(actor=actor, assembly=assembly, acknowledge_warnings=True)
    assembly.refresh_from_db()
    return job


def test_notice_freezes_the_rules_and_refuses_a_second_time(
    coop_a, manager_a, django_capture_on_commit_callbacks
):
    assembly = frozen_assembly(coop=coop_a)
    with django_capture_on_commit_callbacks(execute=True):
        job = convene(assembly, manager_a)
    assert assembly.status == Assembly.Status.CONVENED
    assert assembly.rules["legal_form"] == "scic" and len(assembly.rules_hash) == 64
    job.refresh_from_db()
    assert job.status == AssemblyJob.Status.DONE
    with pytest.raises(AssemblyError):
        notice.notice_send(actor=manager_a, assembly=assembly, acknowledge_warnings=True)
    # A later change of the profile does not reach the called assembly.
    from viecoop.assemblies.services.profile import governance_update

    governance_update(actor=manager_a, coop=coop_a, quorum_ordinary_first="1/3")
    assembly.refresh_from_db()
    assert assembly.rules["quorum_ordinary_first"] == "1/5"


def test_warnings_must_be_acknowledged_and_gaps_block(coop_a):
    from .factories import make_assembly

    draft = make_assembly(coop=coop_a)
    with pytest.raises(AssemblyError):  # no list of voters
        notice.notice_send(actor=None, assembly=draft, acknowledge_warnings=True)
    assembly = frozen_assembly(coop=coop_a)  # no document: a warning
    with pytest.raises(AssemblyError):
        notice.notice_send(actor=None, assembly=assembly)


def test_notice_job_emails_consenting_members_and_prints_letters_for_the_others(
    coop_a, django_capture_on_commit_callbacks
):
    assembly = frozen_assembly(coop=coop_a, voters=3)
    members = assembly.members
    members[0].email = "jeanne@exemple.test"
    members[0].save()
    members[1].email = "sans-consentement@exemple.test"  # an address but no consent: by post
    members[1].save()
    from viecoop.members.services.consents import consent_record

    consent_record(
        actor=None, member=members[0], purpose="e_convocation", given=True, channel="paper"
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = convene(assembly)
    job.refresh_from_db()
    assert (job.emails_sent, job.letters, job.processed) == (1, 2, 3)
    assert [m.to for m in mail.outbox] == [["jeanne@exemple.test"]]
    assert "/activer/" in mail.outbox[0].body  # no account yet: the activation link
    # Every member without an account got a one-time activation code (letter channel).
    assert Invitation.objects.filter(coop=coop_a, channel="letter").count() == 3
    reader = PdfReader(io.BytesIO(job.file.read()))
    assert len(reader.pages) == 6  # three pages per letter
    text = "\n".join(page.extract_text() for page in reader.pages)
    for member in members[1:]:
        assert member.last_name.upper() in text
    assert "Résolution 1" in text


def _convened(coop, **kw):
    assembly = frozen_assembly(coop=coop, **kw)
    convene(assembly)
    return assembly


def test_online_vote_records_ballots_and_a_receipt_and_can_change(coop_a):
    assembly = _convened(coop_a, voters=2)
    voter = assembly.voters.first()
    r1, r2 = assembly.resolutions.order_by("position")
    first = voting.advance_vote_record(
        actor=None,
        assembly=assembly,
        voter=voter,
        channel="online",
        choices={r1.pk: "for", r2.pk: "against"},
        added_resolutions="against",
    )
    assert len(first.receipt_code) == 14 and len(first.digest) == 64
    assert dict(Ballot.objects.filter(voter=voter).values_list("resolution", "choice")) == {
        r1.pk: "for",
        r2.pk: "against",
    }
    second = voting.advance_vote_record(
        actor=None,
        assembly=assembly,
        voter=voter,
        channel="online",
        choices={r1.pk: "abstain", r2.pk: "against"},
        added_resolutions="proxy_to_chair",
    )
    first.refresh_from_db()
    assert first.status == AdvanceVote.Status.REPLACED and second.status == "active"
    assert Ballot.objects.filter(voter=voter).count() == 2
    assert Ballot.objects.get(voter=voter, resolution=r1).choice == "abstain"
    assert AuditEntry.objects.filter(action="assembly.vote_online").count() == 2
    with pytest.raises(AssemblyError):  # an online vote answers every resolution
        voting.advance_vote_record(
            actor=None,
            assembly=assembly,
            voter=voter,
            channel="online",
            choices={r1.pk: "for"},
            added_resolutions="against",
        )


def test_online_votes_close_at_15h_the_day_before(coop_a):
    assembly = _convened(coop_a, voters=1)
    voter = assembly.voters.first()
    choices = {r.pk: "for" for r in assembly.resolutions.all()}
    day_before = timezone.localtime(assembly.starts_at).date() - datetime.timedelta(days=1)
    at = datetime.datetime.combine(day_before, datetime.time(15, 0), tzinfo=PARIS)
    with time_machine.travel(at, tick=False):
        voting.advance_vote_record(
            actor=None,
            assembly=assembly,
            voter=voter,
            channel="online",
            choices=choices,
            added_resolutions="against",
        )
    with (
        time_machine.travel(at + datetime.timedelta(seconds=1), tick=False),
        pytest.raises(AssemblyError),
    ):
        voting.advance_vote_record(
            actor=None,
            assembly=assembly,
            voter=voter,
            channel="online",
            choices=choices,
            added_resolutions="against",
        )


def test_paper_forms_received_after_d_minus_3_are_refused(coop_a):
    assembly = _convened(coop_a, voters=1)
    voter = assembly.voters.first()
    day = timezone.localtime(assembly.starts_at).date()
    late = datetime.datetime.combine(
        day - datetime.timedelta(days=2), datetime.time(9), tzinfo=PARIS
    )
    with pytest.raises(AssemblyError):
        voting.advance_vote_record(
            actor=None,
            assembly=assembly,
            voter=voter,
            channel="postal",
            choices={},
            added_resolutions="against",
            received_at=late,
        )
    on_time = late - datetime.timedelta(days=1)
    vote = voting.advance_vote_record(
        actor=None,
        assembly=assembly,
        voter=voter,
        channel="postal",
        choices={},
        added_resolutions="against",
        received_at=on_time,
    )
    # A form without a choice is a blank vote on each resolution: not a vote cast.
    assert set(vote.ballots.values_list("choice", flat=True)) == {"blank"}


def test_proxies_to_a_member_or_the_chair_with_the_rules(coop_a, manager_a):
    from viecoop.assemblies.services.profile import governance_update

    governance_update(actor=manager_a, coop=coop_a, proxy_cap=1)
    assembly = _convened(coop_a, voters=4)
    a, b, c, d = assembly.voters.order_by("pk")
    proxy = voting.proxy_give(actor=None, assembly=assembly, giver=a, holder=b)
    assert proxy.status == "active" and proxy.receipt_code
    with pytest.raises(AssemblyError):  # the cap of one proxy per holder
        voting.proxy_give(actor=None, assembly=assembly, giver=c, holder=b)
    with pytest.raises(AssemblyError):  # b cannot give theirs to a, who gave theirs away
        voting.proxy_give(actor=None, assembly=assembly, giver=b, holder=a)
    # A giver cannot vote (the default rules) until they revoke.
    choices = {r.pk: "for" for r in assembly.resolutions.all()}
    with pytest.raises(AssemblyError):
        voting.advance_vote_record(
            actor=None,
            assembly=assembly,
            voter=a,
            channel="online",
            choices=choices,
            added_resolutions="against",
        )
    voting.proxy_revoke(actor=None, assembly=assembly, giver=a)
    voting.advance_vote_record(
        actor=None,
        assembly=assembly,
        voter=a,
        channel="online",
        choices=choices,
        added_resolutions="against",
    )
    with pytest.raises(AssemblyError):  # voted: no proxy any more
        voting.proxy_give(actor=None, assembly=assembly, giver=a, holder=None)
    chair = voting.proxy_give(actor=None, assembly=assembly, giver=d, holder=None)
    assert chair.to_chair
    assert Proxy.objects.filter(status="active").count() == 1


def test_a_later_vote_replaces_the_proxy_when_the_rules_say_so(coop_a, manager_a):
    from viecoop.assemblies.services.profile import governance_update

    governance_update(actor=manager_a, coop=coop_a, later_vote_replaces_proxy=True)
    assembly = _convened(coop_a, voters=2)
    a, b = assembly.voters.order_by("pk")
    proxy = voting.proxy_give(actor=None, assembly=assembly, giver=a, holder=b)
    voting.advance_vote_record(
        actor=None,
        assembly=assembly,
        voter=a,
        channel="online",
        choices={r.pk: "for" for r in assembly.resolutions.all()},
        added_resolutions="against",
    )
    proxy.refresh_from_db()
    assert proxy.status == Proxy.Status.REPLACED


def test_receipt_lookup_after_publication(coop_a):
    from viecoop.assemblies.selectors import receipt_lookup

    assembly = _convened(coop_a, voters=1)
    voter = assembly.voters.first()
    vote = voting.advance_vote_record(
        actor=None,
        assembly=assembly,
        voter=voter,
        channel="online",
        choices={r.pk: "for" for r in assembly.resolutions.all()},
        added_resolutions="against",
    )
    found = receipt_lookup(assembly=assembly, code=vote.receipt_code.replace("-", "").lower())
    assert found["counted"] and found["fingerprint"] == vote.digest
    assert receipt_lookup(assembly=assembly, code="AAAA-BBBB-CCCC") is None
