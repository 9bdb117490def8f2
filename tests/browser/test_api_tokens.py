"""A manager creates an API token in a real browser, sees it once, and it opens the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.test_accessibility import audit
from tests.browser.test_navigation import _session_cookie
from viecoop.api.models import ApiToken

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_creates_a_token_and_sees_it_once(page, manager_a, coop_a):
    page.context.add_cookies([_session_cookie(page, manager_a)])
    page.goto(page.base_url + reverse("organizations:coop_home", kwargs={"coop_slug": coop_a.slug}))
    page.get_by_role("link", name="Accès API").first.click()
    page.wait_for_selector("h1:has-text('Accès API')")

    page.get_by_label("Nom").fill("Logiciel de gestion locative")
    page.get_by_label("Lecture et écriture").check()
    page.get_by_role("button", name="Créer le jeton").click()

    field = page.locator("[data-new-token]")
    field.wait_for()
    secret = field.input_value()
    token = ApiToken.objects.get(coop=coop_a)
    assert secret.startswith(token.prefix + "_") and token.scope == "write"
    assert "Copiez-le maintenant" in page.locator("main").inner_text()
    assert not audit(page, page.url.removeprefix(page.base_url))

    # The token opens the API of this coop, over HTTP.
    response = page.request.get(
        page.base_url + "/api/v1/token", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status == 200 and response.json()["coop"] == coop_a.slug

    # Once: after a reload only its beginning is there.
    page.reload()
    assert page.locator("[data-new-token]").count() == 0
    assert secret not in page.content()
    assert f"{token.prefix}…" in page.locator("main").inner_text()

    # Revoking asks first, then closes the API to it.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Révoquer").first.click()
    page.wait_for_selector(".badge-error")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_tokens_page_on_a_phone(phone_page, manager_a, coop_a):
    from tests.api.conftest import make_token

    make_token(coop_a, name="Tableau de bord du conseil", scope="read")
    page = phone_page
    page.context.add_cookies([_session_cookie(page, manager_a)])
    page.goto(page.base_url + reverse("api:tokens", kwargs={"coop_slug": coop_a.slug}))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways ({width} px)"
    assert not audit(page, reverse("api:tokens", kwargs={"coop_slug": coop_a.slug}))


def test_api_docs_load_without_any_other_site(page, db):
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(page.base_url) and not request.url.startswith("data:")
            else None
        ),
    )
    page.goto(page.base_url + "/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "viecoop API" in page.locator(".swagger-ui .info .title").inner_text()
    page.get_by_text("/api/v1/members/bulk", exact=True).first.wait_for()
    assert outside == []
