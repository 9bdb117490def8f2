"""A person logs in by e-mail code and walks the main navigation, in a real browser."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code_from_outbox(email: str) -> str:
    message = next(m for m in reversed(mail.outbox) if email in m.to)
    return re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.MULTILINE).group(1)


def _login_by_code(page, email: str) -> None:
    page.goto(page.base_url + reverse("account_login"))
    page.locator(f'a[href="{reverse("account_request_login_code")}"]').first.click()
    page.get_by_label(re.compile("e-mail", re.IGNORECASE)).first.fill(email)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(reverse("account_confirm_login_code")))
    page.get_by_label(re.compile("code", re.IGNORECASE)).first.fill(_code_from_outbox(email))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(page.base_url + reverse("home"))


def _assert_page_ok(page) -> None:
    assert page.locator("main h1").count() >= 1, page.url
    assert "Server Error" not in page.content()


def test_referent_logs_in_by_code_and_walks_the_navigation(page, referent_a, coop_a):
    from tests.organizations.factories import ResidenceFactory

    ResidenceFactory(coop=coop_a, name="Résidence Les Hortensias")
    _login_by_code(page, referent_a.email)
    _assert_page_ok(page)

    # Skip link first, then the coop space and every entry of its menu.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"

    coop_home = reverse("organizations:coop_home", kwargs={"coop_slug": coop_a.slug})
    page.locator(f'a[href="{coop_home}"]:visible').first.click()
    page.wait_for_url(page.base_url + coop_home)
    _assert_page_ok(page)
    assert coop_a.name in page.locator("main").inner_text()

    for name in ("residence_list", "team"):
        target = reverse(f"organizations:{name}", kwargs={"coop_slug": coop_a.slug})
        link = page.locator(f'nav a[href="{target}"]').first
        link.click()
        page.wait_for_url(page.base_url + target)
        _assert_page_ok(page)
        assert page.locator(f'nav a[href="{target}"][aria-current="page"]').count() == 1
        if name == "residence_list":
            assert "Résidence Les Hortensias" in page.locator("main").inner_text()

    # Other spaces are behind the "My spaces" switcher.
    network = reverse("network:home")
    page.locator("nav details summary").first.click()
    page.locator(f'nav a[href="{network}"]:visible').first.click()
    page.wait_for_url(page.base_url + network)
    _assert_page_ok(page)
    assert coop_a.name in page.locator("main").inner_text()

    # A manager-only page is refused, politely.
    page.goto(page.base_url + reverse("audit:coop_log", kwargs={"coop_slug": coop_a.slug}))
    _assert_page_ok(page)


def test_residence_search_updates_in_place(page, referent_a, coop_a):
    from tests.organizations.factories import ResidenceFactory

    ResidenceFactory(coop=coop_a, name="Les Érables")
    ResidenceFactory(coop=coop_a, name="Le Moulin Vert")
    page.context.add_cookies([_session_cookie(page, referent_a)])
    page.goto(
        page.base_url + reverse("organizations:residence_list", kwargs={"coop_slug": coop_a.slug})
    )
    search = page.get_by_role("searchbox").first
    search.fill("moulin")
    search.press("Enter")
    page.wait_for_function("!document.querySelector('#results').innerText.includes('Érables')")
    assert "Le Moulin Vert" in page.locator("#results").inner_text()
    assert "q=moulin" in page.url


def test_phone_width_has_no_horizontal_scroll(phone_page, member_a, coop_a):
    phone_page.context.add_cookies([_session_cookie(phone_page, member_a)])
    for path in (
        "/",
        reverse("organizations:coop_home", kwargs={"coop_slug": coop_a.slug}),
        reverse("accounts:profile"),
    ):
        phone_page.goto(phone_page.base_url + path)
        _assert_page_ok(phone_page)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide on a 360px screen"


def test_login_page_in_english_on_request(page, db):
    page.context.add_cookies([{"name": "viecoop_language", "value": "en", "url": page.base_url}])
    page.goto(page.base_url + reverse("account_login"))
    assert page.locator("html").get_attribute("lang") == "en"


def _session_cookie(page, user) -> dict:
    """A logged-in session for ``user`` (made by Django's test client), as a browser cookie."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": page.base_url}
