"""Automated WCAG 2.1 A/AA audit (axe-core) of the main pages, in headless Chromium.

axe catches what machines can (contrast, labels, landmarks, ARIA, names); keyboard
use and reading order are covered by the navigation tests and by people.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from .test_navigation import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def audit(page, path: str) -> list[str]:
    page.goto(page.base_url + path)
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        f"{path}: {v['id']} ({v['impact']}) — {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def test_public_pages(page, db):
    problems = []
    for path in (
        reverse("home"),
        reverse("account_login"),
        reverse("account_request_login_code"),
        reverse("accounts:activate"),
        reverse("account_reset_password"),
        "/page-qui-n-existe-pas/",
    ):
        problems += audit(page, path)
    assert problems == []


def test_member_pages(page, member_a, coop_a):
    page.context.add_cookies([_session_cookie(page, member_a)])
    problems = []
    for path in (
        reverse("home"),
        reverse("organizations:coop_home", kwargs={"coop_slug": coop_a.slug}),
        reverse("accounts:profile"),
        reverse("accounts:deletion_request"),
    ):
        problems += audit(page, path)
    assert problems == []


def test_staff_pages(page, manager_a, coop_a):
    from tests.organizations.factories import ResidenceFactory

    ResidenceFactory.create_batch(3, coop=coop_a)
    page.context.add_cookies([_session_cookie(page, manager_a)])
    kw = {"coop_slug": coop_a.slug}
    problems = []
    for name in ("residence_list", "residence_create", "team", "invite", "coop_settings"):
        problems += audit(page, reverse(f"organizations:{name}", kwargs=kw))
    problems += audit(page, reverse("audit:coop_log", kwargs=kw))
    problems += audit(page, reverse("network:home"))
    # A form sent back with errors must stay accessible too (skip the browser's own checks
    # so the server's messages show).
    page.goto(page.base_url + reverse("organizations:residence_create", kwargs=kw))
    page.evaluate("document.querySelectorAll('main form').forEach(f => f.noValidate = true)")
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator('[aria-invalid="true"]').count() >= 1
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        "async (t) => await axe.run(document, {runOnly: {type: 'tag', values: t}})", WCAG_TAGS
    )
    problems += [
        f"residence form with errors: {v['id']} — {v['help']}" for v in result["violations"]
    ]
    assert problems == []


def test_federation_pages(page, fed_admin):
    page.context.add_cookies([_session_cookie(page, fed_admin)])
    problems = []
    for path in (
        reverse("organizations:federation_home"),
        reverse("organizations:coop_create"),
        reverse("audit:federation_log"),
        reverse("accounts:deletion_requests"),
    ):
        problems += audit(page, path)
    assert problems == []


def test_register_pages(page, manager_a, coop_a):
    from tests.members.factories import admitted_member

    member = admitted_member(coop=coop_a, shares=2, last_name="Durand")
    page.context.add_cookies([_session_cookie(page, manager_a)])
    kw = {"coop_slug": coop_a.slug}
    problems = []
    for path in (
        reverse("members:member_list", kwargs=kw),
        reverse("members:member_detail", kwargs={**kw, "pk": member.pk}),
        reverse("members:member_create", kwargs=kw),
        reverse("members:voting_rights", kwargs=kw),
        reverse("members:ledger", kwargs=kw),
        reverse("members:operation_create", kwargs=kw),
        reverse("members_import:start", kwargs=kw),
    ):
        problems += audit(page, path)
    assert problems == []


def test_member_own_space(page, member_a, coop_a):
    from tests.members.factories import admitted_member

    admitted_member(coop=coop_a, shares=2, user=member_a)
    page.context.add_cookies([_session_cookie(page, member_a)])
    kw = {"coop_slug": coop_a.slug}
    problems = []
    for name in ("my_membership", "my_details", "my_exit_request"):
        problems += audit(page, reverse(f"members:{name}", kwargs=kw))
    assert problems == []
