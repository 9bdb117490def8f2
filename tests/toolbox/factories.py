"""Resources made through the real services (files are tiny but real)."""

from __future__ import annotations

import io
import zipfile

from django.core.files.base import ContentFile

from tests.organizations.factories import FederationFactory
from viecoop.toolbox import services
from viecoop.toolbox.models import Resource

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf_file(name: str = "guide.pdf", data: bytes = PDF) -> ContentFile:
    return ContentFile(data, name=name)


def odt_file(name: str = "modele.odt") -> ContentFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return ContentFile(buffer.getvalue(), name=name)


def png_file(name: str = "affiche.png", size=(20, 30)) -> ContentFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 84, 96)).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=name)


def make_resource(
    *,
    title: str = "Guide de l'assemblée générale",
    summary: str = "Préparer et animer l'assemblée générale.",
    themes=("democratie",),
    state: str = "published",
    kind: str = "file",
    url: str = "",
    federation=None,
    actor=None,
    fmt: str = "guide",
    **audiences,
) -> Resource:
    federation = federation or FederationFactory()
    resource = services.resource_create(
        actor=actor,
        federation=federation,
        title=title,
        summary=summary,
        kind=kind,
        format=fmt,
        themes=list(themes),
        file=pdf_file() if kind == "file" else None,
        url=url,
        **{"for_referents": True, **audiences},
    )
    if state in ("published", "archived"):
        resource = services.resource_set_state(actor=actor, resource=resource, state="published")
    if state == "archived":
        resource = services.resource_set_state(actor=actor, resource=resource, state="archived")
    return resource
