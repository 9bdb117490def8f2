"""HTTP semantics shared by every endpoint: errors, language, request id, caching, limits, logs."""

from __future__ import annotations

import logging

import pytest

from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_errors_have_one_shape_with_the_request_id(api_a):
    response = api_a.get("/members/999999", headers={"X-Request-ID": "sync-2026-11-22-0001"})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "code": "not_found",
        "message": "Nothing here, or not in your coop.",
        "request_id": "sync-2026-11-22-0001",
    }
    assert response["X-Request-ID"] == "sync-2026-11-22-0001"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "Rien ici, ou pas dans votre coopérative."),
        ("fr-FR,fr;q=0.9", "Rien ici, ou pas dans votre coopérative."),
        ("en-GB,en;q=0.9", "Nothing here, or not in your coop."),
        ("de-DE,en;q=0.5", "Nothing here, or not in your coop."),
        ("de-DE", "Rien ici, ou pas dans votre coopérative."),
    ],
)
def test_messages_follow_accept_language(token_a, header, message):
    from tests.api.conftest import ApiClient

    api = ApiClient(token_a[1], language=header)
    response = api.get("/members/999999")
    assert response.json()["message"] == message
    assert response["Content-Language"] == (
        "en" if "english" in message.lower() or message.startswith("Nothing") else "fr"
    )
    assert "Accept-Language" in response["Vary"]


def test_validation_messages_are_translated(api_a_fr):
    response = api_a_fr.post("/members", {"last_name": "X", "category": "salarie", "email": "x@"})
    assert (
        response.json()["message"] == "Certaines valeurs ne sont pas valables ; rien n’a été écrit."
    )
    assert response.json()["errors"][0]["message"] == "Ce n’est pas une adresse e-mail valide."


def test_answers_are_never_cached(api_a):
    assert api_a.get("/members")["Cache-Control"] == "no-store"
    assert api_a.get("/members/0")["Cache-Control"] == "no-store"


def test_a_broken_body_is_a_400(api_a):
    response = api_a.post("/members", '{"last_name": ')
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
    not_an_object = api_a.post("/members", "[1, 2]")
    assert not_an_object.status_code in (400, 422)


def test_unknown_paths_and_methods(api_a):
    response = api_a.get("/api/v1/nowhere")
    assert response.status_code == 404 and response.json()["code"] == "unknown_path"
    assert api_a.get("/api/v2/members").json()["code"] == "unknown_path"
    assert api_a.client.delete("/api/v1/members").status_code == 405
    root = api_a.get("/api/v1/").json()
    assert root["docs"] == "http://testserver/api/v1/docs"
    assert root["openapi"] == "http://testserver/api/v1/openapi.json"


def test_rate_limit_per_token(settings, api_a, api_a_read):
    settings.VIECOOP_API_RATE = "3/m"
    first = api_a.get("/token")
    assert (first["RateLimit-Limit"], first["RateLimit-Remaining"]) == ("3", "2")
    api_a.get("/token")
    api_a.get("/token")
    refused = api_a.get("/token")
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert int(refused["Retry-After"]) >= 1
    # Another token has its own allowance.
    assert api_a_read.get("/token").status_code == 200


def test_batches_have_their_own_lower_limit(settings, api_a):
    settings.VIECOOP_API_BULK_RATE = "1/h"
    batch = {"members": [{"number": "1", "last_name": "X", "category": "salarie"}]}
    assert api_a.post("/members/bulk", batch).status_code == 200
    assert api_a.post("/members/bulk", batch).status_code == 429
    assert api_a.get("/members").status_code == 200  # other calls go on


def test_one_log_line_per_call_with_the_token_and_request_id(caplog, coop_a, token_a, api_a):
    MemberFactory(coop=coop_a)
    with caplog.at_level(logging.INFO, logger="viecoop.api"):
        api_a.get("/members", headers={"X-Request-ID": "req-42"})
    (record,) = [r for r in caplog.records if r.name == "viecoop.api"]
    assert record.getMessage().startswith("API GET /api/v1/members → 200 in ")
    assert record.api_token == token_a[0].prefix and record.coop == "coop-a"
    assert record.status_code == 200 and record.duration_ms >= 0
    assert record.request_id == "req-42"
    assert token_a[1] not in record.getMessage()


def test_an_unexpected_failure_is_a_json_500(monkeypatch, caplog, api_a):
    from viecoop.api import selectors

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "api_members", broken)
    with caplog.at_level(logging.ERROR, logger="viecoop.api"):
        response = api_a.get("/members")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert "boom" not in response.content.decode()
    assert any("boom" in (r.exc_text or str(r.exc_info)) for r in caplog.records)


def test_odd_paths_under_the_api_answer_json(api_a):
    for path in ("/api/v1/residences/%0A", "/api/v1/members/x%0Ay", "/api/v1/members/null%2Cnull"):
        for method in ("get", "patch", "post"):
            response = getattr(api_a.client, method)(path, headers=api_a.headers())
            assert response.status_code in (404, 405), (method, path, response.status_code)
            assert response["Content-Type"].startswith("application/json"), (method, path)
