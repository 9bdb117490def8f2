"""Full-text search (PostgreSQL, with its GIN index) and its SQLite fallback; upload checks."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection

from tests.toolbox.factories import PDF, make_resource, odt_file, png_file
from viecoop.toolbox.files import check_resource_file
from viecoop.toolbox.models import Resource
from viecoop.toolbox.search import INDEX_NAME, search_resources

pytestmark = pytest.mark.django_db


def _titles(text):
    return [r.title for r in search_resources(Resource.objects.all(), text)]


def test_search_ranks_title_matches_first_and_ignores_accents(federation):
    make_resource(
        federation=federation,
        title="Lettre d'information",
        summary="Pour informer les associés avant l'assemblée générale.",
    )
    make_resource(federation=federation, title="Guide de l'Assemblée générale", summary="Déroulé.")
    make_resource(federation=federation, title="Repair café", summary="Réparer ensemble.")
    assert _titles("assemblée")[0] == "Guide de l'Assemblée générale"
    assert set(_titles("ASSEMBLEE")) == {"Guide de l'Assemblée générale", "Lettre d'information"}
    assert _titles("café réparer") == ["Repair café"]
    assert len(list(search_resources(Resource.objects.all(), "   "))) == 3  # no filter


@pytest.mark.skipif(connection.vendor != "postgresql", reason="French stemming is PostgreSQL's")
def test_postgresql_stems_french_words(federation):
    make_resource(federation=federation, title="Les assemblées générales", summary="x")
    make_resource(federation=federation, title="Animer des réunions", summary="y")
    assert _titles("assemblée générale") == ["Les assemblées générales"]
    assert _titles("réunion") == ["Animer des réunions"]
    assert _titles('"animer des" -assemblée') == ["Animer des réunions"]  # web search syntax


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL")
def test_postgresql_search_can_use_the_gin_index(federation):
    make_resource(federation=federation, title="Guide", summary="x")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index "
            "JOIN pg_class ON pg_class.oid = indexrelid WHERE relname = %s",
            [INDEX_NAME],
        )
        definition = cursor.fetchone()[0]
    assert "USING gin (search_vector)" in definition
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generation_expression FROM information_schema.columns "
            "WHERE table_name = 'toolbox_resource' AND column_name = 'search_vector'"
        )
        generated = cursor.fetchone()[0]
    assert "to_tsvector('french'" in generated and "search_title" in generated
    qs = search_resources(Resource.objects.all(), "guide")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = qs.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert INDEX_NAME in plan, plan


def _upload(name, data):
    return ContentFile(data, name=name)


def test_accepted_files_are_recognised_by_content():
    assert check_resource_file(_upload("guide.pdf", PDF)).content_type == "application/pdf"
    assert check_resource_file(odt_file()).content_type.endswith("opendocument.text")
    assert check_resource_file(png_file()).content_type == "image/png"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    docx = check_resource_file(_upload("Modèle de lettre.docx", buffer.getvalue()))
    assert docx.content_type.endswith("wordprocessingml.document")
    assert docx.filename == "Modèle_de_lettre.docx"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.exe", b"MZ", "extension"),
        ("page.html", b"<html>", "extension"),
        ("dessin.svg", b"<svg/>", "extension"),
        ("vide.pdf", b"", "empty"),
        ("faux.pdf", b"<script>", "content_mismatch"),
        ("faux.odt", PDF, "content_mismatch"),
        ("faux.docx", PDF, "content_mismatch"),
        ("faux.png", PDF, "content_mismatch"),
    ],
)
def test_refused_files_have_a_clear_reason(name, data, message):
    with pytest.raises(ValidationError) as error:
        check_resource_file(_upload(name, data))
    assert error.value.code == message
    assert str(error.value.message)  # a sentence for people (French by default)


def test_a_jpeg_named_png_is_refused():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="JPEG")
    with pytest.raises(ValidationError):
        check_resource_file(_upload("photo.png", buffer.getvalue()))


def test_size_limit(settings):
    settings.TOOLBOX_MAX_FILE_SIZE = 10
    with pytest.raises(ValidationError) as error:
        check_resource_file(_upload("guide.pdf", PDF))
    assert error.value.code == "too_large"
    assert "10" in error.value.message


def test_list_excerpts_are_plain_text_without_rendering_markdown():
    from viecoop.toolbox.models import markdown_to_plain

    text = "Un **guide** pour [lire](https://exemple.fr) les comptes.\n\n- avant : convocation\n# Titre"
    assert markdown_to_plain(text) == "Un guide pour lire les comptes. avant : convocation Titre"
    assert markdown_to_plain("porte-à-porte, 2-3 fois") == "porte-à-porte, 2-3 fois"
