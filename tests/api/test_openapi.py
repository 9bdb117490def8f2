"""The OpenAPI schema documents every operation; the docs page loads nothing from elsewhere."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.staticfiles import finders

from tests.api.catalogue import CALLS

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method.upper(), path, operation


def test_the_catalogue_covers_every_operation(schema):
    documented = {(method, path) for method, path, _op in operations(schema)}
    assert documented == {call.operation for call in CALLS}


def test_the_schema_is_well_formed(schema):
    assert schema["openapi"].startswith("3.1")
    assert schema["info"]["title"] == "viecoop API"
    assert schema["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"}
    }
    ids = [op["operationId"] for _m, _p, op in operations(schema)]
    assert len(ids) == len(set(ids)) == len(CALLS)
    for method, path, operation in operations(schema):
        assert operation["security"] == [{"TokenAuth": []}], (method, path)
        assert operation.get("summary"), (method, path)
        assert set(operation["responses"]) >= {"401", "422", "429"}, (method, path)
        if method != "GET":
            assert set(operation["responses"]) >= {"403", "409"}, (method, path)
    # Every reference points to a component that exists.
    text = json.dumps(schema)
    for ref in set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', text)):
        assert ref in schema["components"]["schemas"], ref


def test_member_fields_document_the_imports_limits(schema):
    fields = schema["components"]["schemas"]["MemberCreate"]["properties"]
    assert fields["last_name"]["maxLength"] == 150
    assert fields["number"]["maxLength"] == 30
    assert fields["birth_date"]["format"] == "date"
    assert schema["components"]["schemas"]["MemberCreate"]["additionalProperties"] is False


def test_the_docs_page_uses_local_files_only(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "an asset from another site"
    for asset in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        assert finders.find(asset), asset
    assert "swagger-ui-bundle.js" in html
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    # The bundled settings: the schema of this API.
    assert '"url": "/api/v1/openapi.json"' in html
