"""axe-core audit (WCAG 2.1 A/AA) of the events and working groups pages, desktop and phone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests.events.factories import make_event, member
from tests.groups.factories import add_member, make_group, post, start
from viecoop.events import services
from viecoop.events.paths import event_url
from viecoop.groups import services as group_services
from viecoop.groups.audience import group_path

from .test_accessibility import audit
from .test_navigation import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _event_world(coop_a, manager_a, member_a):
    event = make_event(
        coop=coop_a, title="Fête des voisins", capacity=2, agenda="- apéritif\n- **dîner**"
    )
    with transaction.atomic():
        services.registration_create(
            actor=member_a, event=event, user=member_a, comment="Végétarienne"
        )
        for _ in range(2):
            person = member(coop_a)
            services.registration_create(actor=person, event=event, user=person)
        services.minutes_save(actor=manager_a, event=event, minutes="## Décisions\n- oui")
        services.document_add(
            actor=manager_a,
            event=event,
            title="Affiche",
            file=ContentFile(b"x", name="affiche.pdf"),
        )
    return event


def test_events_pages(page, coop_a, manager_a, member_a):
    event = _event_world(coop_a, manager_a, member_a)
    make_event(audience="network", title="Rencontre du réseau")
    kw = {"coop_slug": coop_a.slug}
    month = timezone.localtime(timezone.now() + timedelta(days=7)).strftime("%Y-%m")
    page.context.add_cookies([_session_cookie(page, manager_a)])
    problems = []
    for path in (
        reverse("events:coop_list", kwargs=kw),
        reverse("events:coop_list", kwargs=kw) + f"?vue=mois&mois={month}",
        reverse("events:coop_create", kwargs=kw),
        event_url(event),
        event_url(event, "update"),
        event_url(event, "registrations") + "?q=a",
        event_url(event, "attendance"),
        event_url(event, "minutes"),
        event_url(event, "cancel"),
        reverse("events:network_list"),
        reverse("events:my_events"),
    ):
        problems += audit(page, path)
    assert problems == []


def test_events_pages_for_a_member_on_a_phone(phone_page, coop_a, manager_a, member_a):
    event = _event_world(coop_a, manager_a, member_a)
    phone_page.context.add_cookies([_session_cookie(phone_page, member_a)])
    problems = []
    for path in (
        event_url(event),
        reverse("events:coop_list", kwargs={"coop_slug": coop_a.slug}),
        reverse("events:my_events"),
    ):
        problems += audit(phone_page, path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide on a 360px screen"
    assert problems == []


def test_groups_pages(page, coop_a, referent_a, manager_a):
    group = make_group(creator=referent_a, name="Accueil des associés", policy="moderated")
    add_member(group, manager_a)
    discussion = start(group, referent_a, title="Livret", body="La **v2** est en ligne.")
    post(discussion, manager_a, "Je relis.", reply_to=discussion.messages.first())
    with transaction.atomic():
        document = group_services.document_add(
            actor=referent_a, group=group, title="Trame", file=ContentFile(b"x", name="trame.odt")
        )
        deliverable = group_services.deliverable_save(
            actor=referent_a, group=group, title="Livret type", description="Trame", final=True
        )
        group_services.membership_join(user=_staff(coop_a), group=group, motivation="Je veux aider")
    page.context.add_cookies([_session_cookie(page, referent_a)])
    problems = []
    for path in (
        reverse("groups:network_list"),
        reverse("groups:network_create"),
        group_path(group),
        group_path(group, "update"),
        group_path(group, "members") + "?q=a",
        group_path(group, "discussions"),
        group_path(group, "discussion", discussion_pk=discussion.pk),
        group_path(group, "discussion_create"),
        group_path(group, "documents"),
        group_path(group, "document", document_pk=document.pk),
        group_path(group, "deliverables"),
        group_path(group, "deliverable", deliverable_pk=deliverable.pk),
        group_path(group, "meeting_create"),
    ):
        problems += audit(page, path)
    assert problems == []


def _staff(coop):
    from tests.events.factories import staff

    return staff(coop)
