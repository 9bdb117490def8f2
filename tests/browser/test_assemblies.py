"""Assemblies in a real browser: an elderly member votes on a phone; staff check someone in at
the door on a tablet and enter the room's totals."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.assemblies.factories import make_assembly, make_voters
from tests.browser.test_navigation import _session_cookie
from tests.members.factories import admitted_member
from viecoop.assemblies.models import AdvanceVote, Attendance, RoomTally
from viecoop.assemblies.services import meeting, notice, preparation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def called(coop_a, member_a):
    admitted_member(coop=coop_a, user=member_a, last_name="Rivière")
    make_voters(coop=coop_a, count=3)
    assembly = make_assembly(coop=coop_a)
    preparation.voters_freeze(actor=None, assembly=assembly, record_date=timezone.localdate())
    notice.notice_send(actor=None, assembly=assembly, acknowledge_warnings=True)
    assembly.refresh_from_db()
    return assembly


def test_member_votes_online_on_a_phone(phone_page, called, member_a):
    page = phone_page
    page.context.add_cookies([_session_cookie(page, member_a)])
    page.goto(page.base_url + called.get_absolute_url())
    page.get_by_role("link", name="Voter en ligne").or_(
        page.get_by_role("link", name="Vote online")
    ).first.click()
    page.wait_for_selector("fieldset.vote-resolution")
    # Big labels: tapping the word ticks the radio.
    fieldsets = page.locator("fieldset.vote-resolution")
    assert fieldsets.count() == 2
    fieldsets.nth(0).locator("label.vote-for").click()
    fieldsets.nth(1).locator("label.vote-against").click()
    page.locator("form.vote-form button[type=submit]").click()
    page.wait_for_selector("[data-receipt]")
    code = page.locator("[data-receipt]").inner_text().strip()
    vote = AdvanceVote.objects.get(voter__member__user=member_a)
    assert vote.receipt_code == code
    assert vote.choices == {"1": "for", "2": "against"}
    assert page.locator("[data-choice=for]").count() == 1
    # The vote can be changed until the cut-off: the form comes back with the choices ticked.
    page.goto(
        page.base_url
        + reverse("assemblies:vote", kwargs={"coop_slug": called.coop.slug, "pk": called.pk})
    )
    assert page.locator("fieldset.vote-resolution").nth(0).locator("input[value=for]").is_checked()


def test_staff_check_in_and_enter_room_totals_on_a_tablet(browser, live_server, called, manager_a):
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 1024, "height": 768}, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    page.context.add_cookies([_session_cookie(page, manager_a)])
    voter = called.voters.exclude(member__user__isnull=False).first()
    kw = {"coop_slug": called.coop.slug, "pk": called.pk}
    page.goto(page.base_url + reverse("assemblies:checkin", kwargs=kw))
    # Name search updates the list in place (htmx), then one tap checks the person in.
    page.fill("#checkin-q", voter.name.split()[0])
    row = page.locator(f"li[data-voter='{voter.number}']")
    row.wait_for()
    row.locator("button[type=submit]").first.click()
    page.locator(f"li[data-voter='{voter.number}'][data-checked-in='present']").wait_for()
    assert Attendance.objects.filter(voter=voter).exists()
    # The quorum board counts them.
    page.goto(page.base_url + reverse("assemblies:quorum", kwargs=kw))
    assert page.locator("[data-present]").inner_text().strip() == "1"
    meeting.meeting_open(actor=manager_a, assembly=called)
    resolution = called.resolutions.order_by("position").first()
    page.goto(
        page.base_url
        + reverse("assemblies:room_vote", kwargs={**kw, "resolution_pk": resolution.pk})
    )
    page.fill("input[name=usagers__for]", "1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{called.get_absolute_url()}*")
    tally = RoomTally.objects.get(resolution=resolution, college="usagers")
    assert tally.votes_for == 1
    context.close()
