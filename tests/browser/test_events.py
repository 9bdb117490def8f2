"""In a real browser: joining the waiting list of a full event, then getting the seat when
the person holding it cancels; a group member posts a reply in place (htmx)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import transaction

from tests.browser.test_navigation import _session_cookie
from tests.events.factories import make_event, member
from viecoop.events import services
from viecoop.events.models import Registration
from viecoop.events.paths import event_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_full_event_waiting_list_then_promotion(browser, live_server, coop_a, member_a):
    event = make_event(
        coop=coop_a,
        title="Atelier compost",
        capacity=1,
        online_url="https://visio.example.org/compost",
    )
    with transaction.atomic():
        services.registration_create(actor=member_a, event=event, user=member_a)
    bernard = member(coop_a, first_name="Bernard", last_name="Lucas", email="bernard@coop-a.test")
    url = live_server.url + event_url(event)

    waiting = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    waiting.add_cookies([_session_cookie_for(live_server, bernard)])
    page = waiting.new_page()
    page.set_default_timeout(15_000)
    page.goto(url)
    panel = page.locator("#registration")
    assert "complet" in panel.inner_text()
    assert "visio.example.org" not in page.content()  # no seat, no link
    panel.get_by_role("button", name="M’inscrire sur la liste d’attente").click()
    page.wait_for_selector("#registration >> text=n° 1 sur la liste d’attente")
    assert Registration.objects.get(event=event, user=bernard).status == "waitlisted"

    holder = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    holder.add_cookies([_session_cookie_for(live_server, member_a)])
    other = holder.new_page()
    other.set_default_timeout(15_000)
    other.on("dialog", lambda dialog: dialog.accept())  # "Cancel your registration?"
    other.goto(url)
    mail.outbox.clear()
    other.locator("#registration").get_by_role("button", name="Annuler mon inscription").click()
    other.wait_for_selector("#registration >> text=Merci d’avoir libéré votre place")

    page.reload()
    assert "Vous êtes inscrit·e" in page.locator("#registration").inner_text()
    assert "https://visio.example.org/compost" in page.locator("main").inner_text()
    promoted = [m for m in mail.outbox if m.to == [bernard.email]]
    assert len(promoted) == 1 and promoted[0].subject == "Une place est à vous : Atelier compost"
    waiting.close()
    holder.close()


def test_a_member_replies_in_a_group_discussion(page, coop_a, manager_a, member_a):
    from tests.groups.factories import add_member, make_group, start
    from viecoop.groups.audience import group_path

    group = make_group(creator=manager_a, coop=coop_a, name="Jardin partagé")
    add_member(group, member_a)
    discussion = start(group, manager_a, title="Tomates", body="On plante quand ?")
    page.context.add_cookies([_session_cookie(page, member_a)])
    page.goto(page.base_url + group_path(group, "discussion", discussion_pk=discussion.pk))
    page.get_by_label(re.compile("Votre réponse")).fill("En **mai**, après les Saints de glace.")
    page.get_by_role("button", name="Publier ma réponse").click()
    page.wait_for_selector("#messages strong:text('mai')")
    assert page.locator("#messages > li").count() == 2
    assert page.get_by_label(re.compile("Votre réponse")).input_value() == ""  # ready for the next
    assert discussion.messages.count() == 2


def _session_cookie_for(live_server, user) -> dict:
    class _Page:
        base_url = live_server.url

    return _session_cookie(_Page, user)
