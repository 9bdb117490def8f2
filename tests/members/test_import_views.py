"""Import and export pages: permissions, isolation, the flow, the export round trip."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.members.factories import MemberFactory, admitted_member
from tests.members.samples import SAMPLES
from tests.organizations.factories import CoopFactory, CoopRoleFactory, ResidenceFactory
from tests.utils import count_queries
from viecoop.audit.models import AuditEntry
from viecoop.members.importing import services
from viecoop.members.importing.fields import EXPORT_HEADERS, propose_mapping
from viecoop.members.models import ImportJob, Member, ShareOperation
from viecoop.organizations.models import Coop

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(name, coop, **kwargs):
    return reverse(f"members_import:{name}", kwargs={"coop_slug": coop.slug, **kwargs})


def test_who_may_import_and_export(login, coop_a, manager_a, referent_a, member_a):
    assert login(manager_a).get(url("start", coop_a)).status_code == 200
    assert login(referent_a).get(url("start", coop_a)).status_code == 403
    assert login(referent_a).get(url("export_csv", coop_a)).status_code == 200
    assert login(member_a).get(url("export_csv", coop_a)).status_code == 403
    assert login(member_a).get(url("start", coop_a)).status_code == 403


def test_a_job_of_another_coop_is_404(login, coop_a, coop_b, manager_a, manager_b):
    job = ImportJob.objects.create(
        coop=coop_b, file="private/x.csv", original_name="x.csv", format="csv", headers=["Nom"]
    )
    client = login(manager_a)
    # Through coop A's URL (the job is not coop A's) and through coop B's (not A's coop).
    for name in ("job", "job_rejections"):
        assert client.get(url(name, coop_a, pk=job.pk)).status_code == 404
        assert client.get(url(name, coop_b, pk=job.pk)).status_code == 404
    assert client.post(url("job_confirm", coop_a, pk=job.pk)).status_code == 404
    assert login(manager_b).get(url("job", coop_b, pk=job.pk)).status_code == 200


def test_upload_map_check_confirm(login, coop_a, manager_a, django_capture_on_commit_callbacks):
    ResidenceFactory(coop=coop_a, name="Les Érables")
    ResidenceFactory(coop=coop_a, name="Le Moulin Vert")
    client = login(manager_a)
    with (SAMPLES / "registre-cp1252-point-virgule.csv").open("rb") as handle:
        response = client.post(url("start", coop_a), {"file": handle})
    job = ImportJob.objects.get(coop=coop_a)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.file.name.startswith(f"private/imports/{coop_a.pk}/")
    page = client.get(job.get_absolute_url())
    form = page.context["mapping_form"]
    data = dict(form.initial)
    response = client.post(job.get_absolute_url(), data)
    assert response.status_code == 302
    page = client.get(job.get_absolute_url())
    html = page.content.decode()
    assert 'data-count="create">4<' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("job_confirm", coop_a, pk=job.pk))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Member.objects.filter(coop=coop_a).count() == 4
    page = client.get(job.get_absolute_url())
    assert (
        reverse("members:member_list", kwargs={"coop_slug": coop_a.slug}) in page.content.decode()
    )


def test_mapping_errors_are_shown_on_the_form(login, coop_a, manager_a):
    job = services.import_job_create(
        actor=manager_a,
        coop=coop_a,
        upload=__import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
            "a.csv", "Prénom;Ville\r\nAnne;Rennes\r\n".encode()
        ),
    )
    response = login(manager_a).post(job.get_absolute_url(), {"first_name": "0", "city": "0"})
    assert response.status_code == 200
    errors = response.context["mapping_form"].non_field_errors()
    assert len(errors) == 3  # no name, no category, a column chosen twice


def test_bad_upload_is_a_form_error_not_a_500(login, coop_a, manager_a, settings):
    client = login(manager_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the wording is checked in English
    for name, content in (("vide.csv", b""), ("x.pdf", b"%PDF-1.4"), ("c.xlsx", b"PK\x03\x04x")):
        response = client.post(
            url("start", coop_a),
            {"file": _named(name, content)},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["file"]
    # The 20 MB limit, said on the form.
    big = _named("gros.csv", b"Nom;Categorie\r\n" + b"x" * (20 * 1024 * 1024))
    response = client.post(url("start", coop_a), {"file": big})
    assert "20 MB" in str(response.context["form"].errors["file"])


def _named(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_progress_partial_while_running_then_refresh(login, coop_a, manager_a):
    job = ImportJob.objects.create(
        coop=coop_a,
        file="private/x.csv",
        original_name="x.csv",
        format="csv",
        status=ImportJob.Status.VALIDATING,
        total_rows=30000,
        processed_rows=12000,
    )
    client = login(manager_a)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert "<html" not in html and 'value="12000"' in html and "40 %" in html
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.VALIDATED)
    done = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"


def test_job_page_query_count_does_not_grow_with_the_report(login, coop_a, manager_a):
    client = login(manager_a)
    job = services.import_job_create(
        actor=manager_a, coop=coop_a, upload=_named("r.csv", (SAMPLES / "rejets.csv").read_bytes())
    )
    services.import_job_map(actor=manager_a, job=job, mapping=propose_mapping(job.headers))
    client.get(job.get_absolute_url())
    queries, response = count_queries(lambda: client.get(job.get_absolute_url()))
    assert response.status_code == 200 and queries <= 8
    assert "rejets" in response.content.decode() or "Rejected" in response.content.decode()


def _register(coop):
    ResidenceFactory(coop=coop, name="Les Érables")
    admitted_member(
        coop=coop,
        number="1",
        last_name="Lefèvre",
        first_name="Émilie",
        birth_date=datetime.date(1975, 4, 3),
        email="emilie@exemple.fr",
        postal_code="01000",
        city="Bourg-en-Bresse",
        shares=3,
    )
    MemberFactory(coop=coop, number="2", last_name="Cœur", first_name="Noël", phone="0612345678")
    MemberFactory(
        coop=coop,
        number="3",
        kind=Member.Kind.ENTITY,
        last_name="",
        first_name="",
        legal_name="Commune de Lyon",
        representative="M. le Maire",
        category=coop.member_categories.get(code="collectivite"),
        college=coop.colleges.get(code="collectivites"),
        search_text="3 commune de lyon",
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_reimports_unchanged(
    login, coop_a, manager_a, fmt, federation, django_capture_on_commit_callbacks
):
    _register(coop_a)
    response = login(manager_a).get(url(f"export_{fmt}", coop_a))
    assert response.status_code == 200
    content = response.content
    assert AuditEntry.objects.filter(action="members.export", coop=coop_a).exists()
    if fmt == "csv":
        assert content.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0] == EXPORT_HEADERS
        assert rows[1][6] == "03/04/1975" and rows[1][-1] == "3"
    else:
        sheet = load_workbook(io.BytesIO(content)).worksheets[0]
        assert sheet["G2"].value == datetime.datetime(1975, 4, 3)  # noqa: DTZ001 — Excel dates are naive
        assert sheet["N2"].value == "01000"
    # Into the same register: nothing to change.
    job = services.import_job_create(
        actor=manager_a, coop=coop_a, upload=_named(f"r.{fmt}", content)
    )
    job = services.import_job_map(actor=manager_a, job=job, mapping=propose_mapping(job.headers))
    assert len(job.mapping) == len(EXPORT_HEADERS)
    assert (job.unchanged_count, job.created_count, job.rejected_count) == (3, 0, 0), job.report
    # Into a new coop of the same form: the same register, which exports the same file.
    other = CoopFactory(federation=federation, slug="coop-c", legal_form=Coop.LegalForm.SCIC)
    ResidenceFactory(coop=other, name="Les Érables")
    CoopRoleFactory(user=manager_a, coop=other, role="manager")
    job = services.import_job_create(
        actor=manager_a, coop=other, upload=_named(f"r.{fmt}", content)
    )
    job = services.import_job_map(actor=manager_a, job=job, mapping=propose_mapping(job.headers))
    assert job.created_count == 3 and job.rejected_count == 0, job.report
    with django_capture_on_commit_callbacks(execute=True):
        services.import_job_confirm(actor=manager_a, job=job, valid_rows_only=False)
    assert ShareOperation.objects.get(coop=other).shares == 3
    again = login(manager_a).get(url(f"export_{fmt}", other)).content
    if fmt == "csv":
        assert again == content
    else:
        first = [list(r) for r in load_workbook(io.BytesIO(content)).worksheets[0].values]
        second = [list(r) for r in load_workbook(io.BytesIO(again)).worksheets[0].values]
        assert first == second
