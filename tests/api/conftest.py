"""Tokens for the personas' coops and a client that speaks JSON with a bearer token."""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.test import Client

from viecoop.api.models import ApiToken
from viecoop.api.services import api_token_create


def make_token(coop, *, scope=ApiToken.Scope.WRITE, actor=None, **kwargs) -> tuple[ApiToken, str]:
    with transaction.atomic():
        return api_token_create(
            actor=actor,
            coop=coop,
            name=kwargs.pop("name", f"Logiciel {scope}"),
            scope=scope,
            **kwargs,
        )


class ApiClient:
    """``api.get("/members")`` → the response; ``.json()`` works on it."""

    def __init__(self, secret: str | None, language: str | None = None):
        self.client = Client()
        self.secret = secret
        self.language = language

    def headers(self, extra=None) -> dict:
        headers = {}
        if self.secret is not None:
            headers["Authorization"] = f"Bearer {self.secret}"
        if self.language:
            headers["Accept-Language"] = self.language
        headers.update(extra or {})
        return headers

    def url(self, path: str) -> str:
        return path if path.startswith("/api/") else "/api/v1" + path

    def get(self, path, params=None, **kw):
        return self.client.get(
            self.url(path), params or {}, headers=self.headers(kw.pop("headers", None))
        )

    def _send(self, method, path, body, **kw):
        data = body if isinstance(body, (str, bytes)) else json.dumps(body, default=str)
        return getattr(self.client, method)(
            self.url(path),
            data=data,
            content_type="application/json",
            headers=self.headers(kw.pop("headers", None)),
        )

    def post(self, path, body=None, **kw):
        return self._send("post", path, body if body is not None else {}, **kw)

    def put(self, path, body=None, **kw):
        return self._send("put", path, body if body is not None else {}, **kw)

    def patch(self, path, body=None, **kw):
        return self._send("patch", path, body if body is not None else {}, **kw)


@pytest.fixture
def token_a(coop_a, manager_a):
    return make_token(coop_a, actor=manager_a, name="Gestion locative A")


@pytest.fixture
def api_a(token_a):
    return ApiClient(token_a[1], language="en")


@pytest.fixture
def api_a_fr(token_a):
    return ApiClient(token_a[1])


@pytest.fixture
def api_a_read(coop_a, manager_a):
    _token, secret = make_token(
        coop_a, actor=manager_a, scope=ApiToken.Scope.READ, name="Lecture A"
    )
    return ApiClient(secret, language="en")


@pytest.fixture
def api_b(coop_b, manager_b):
    _token, secret = make_token(coop_b, actor=manager_b, name="Gestion locative B")
    return ApiClient(secret, language="en")


@pytest.fixture
def anonymous_api():
    return ApiClient(None, language="en")
