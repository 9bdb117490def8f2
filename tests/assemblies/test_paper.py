"""Paper forms typed twice by two people, then recorded through the voting services."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.organizations.factories import CoopRoleFactory
from viecoop.assemblies.models import AdvanceVote, PaperForm, Proxy
from viecoop.assemblies.services import AssemblyError, notice, paper

from .factories import frozen_assembly

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def staff_a(coop_a):
    return CoopRoleFactory(coop=coop_a, role="staff").user


@pytest.fixture
def called(coop_a):
    assembly = frozen_assembly(coop=coop_a, voters=3)
    notice.notice_send(actor=None, assembly=assembly, acknowledge_warnings=True)
    assembly.refresh_from_db()
    return assembly


def _postal(assembly, choices, day=None):
    r1, r2 = assembly.resolutions.order_by("position")
    return {
        "received_on": day or timezone.localdate(),
        "choices": {r1.pk: choices[0], r2.pk: choices[1]},
        "added": "against",
    }


def test_matching_entries_record_the_postal_vote(called, manager_a, staff_a):
    voter = called.voters.first()
    form = paper.paper_form_enter(
        actor=manager_a,
        assembly=called,
        voter=voter,
        kind="postal",
        data=_postal(called, ["for", ""]),
    )
    assert not AdvanceVote.objects.exists()  # nothing counts before the second entry
    with pytest.raises(AssemblyError):  # not the same person twice
        paper.paper_form_confirm(
            actor=manager_a, paper_form=form, data=_postal(called, ["for", ""])
        )
    with pytest.raises(AssemblyError) as error:  # a typo on resolution 2
        paper.paper_form_confirm(
            actor=staff_a, paper_form=form, data=_postal(called, ["for", "against"])
        )
    assert "2" in str(error.value)
    form = paper.paper_form_confirm(
        actor=staff_a, paper_form=form, data=_postal(called, ["for", ""])
    )
    assert form.status == PaperForm.Status.APPLIED
    vote = AdvanceVote.objects.get(voter=voter)
    assert vote.channel == "postal" and vote.confirmed_by == staff_a
    assert sorted(vote.ballots.values_list("choice", flat=True)) == ["blank", "for"]


def test_a_late_paper_form_is_refused_after_both_entries(called, manager_a, staff_a):
    voter = called.voters.first()
    late = timezone.localtime(called.starts_at).date() - datetime.timedelta(days=1)
    form = paper.paper_form_enter(
        actor=manager_a,
        assembly=called,
        voter=voter,
        kind="postal",
        data=_postal(called, ["for", "for"], day=late),
    )
    form = paper.paper_form_confirm(
        actor=staff_a, paper_form=form, data=_postal(called, ["for", "for"], day=late)
    )
    assert form.status == PaperForm.Status.REFUSED and form.outcome
    assert not AdvanceVote.objects.exists()


def test_paper_proxy_to_a_named_member(called, manager_a, staff_a):
    giver, holder = called.voters.order_by("pk")[:2]
    data = {"received_on": timezone.localdate(), "holder": holder.number}
    form = paper.paper_form_enter(
        actor=manager_a, assembly=called, voter=giver, kind="proxy", data=data
    )
    paper.paper_form_confirm(actor=staff_a, paper_form=form, data=data)
    proxy = Proxy.objects.get(giver=giver)
    assert proxy.holder == holder and proxy.channel == "postal"


def test_paper_pages(called, manager_a, staff_a, member_a, login):
    kw = {"coop_slug": called.coop.slug, "pk": called.pk}
    assert login(member_a).get(reverse("assemblies:paper_forms", kwargs=kw)).status_code == 403
    voter = called.voters.first()
    r1, r2 = called.resolutions.order_by("position")
    data = {
        "voter_number": voter.number,
        "received_on": timezone.localdate().isoformat(),
        f"r{r1.pk}": "for",
        f"r{r2.pk}": "against",
        "added": "against",
    }
    client = login(manager_a)
    new = reverse("assemblies:paper_form_new", kwargs={**kw, "kind": "postal"})
    assert client.get(new).status_code == 200
    response = client.post(new, {**data, "voter_number": "inconnu"})
    assert response.context["form"].errors
    assert client.post(new, data).status_code == 302
    form = PaperForm.objects.get()
    confirm = reverse("assemblies:paper_form_confirm", kwargs={**kw, "form_pk": form.pk})
    assert client.get(confirm).context["same_person"]
    client = login(staff_a)
    data.pop("voter_number")
    response = client.post(confirm, {**data, f"r{r2.pk}": "for"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    response = client.post(confirm, data)
    assert response.status_code == 302
    page = client.get(reverse("assemblies:paper_forms", kwargs=kw)).content.decode()
    assert 'data-status="applied"' in page
