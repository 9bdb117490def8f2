"""Preparation pages: every view × every role of the coop, forms, and constant query counts."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.organizations.factories import CoopRoleFactory
from tests.utils import assert_constant_queries
from viecoop.assemblies.models import Assembly
from viecoop.assemblies.services import preparation

from .factories import frozen_assembly, in_days, make_assembly, make_voters
from .isolation_samples import SAMPLES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def staff_a(coop_a):
    return CoopRoleFactory(coop=coop_a, role="staff").user


PREP_PAGES = [
    "assemblies:update",
    "assemblies:delete",
    "assemblies:agenda_item_create",
    "assemblies:agenda_item_update",
    "assemblies:resolution_create",
    "assemblies:resolution_update",
    "assemblies:document_add",
    "assemblies:election_create",
    "assemblies:election_update",
    "assemblies:candidate_add",
    "assemblies:record_date",
    "assemblies:voters",
]


@pytest.mark.parametrize("name", PREP_PAGES)
def test_preparation_pages_by_role(name, coop_a, manager_a, referent_a, staff_a, member_a, login):
    kwargs = {"coop_slug": coop_a.slug, **SAMPLES[name](coop_a)}
    kwargs.pop("action", None)
    url = reverse(name, kwargs=kwargs)
    for user in (manager_a, referent_a, staff_a):
        assert login(user).get(url).status_code == 200, (name, user)
    assert login(member_a).get(url).status_code == 403


def test_list_and_detail_by_role(coop_a, manager_a, member_a, login):
    draft = make_assembly(coop=coop_a, title="AGO en préparation")
    called = make_assembly(coop=coop_a, title="AGO convoquée")
    Assembly.objects.filter(pk=called.pk).update(status="convened", rules={"v": 1})
    url = reverse("assemblies:list", kwargs={"coop_slug": coop_a.slug})
    staff_page = login(manager_a).get(url).content.decode()
    assert "AGO en préparation" in staff_page and "AGO convoquée" in staff_page
    member_page = login(member_a).get(url).content.decode()
    assert "AGO en préparation" not in member_page and "AGO convoquée" in member_page
    draft_url = reverse("assemblies:detail", kwargs={"coop_slug": coop_a.slug, "pk": draft.pk})
    assert login(member_a).get(draft_url).status_code == 404
    assert login(manager_a).get(draft_url).status_code == 200


def test_staff_create_an_assembly_with_the_form(coop_a, manager_a, login):
    client = login(manager_a)
    url = reverse("assemblies:create", kwargs={"coop_slug": coop_a.slug})
    response = client.post(url, {"title": "AGO", "kind": "ordinary", "notice": "first"})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(
        url,
        {
            "title": "AGO 2026",
            "kind": "ordinary",
            "notice": "first",
            "starts_at": in_days(40).strftime("%Y-%m-%dT%H:%M"),
            "place": "Salle polyvalente",
        },
    )
    assembly = Assembly.objects.get(title="AGO 2026")
    assert response.status_code == 302 and response["Location"] == assembly.get_absolute_url()


def test_detail_shows_the_engines_warnings(coop_a, manager_a, login):
    # A first notice 5 days before the meeting, an extraordinary resolution in an AGO.
    assembly = make_assembly(coop=coop_a, starts_at=in_days(5), resolutions=0)
    preparation.resolution_save(
        actor=None, assembly=assembly, title="Statuts", kind="extraordinary", text="…"
    )
    page = login(manager_a).get(assembly.get_absolute_url()).content.decode()
    assert "R225-69" in page
    for code in ("notice_too_short", "extraordinary_in_ordinary", "no_voters", "missing_documents"):
        assert f'data-code="{code}"' in page, code


def test_record_date_form_freezes_voters(coop_a, manager_a, login):
    make_voters(coop=coop_a, count=3)
    assembly = make_assembly(coop=coop_a)
    url = reverse("assemblies:record_date", kwargs={"coop_slug": coop_a.slug, "pk": assembly.pk})
    response = login(manager_a).post(url, {"record_date": "2099-01-01"})
    assert response.status_code == 200 and response.context["form"].errors
    response = login(manager_a).post(url, {"record_date": "2025-01-01"})
    assert response.status_code == 302
    assert assembly.voters.count() == 3


def test_document_upload_and_download(coop_a, manager_a, member_a, login):
    assembly = make_assembly(coop=coop_a)
    url = reverse("assemblies:document_add", kwargs={"coop_slug": coop_a.slug, "pk": assembly.pk})
    response = login(manager_a).post(
        url, {"title": "Rapport", "file": SimpleUploadedFile("r.pdf", b"%PDF-1.4 rapport")}
    )
    assert response.status_code == 302
    document = assembly.documents.get()
    download = reverse(
        "assemblies:document_download",
        kwargs={"coop_slug": coop_a.slug, "pk": assembly.pk, "document_pk": document.pk},
    )
    assert b"".join(login(manager_a).get(download).streaming_content) == b"%PDF-1.4 rapport"
    assert login(member_a).get(download).status_code == 404  # still in preparation


def test_voters_page_searches(coop_a, manager_a, login):
    assembly = frozen_assembly(coop=coop_a, voters=2)
    name = assembly.voters.first().name
    url = reverse("assemblies:voters", kwargs={"coop_slug": coop_a.slug, "pk": assembly.pk})
    response = login(manager_a).get(url, {"q": name.split()[0]})
    assert name in response.content.decode()
    response = login(manager_a).get(url, {"q": name}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()


def test_list_and_detail_pages_run_constant_queries(coop_a, manager_a, login):
    client = login(manager_a)

    def more_assemblies(n):
        for _ in range(n):
            make_assembly(coop=coop_a, resolutions=1)

    assert_constant_queries(
        client, reverse("assemblies:list", kwargs={"coop_slug": coop_a.slug}), more_assemblies
    )
    assembly = frozen_assembly(coop=coop_a, voters=2)

    def more_papers(n):
        for i in range(n):
            preparation.resolution_save(actor=None, assembly=assembly, title=f"R{i}", text="…")
            preparation.agenda_item_save(actor=None, assembly=assembly, title=f"Point {i}")
            election = preparation.election_save(
                actor=None, assembly=assembly, title=f"E{i}", seats=1, max_choices=1
            )
            preparation.candidate_save(
                actor=None, election=election, member=make_voters(coop=coop_a, count=1)[0]
            )

    assert_constant_queries(client, assembly.get_absolute_url(), more_papers, extra=4)

    def more_voters(n):
        make_voters(coop=coop_a, count=n)
        from django.utils import timezone

        preparation.voters_freeze(actor=None, assembly=assembly, record_date=timezone.localdate())

    assert_constant_queries(
        client,
        reverse("assemblies:voters", kwargs={"coop_slug": coop_a.slug, "pk": assembly.pk}),
        more_voters,
    )


def test_uploaded_html_is_downloaded_not_shown(coop_a, manager_a, login):
    assembly = make_assembly(coop=coop_a)
    document = preparation.document_add(
        actor=manager_a,
        assembly=assembly,
        title="Piège",
        upload=SimpleUploadedFile("page.html", b"<script>alert(1)</script>", "text/html"),
    )
    url = reverse(
        "assemblies:document_download",
        kwargs={"coop_slug": coop_a.slug, "pk": assembly.pk, "document_pk": document.pk},
    )
    response = login(manager_a).get(url)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Security-Policy"] == "sandbox"
