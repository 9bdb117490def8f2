"""Sample URL arguments of the register's coop pages, for the generic isolation test."""

from __future__ import annotations


def _own_category(coop):
    from viecoop.members.models import Category

    category, _created = Category.objects.get_or_create(
        coop=coop, code="isolation", defaults={"name": "Catégorie d'essai"}
    )
    return {"pk": category.pk}


def _member(coop):
    from tests.members.factories import MemberFactory

    return {"pk": MemberFactory(coop=coop).pk}


SAMPLES = {
    "members:category_update": _own_category,
    "members:category_move": _own_category,
    "members:category_delete": _own_category,
    "members:member_consent": _member,
    "members:consent_text_publish": lambda coop: {"purpose": "e_convocation"},
}


def _document_job(coop):
    """A finished register document, with a (tiny) file the download can serve."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from viecoop.members.models import DocumentJob

    name = "private/documents/isolation-sample.pdf"
    default_storage.delete(name)
    default_storage.save(name, ContentFile(b"%PDF-1.4 isolation sample"))
    job = DocumentJob.objects.create(
        coop=coop,
        kind="register",
        status="done",
        params={"on": "2026-01-01"},
        file=name,
        filename="registre.pdf",
    )
    return {"pk": job.pk}


SAMPLES.update(
    {
        "members:document_job": _document_job,
        "members:document_download": _document_job,
        "members:document_delete": _document_job,
    }
)
