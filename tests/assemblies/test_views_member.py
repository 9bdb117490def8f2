"""A member's pages (vote, proxy, receipts) and the staff's notice pages, by role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.members.factories import admitted_member
from viecoop.assemblies.models import AdvanceVote, Proxy
from viecoop.assemblies.services import notice, preparation

from .factories import make_assembly, make_voters

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def called(coop_a, member_a, django_capture_on_commit_callbacks):
    """An assembly whose notice was sent; member_a is on its list of voters."""
    admitted_member(coop=coop_a, user=member_a, last_name="Rivière")
    make_voters(coop=coop_a, count=2)
    assembly = make_assembly(coop=coop_a)
    from django.utils import timezone

    preparation.voters_freeze(actor=None, assembly=assembly, record_date=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        notice.notice_send(actor=None, assembly=assembly, acknowledge_warnings=True)
    assembly.refresh_from_db()
    return assembly


def url(name, assembly, **kw):
    return reverse(name, kwargs={"coop_slug": assembly.coop.slug, "pk": assembly.pk, **kw})


def test_member_votes_online_and_reads_the_receipt(called, member_a, login):
    client = login(member_a)
    page = client.get(called.get_absolute_url()).content.decode()
    assert url("assemblies:vote", called) in page
    response = client.get(url("assemblies:vote", called))
    assert response.status_code == 200
    r1, r2 = called.resolutions.order_by("position")
    response = client.post(
        url("assemblies:vote", called), {f"r{r1.pk}": "for", "added_resolutions": "against"}
    )
    assert response.status_code == 200 and response.context["form"].errors  # r2 missing
    response = client.post(
        url("assemblies:vote", called),
        {f"r{r1.pk}": "for", f"r{r2.pk}": "against", "added_resolutions": "against"},
    )
    vote = AdvanceVote.objects.get(voter__member__user=member_a)
    assert response.status_code == 302
    assert response["Location"] == url("assemblies:receipt", called, code=vote.receipt_code)
    receipt = client.get(response["Location"]).content.decode()
    assert vote.receipt_code in receipt and vote.digest in receipt
    # The vote page now offers to change it, with the current choices ticked.
    form = client.get(url("assemblies:vote", called)).context["form"]
    assert form.initial[f"r{r1.pk}"] == "for"


def test_member_gives_and_revokes_a_proxy(called, member_a, login):
    client = login(member_a)
    holder = called.voters.exclude(member__user=member_a).first()
    response = client.post(
        url("assemblies:proxy", called), {"to": "member", "holder_number": "nope"}
    )
    assert response.context["form"].errors
    response = client.post(
        url("assemblies:proxy", called), {"to": "member", "holder_number": holder.number}
    )
    assert response.status_code == 302
    assert Proxy.objects.get(status="active").holder == holder
    client.post(url("assemblies:proxy_revoke", called))
    assert not Proxy.objects.filter(status="active").exists()
    client.post(url("assemblies:proxy", called), {"to": "chair"})
    assert Proxy.objects.get(status="active").holder is None


def test_not_on_the_list_means_not_found(called, referent_a, login):
    # The référent is no member of the register: no vote page, no proxy page.
    client = login(referent_a)
    assert client.get(url("assemblies:vote", called)).status_code == 404
    assert client.get(url("assemblies:proxy", called)).status_code == 404


def test_receipt_check_waits_for_publication(called, member_a, login):
    response = login(member_a).get(url("assemblies:receipt_check", called), {"code": "AAAA"})
    assert response.status_code == 200 and response.context["found"] is None


def test_notice_pages_by_role(
    coop_a, manager_a, member_a, login, django_capture_on_commit_callbacks
):
    make_voters(coop=coop_a, count=2)
    assembly = make_assembly(coop=coop_a)
    from django.utils import timezone

    preparation.voters_freeze(actor=None, assembly=assembly, record_date=timezone.localdate())
    assert login(member_a).get(url("assemblies:notice", assembly)).status_code == 403
    client = login(manager_a)
    page = client.get(url("assemblies:notice", assembly)).content.decode()
    assert 'name="acknowledge"' in page  # no document attached: a warning to confirm
    response = client.post(url("assemblies:notice", assembly))
    assert response.status_code == 200 and response.context["error"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("assemblies:notice", assembly), {"acknowledge": "on"})
    job = assembly.jobs.get()
    assert response["Location"] == url("assemblies:job", assembly, job_pk=job.pk)
    page = client.get(response["Location"]).content.decode()
    assert 'data-letters="2"' in page
    pdf = client.get(url("assemblies:job_file", assembly, job_pk=job.pk))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert (
        login(member_a).get(url("assemblies:job_file", assembly, job_pk=job.pk)).status_code == 403
    )


def test_member_pages_run_constant_queries(called, member_a, manager_a, login):
    from django.utils import timezone

    from tests.utils import assert_constant_queries
    from viecoop.assemblies.services import paper

    client = login(member_a)
    assert_constant_queries(client, called.get_absolute_url(), lambda n: None)
    assert_constant_queries(client, url("assemblies:vote", called), lambda n: None)
    staff = login(manager_a)
    from tests.assemblies.factories import frozen_assembly

    big = frozen_assembly(coop=called.coop, voters=14)
    notice.notice_send(actor=None, assembly=big, acknowledge_warnings=True)
    voters = iter(list(big.voters.all()))

    def more_forms(n):
        for _ in range(n):
            voter = next(voters, None)
            if voter is None:
                return
            paper.paper_form_enter(
                actor=manager_a,
                assembly=big,
                voter=voter,
                kind="proxy",
                data={"received_on": timezone.localdate(), "holder": ""},
            )

    assert_constant_queries(staff, url("assemblies:paper_forms", big), more_forms)
