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
        reverse("members:member_consent", kwargs={**kw, "pk": member.pk}),
        reverse("members:letters", kwargs=kw),
        reverse("members:register_settings", kwargs=kw),
        reverse("members:category_list", kwargs=kw),
        reverse("members:colleges", kwargs=kw),
        reverse("members:consent_texts", kwargs=kw),
        reverse("members:consent_text_publish", kwargs={**kw, "purpose": "e_convocation"}),
    ):
        problems += audit(page, path)
    # The colleges form sent back with errors must stay accessible too.
    page.goto(page.base_url + reverse("members:colleges", kwargs=kw))
    page.locator("input[name='colleges-0-weight']").fill("55")
    page.locator("main form[data-college-weights] button[type=submit]").click()
    page.wait_for_selector("#college-errors")
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        "async (t) => await axe.run(document, {runOnly: {type: 'tag', values: t}})", WCAG_TAGS
    )
    problems += [f"colleges with errors: {v['id']} — {v['help']}" for v in result["violations"]]
    assert problems == []


def test_document_pages(page, manager_a, coop_a, settings, tmp_path):
    import datetime

    from viecoop.members.documents import jobs

    settings.MEDIA_ROOT = tmp_path
    job = jobs.register_job_create(actor=manager_a, coop=coop_a, on=datetime.date(2026, 1, 1))
    page.context.add_cookies([_session_cookie(page, manager_a)])
    assert audit(page, job.get_absolute_url()) == []


def test_member_own_space(page, member_a, coop_a):
    from tests.members.factories import admitted_member

    admitted_member(coop=coop_a, shares=2, user=member_a)
    page.context.add_cookies([_session_cookie(page, member_a)])
    kw = {"coop_slug": coop_a.slug}
    problems = []
    for name in ("my_membership", "my_details", "my_preferences", "my_exit_request"):
        problems += audit(page, reverse(f"members:{name}", kwargs=kw))
    assert problems == []


def test_assembly_pages(page, manager_a, member_a, coop_a, settings, tmp_path):
    from django.utils import timezone

    from tests.assemblies.factories import make_assembly, make_voters
    from tests.members.factories import admitted_member
    from viecoop.assemblies.services import meeting, notice, preparation
    from viecoop.assemblies.services.results import meeting_close, results_publish

    settings.MEDIA_ROOT = tmp_path
    admitted_member(coop=coop_a, user=member_a, last_name="Rivière")
    make_voters(coop=coop_a, count=3)
    assembly = make_assembly(coop=coop_a)
    preparation.agenda_item_save(actor=None, assembly=assembly, title="Rapport moral")
    election = preparation.election_save(
        actor=None, assembly=assembly, title="Conseil", seats=1, max_choices=1
    )
    preparation.candidate_save(
        actor=None, election=election, member=assembly.coop.members.exclude(user=member_a).first()
    )
    preparation.voters_freeze(actor=None, assembly=assembly, record_date=timezone.localdate())
    draft = make_assembly(coop=coop_a, title="AGO en préparation")
    notice.notice_send(actor=None, assembly=assembly, acknowledge_warnings=True)
    held = make_assembly(coop=coop_a, title="AGO tenue")
    preparation.voters_freeze(actor=None, assembly=held, record_date=timezone.localdate())
    notice.notice_send(actor=None, assembly=held, acknowledge_warnings=True)
    meeting.check_in(actor=None, assembly=held, voter=held.voters.first())
    meeting.meeting_open(actor=None, assembly=held)
    results_publish(actor=None, assembly=meeting_close(actor=None, assembly=held))

    kw = {"coop_slug": coop_a.slug, "pk": assembly.pk}
    problems = []
    page.context.add_cookies([_session_cookie(page, manager_a)])
    for path in (
        reverse("assemblies:list", kwargs={"coop_slug": coop_a.slug}),
        reverse("assemblies:create", kwargs={"coop_slug": coop_a.slug}),
        reverse("assemblies:detail", kwargs={"coop_slug": coop_a.slug, "pk": draft.pk}),
        reverse("assemblies:resolution_create", kwargs={"coop_slug": coop_a.slug, "pk": draft.pk}),
        reverse("assemblies:record_date", kwargs={"coop_slug": coop_a.slug, "pk": draft.pk}),
        reverse("assemblies:notice", kwargs={"coop_slug": coop_a.slug, "pk": draft.pk}),
        reverse("assemblies:detail", kwargs=kw),
        reverse("assemblies:voters", kwargs=kw),
        reverse("assemblies:paper_forms", kwargs=kw),
        reverse("assemblies:paper_form_new", kwargs={**kw, "kind": "postal"}),
        reverse("assemblies:checkin", kwargs=kw) + "?q=a",
        reverse("assemblies:quorum", kwargs=kw),
        reverse("assemblies:projector", kwargs=kw),
        reverse("assemblies:results", kwargs={"coop_slug": coop_a.slug, "pk": held.pk}),
        reverse("assemblies:governance", kwargs={"coop_slug": coop_a.slug}),
        reverse("assemblies:governance_edit", kwargs={"coop_slug": coop_a.slug}),
        reverse("assemblies:board", kwargs={"coop_slug": coop_a.slug}),
    ):
        problems += audit(page, path)
    page.context.clear_cookies()
    page.context.add_cookies([_session_cookie(page, member_a)])
    for path in (
        reverse("assemblies:detail", kwargs=kw),
        reverse("assemblies:vote", kwargs=kw),
        reverse("assemblies:proxy", kwargs=kw),
        reverse("assemblies:election_vote", kwargs={**kw, "election_pk": election.pk}),
        reverse("assemblies:results", kwargs={"coop_slug": coop_a.slug, "pk": held.pk}),
        reverse("assemblies:receipt_check", kwargs={"coop_slug": coop_a.slug, "pk": held.pk})
        + "?code=AAAA",
    ):
        problems += audit(page, path)
    assert problems == []
