"""Activation letters (one, or a mail-merge batch) and the legal register of a big coop, made
in the background with progress; files kept privately, then purged.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.members.factories import MemberFactory, admitted_member
from tests.organizations.factories import CoopRoleFactory, ResidenceFactory
from tests.utils import assert_constant_queries
from viecoop.accounts import services as account_services
from viecoop.accounts.models import Invitation
from viecoop.audit.models import AuditEntry
from viecoop.members.documents import jobs
from viecoop.members.documents.letters import address_lines
from viecoop.members.models import College, DocumentJob, ImportJob, Member

pytestmark = pytest.mark.django_db
PAGE = re.compile(rb"/Type /Page\b(?!s)")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(name, coop, **kwargs):
    return reverse(f"members:{name}", kwargs={"coop_slug": coop.slug, **kwargs})


def postal(coop, **kwargs):
    defaults = {"email": "", "address": "4 rue de Brest", "postal_code": "35000", "city": "Rennes"}
    return admitted_member(coop=coop, **{**defaults, **kwargs})


def pdf_of(job) -> bytes:
    with job.file.open("rb") as stream:
        return stream.read()


@pytest.fixture
def staff_a(coop_a):
    user = UserFactory(email="staff@coop-a.test")
    CoopRoleFactory(user=user, coop=coop_a, role="staff")
    return user


def test_address_block_for_a_window_envelope():
    assert address_lines(
        name="Jeanne RIVIÈRE",
        address="Résidence Les Hortensias, apt 12\n4 rue de Brest",
        postal_code="35000",
        city="Rennes",
    ) == ("Jeanne RIVIÈRE", "Résidence Les Hortensias, apt 12", "4 rue de Brest", "35000 RENNES")
    many = address_lines(name="X", address="\n".join("abcdefgh"), postal_code="1", city="y")
    assert len(many) == 6 and many[-1] == "1 Y"  # six lines at most, town last


def test_one_letter_from_the_member_page(login, coop_a, manager_a):
    member = postal(coop_a, first_name="Jeanne", last_name="Rivière")
    # A letter printed earlier for this member; an e-mail invitation of someone else.
    _old, _code = account_services.invitation_create(
        actor=manager_a,
        channel="letter",
        coop=coop_a,
        coop_role="member",
        payload={"member_id": member.pk},
    )
    response = login(manager_a).post(
        url("member_invite", coop_a, pk=member.pk), {"channel": "letter"}
    )
    job = DocumentJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert (job.kind, job.status, job.pages, job.processed, job.total) == (
        "letters",
        "done",
        1,
        2,
        2,
    )
    assert len(PAGE.findall(pdf_of(job))) == 1
    assert job.expires_at - job.finished_at == datetime.timedelta(days=30)
    new = Invitation.objects.get(payload__letter_job=job.pk)
    assert (new.channel, new.payload["member_id"], new.status) == ("letter", member.pk, "pending")
    _old.refresh_from_db()
    assert _old.status == "revoked"  # the earlier letter stops working
    entry = AuditEntry.objects.get(action="members.letters")
    assert entry.details["letters"] == 1 and entry.details["members"] == [member.number]
    download = login(manager_a).get(url("document_download", coop_a, pk=job.pk))
    assert download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "private, no-store"


def test_letter_candidates_and_their_filters(coop_a):
    residence = ResidenceFactory(coop=coop_a)
    ready = postal(coop_a, residence=residence)
    no_address = postal(coop_a, address="")
    with_email = postal(coop_a, email="a@exemple.fr")
    linked = postal(coop_a, user=UserFactory())
    entity = MemberFactory(coop=coop_a, kind="entity", legal_name="Commune", last_name="")
    candidate = MemberFactory(coop=coop_a, address="1 rue", postal_code="35000", city="Rennes")
    gone = postal(coop_a)
    from viecoop.members import services

    services.member_leave(
        actor=None, member=gone, exit_date=datetime.date(2025, 1, 1), reason="resigned"
    )

    def ids(**filters):
        return set(jobs.letter_candidates(coop=coop_a, **filters).values_list("pk", flat=True))

    assert ids() == {ready.pk, no_address.pk}
    assert ids(without_email=False) == {ready.pk, no_address.pk, with_email.pk}
    assert ids(status="candidate") == {candidate.pk}
    assert ids(status="all") == {ready.pk, no_address.pk, candidate.pk}
    assert ids(residence=residence.pk) == {ready.pk}
    ready_ids = set(
        jobs.letter_candidates(coop=coop_a)
        .filter(jobs.HAS_POSTAL_ADDRESS)
        .values_list("pk", flat=True)
    )
    assert ready_ids == {ready.pk}
    assert linked.pk not in ids(without_email=False) and entity.pk not in ids(status="all")


def test_a_mail_merge_batch_runs_in_the_background_with_progress(
    login, coop_a, staff_a, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(jobs, "INLINE_LETTERS_MAX", 2)
    monkeypatch.setattr(jobs, "INVITATIONS_PER_TRANSACTION", 2)
    seen = []
    monkeypatch.setattr(jobs, "_progress", lambda job, done: seen.append(done))
    members = [postal(coop_a, last_name=f"Nom{i}") for i in range(5)]
    postal(coop_a, last_name="SansAdresse", address="")
    client = login(staff_a)
    page = client.get(url("letters", coop_a))
    assert (page.context["count"], page.context["ready"], page.context["missing_count"]) == (
        6,
        5,
        1,
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            url("letters", coop_a), {"without_email": "on", "status": "admitted"}
        )
    assert len(callbacks) == 1  # the task, enqueued after the commit
    job = DocumentJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.status, job.pages, job.total) == ("done", 5, 10)
    assert seen[:3] == [2, 4, 5] and max(seen) <= 10  # codes in chunks, then pages
    assert len(PAGE.findall(pdf_of(job))) == 5
    assert set(
        Invitation.objects.filter(payload__letter_job=job.pk).values_list(
            "payload__member_id", flat=True
        )
    ) == {m.pk for m in members}
    # While it runs, the page polls a fragment; when done, htmx reloads the page.
    response = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Refresh"] == "true"
    DocumentJob.objects.filter(pk=job.pk).update(status="running", processed=3)
    response = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert b"<progress" in response.content and b"<html" not in response.content


def test_a_failed_batch_cancels_its_codes_and_keeps_the_earlier_letters(
    coop_a, manager_a, monkeypatch
):
    member = postal(coop_a)
    earlier, _code = account_services.invitation_create(
        actor=manager_a,
        channel="letter",
        coop=coop_a,
        coop_role="member",
        payload={"member_id": member.pk},
    )

    def broken(**kwargs):
        raise RuntimeError("printer on fire")

    monkeypatch.setattr(jobs, "letters_pdf", broken)
    job = jobs.letters_job_create(actor=manager_a, coop=coop_a, member_ids=[member.pk])
    assert job.status == "failed"
    assert "pas pu être préparé" in job.error_message
    assert Invitation.objects.get(payload__letter_job=job.pk).status == "revoked"
    earlier.refresh_from_db()
    assert earlier.status == "pending"


def test_letters_are_refused_to_whom_they_cannot_go(coop_a, coop_b, manager_a):
    linked = postal(coop_a, user=UserFactory())
    other = postal(coop_b)
    for ids in ([linked.pk], [other.pk], []):
        with pytest.raises(jobs.DocumentRefused):
            jobs.letters_job_create(actor=manager_a, coop=coop_a, member_ids=ids)


def test_who_sees_which_document(login, coop_a, manager_a, referent_a, member_a):
    letters = jobs.letters_job_create(actor=manager_a, coop=coop_a, member_ids=[postal(coop_a).pk])
    register = jobs.register_job_create(actor=manager_a, coop=coop_a, on=datetime.date(2026, 1, 1))
    assert register.status == "done"
    # A référent reads the register but not the letters (they hold activation codes).
    assert login(referent_a).get(register.get_absolute_url()).status_code == 200
    assert (
        login(referent_a).get(url("document_download", coop_a, pk=register.pk)).status_code == 200
    )
    assert login(referent_a).get(letters.get_absolute_url()).status_code == 403
    assert login(referent_a).get(url("letters", coop_a)).status_code == 403
    assert login(member_a).get(register.get_absolute_url()).status_code == 403
    # Deleted now: the page says so, the file is gone.
    client = login(manager_a)
    client.post(url("document_delete", coop_a, pk=letters.pk))
    letters.refresh_from_db()
    assert letters.status == "expired" and not letters.file
    assert client.get(url("document_download", coop_a, pk=letters.pk)).status_code == 404
    assert AuditEntry.objects.filter(action="document.delete").exists()


def test_the_legal_register_of_a_big_coop_is_made_in_the_background(
    login, coop_b, manager_b, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(jobs, "INLINE_REGISTER_MAX_ROWS", 3)
    moved = admitted_member(coop=coop_b, shares=2, last_name="Déplacé")
    for i in range(3):
        admitted_member(coop=coop_b, last_name=f"Associé{i}")
    # Moved to college B in 2025: on 1 January 2025, the register shows college A.
    from viecoop.members import services

    services.member_update(
        actor=manager_b,
        member=Member.objects.get(pk=moved.pk),
        college=College.objects.get(coop=coop_b, code="B"),
        college_since=datetime.date(2025, 6, 1),
    )
    client = login(manager_b)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url("legal_register", coop_b), {"on": "2025-01-01"})
    job = DocumentJob.objects.get(kind="register")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.status, job.total, job.params["on"]) == ("done", 8, "2025-01-01")
    assert job.pages >= 2 and job.pages == len(PAGE.findall(pdf_of(job)))
    csv = client.get(url("legal_register", coop_b), {"on": "2025-01-01", "format": "csv"})
    assert csv.status_code == 200  # the CSV stays immediate
    line = next(r for r in csv.content.decode("utf-8-sig").splitlines() if "DÉPLACÉ" in r)
    assert ";Usagers;" in line
    after = client.get(url("legal_register", coop_b), {"on": "2025-07-01", "format": "csv"})
    line = next(r for r in after.content.decode("utf-8-sig").splitlines() if "DÉPLACÉ" in r)
    assert ";Autres associés;" in line


def test_purge_deletes_old_files(coop_a, manager_a):
    from django.core.files.base import ContentFile

    job = jobs.letters_job_create(actor=manager_a, coop=coop_a, member_ids=[postal(coop_a).pk])
    fresh = jobs.register_job_create(actor=manager_a, coop=coop_a, on=datetime.date(2026, 1, 1))
    old_import = ImportJob.objects.create(
        coop=coop_a, original_name="r.csv", format="csv", status=ImportJob.Status.DONE
    )
    old_import.file.save("r.csv", ContentFile(b"Nom;Categorie\n"))
    ImportJob.objects.filter(pk=old_import.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=40)
    )
    name = old_import.file.name
    counts = jobs.purge_expired_documents(now=timezone.now() + datetime.timedelta(days=8))
    assert counts == {"documents": 1, "imports": 1}  # the register (7 days), not the letters (30)
    fresh.refresh_from_db()
    job.refresh_from_db()
    assert fresh.status == "expired" and job.status == "done"
    from django.core.files.storage import default_storage

    assert not default_storage.exists(name)
    from django.core.management import call_command

    call_command("purge_member_documents")


def test_letters_page_queries_are_constant(login, coop_a, manager_a):
    def grow(n):
        for i in range(n):
            postal(coop_a, last_name=f"Grow{i}", address="" if i % 2 else "1 rue")
            jobs.letters_job_create(actor=manager_a, coop=coop_a, member_ids=[postal(coop_a).pk])

    assert_constant_queries(login(manager_a), url("letters", coop_a), grow, extra=4)


def test_document_page_queries(login, coop_a, manager_a):
    job = jobs.register_job_create(actor=manager_a, coop=coop_a, on=datetime.date(2026, 1, 1))

    def grow(n):
        for _ in range(n):
            admitted_member(coop=coop_a)

    assert_constant_queries(login(manager_a), job.get_absolute_url(), grow)


def test_members_with_a_letter_not_used_yet_can_be_left_out(coop_a, manager_a):
    first, second = postal(coop_a), postal(coop_a)
    jobs.letters_job_create(actor=manager_a, coop=coop_a, member_ids=[first.pk])
    # A letter for a staff member (no register entry) does not get in the way.
    account_services.invitation_create(
        actor=manager_a, channel="letter", coop=coop_a, coop_role="staff"
    )
    ids = set(jobs.letter_candidates(coop=coop_a, skip_pending=True).values_list("pk", flat=True))
    assert ids == {second.pk}
    assert {first.pk, second.pk} <= set(
        jobs.letter_candidates(coop=coop_a).values_list("pk", flat=True)
    )
