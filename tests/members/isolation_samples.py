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
