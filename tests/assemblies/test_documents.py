"""The attendance sheet and the minutes, rendered and read back with pypdf."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.members.factories import admitted_member
from viecoop.assemblies.models import AssemblyJob
from viecoop.assemblies.services import meeting, notice, voting
from viecoop.assemblies.services.results import meeting_close, results_publish

from .factories import frozen_assembly

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def held(coop_a, member_a):
    """A closed assembly: one present, one represented, one online, one absent."""
    admitted_member(coop=coop_a, user=member_a, last_name="Rivière")
    assembly = frozen_assembly(coop=coop_a, voters=3)
    notice.notice_send(actor=None, assembly=assembly, acknowledge_warnings=True)
    assembly.refresh_from_db()
    v = list(assembly.voters.order_by("pk"))
    voting.proxy_give(actor=None, assembly=assembly, giver=v[1], holder=v[0])
    voting.advance_vote_record(
        actor=None,
        assembly=assembly,
        voter=v[2],
        channel="online",
        choices={r.pk: "for" for r in assembly.resolutions.all()},
        added_resolutions="against",
    )
    meeting.check_in(actor=None, assembly=assembly, voter=v[0])
    meeting.meeting_open(actor=None, assembly=assembly)
    for resolution in assembly.resolutions.all():
        meeting.room_tally_save(actor=None, resolution=resolution, tallies={"usagers": {"for": 2}})
    assembly = meeting_close(actor=None, assembly=assembly)
    assembly.voters_list = v
    return assembly


def url(name, assembly):
    return reverse(name, kwargs={"coop_slug": assembly.coop.slug, "pk": assembly.pk})


def test_attendance_sheet_lists_how_each_voter_takes_part(held, manager_a, member_a, login):
    assert login(member_a).get(url("assemblies:attendance_sheet", held)).status_code == 403
    response = login(manager_a).get(url("assemblies:attendance_sheet", held))
    assert response["Content-Type"] == "application/pdf"
    pages, text = pdf_text(response.content)
    assert pages == 1
    v = held.voters_list
    for voter in v:
        assert voter.number in text
    assert "Represented by" in text or "Représenté" in text
    assert "Online vote" in text or "Vote en ligne" in text


def test_long_attendance_sheets_are_built_in_the_background(
    held, manager_a, login, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("viecoop.assemblies.views.documents.INLINE_MAX", 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(manager_a).get(url("assemblies:attendance_sheet", held))
    job = AssemblyJob.objects.get(kind="attendance")
    assert response.status_code == 302 and str(job.pk) in response["Location"]
    assert job.status == AssemblyJob.Status.DONE and job.file
    pages, _text = pdf_text(job.file.read())
    assert pages >= 1


def test_minutes_give_quorum_votes_and_outcome(held, manager_a, member_a, login):
    assert login(member_a).get(url("assemblies:minutes", held)).status_code == 404  # not published
    response = login(manager_a).get(url("assemblies:minutes", held))
    assert response["Content-Type"] == "application/pdf"
    _pages, text = pdf_text(response.content)
    flat = " ".join(text.split())
    assert held.title in flat
    assert held.results_hash in text.replace("\n", "")
    for resolution in held.resolutions.all():
        assert resolution.title in flat
    results_publish(actor=None, assembly=held)
    assert login(member_a).get(url("assemblies:minutes", held)).status_code == 200


def test_a_large_attendance_sheet_stays_fast(coop_b):
    """Page-sized tables of 22 lines (10,000 voters are measured in bench/)."""
    import time

    from viecoop.assemblies.documents.attendance import attendance_sheet_pdf

    from .factories import make_voters

    make_voters(coop=coop_b, count=60)
    assembly = frozen_assembly(coop=coop_b, voters=0)
    started = time.perf_counter()
    pages, _text = pdf_text(attendance_sheet_pdf(assembly=assembly))
    assert time.perf_counter() - started < 10
    assert pages == 3  # 60 voters, 22 per page
