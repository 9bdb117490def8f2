"""Categories and colleges: the values a push may use."""

import pytest

pytestmark = pytest.mark.django_db


def test_categories_and_colleges(api_a, api_b):
    categories = api_a.get("/categories").json()
    assert {
        "code": "locataire-cooperateur",
        "name": "Locataire-coopérateur",
        "default_college": "usagers",
    } in categories
    assert len(categories) == 8
    colleges = api_a.get("/colleges").json()
    assert {"code": "usagers", "name": "Usagers", "kind": "users", "weight": 40.0} in colleges
    scp = api_b.get("/colleges").json()
    assert [c["code"] for c in scp] == ["A", "B", "C"] and scp[0]["weight"] is None
