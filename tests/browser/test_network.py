"""The network in a real browser: "Devenir référent" through validation, the map by keyboard,
the network's pages audited by axe and at phone width."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.browser.test_accessibility import audit
from tests.browser.test_navigation import _session_cookie
from tests.network.factories import apply, make_referent, make_staff, published_post
from tests.organizations.factories import CoopFactory, ResidenceFactory
from viecoop.network import services
from viecoop.network.models import ReferentMandate, ReferentProfile
from viecoop.network.themes import Theme
from viecoop.organizations.models import CoopRole

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _as(page, user):
    page.context.clear_cookies()
    page.context.add_cookies([_session_cookie(page, user)])


def test_devenir_referent_through_validation(
    page, browser, live_server, coop_a, manager_a, fed_admin
):
    staff = make_staff(coop_a, first_name="Inès", last_name="Marchand", email="ines@coop-a.test")

    # Inès volunteers from the network's home page.
    _as(page, staff)
    page.goto(page.base_url + reverse("network:home"))
    page.locator("main").get_by_role("link", name="Devenir référent").click()
    page.wait_for_url(re.compile(reverse("network:volunteer")))
    page.get_by_label("Pourquoi voulez-vous devenir référent ?").fill(
        "J'accueille les nouveaux associés et j'aimerais les inviter à l'assemblée générale."
    )
    page.get_by_label("Temps que vous pouvez donner").fill("Deux heures par semaine")
    page.get_by_role("button", name="Envoyer ma candidature").click()
    page.wait_for_url(page.base_url + reverse("network:home"))
    assert "Merci ! Votre candidature a été envoyée" in page.locator(".messages").inner_text()
    assert "chargée de mission" in page.locator("main").inner_text()
    # Her manager and the chargée de mission were told.
    assert {m.to[0] for m in mail.outbox} == {manager_a.email, fed_admin.email}

    # Claire, the chargée de mission, finds it from her dashboard and welcomes her.
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    claire = context.new_page()
    claire.base_url = live_server.url
    claire.context.add_cookies([_session_cookie(claire, fed_admin)])
    claire.goto(claire.base_url + reverse("organizations:federation_home"))
    claire.locator("main").get_by_role("link", name="Candidatures à traiter").click()
    claire.get_by_role("link", name="Inès Marchand").click()
    assert "J'accueille les nouveaux associés" in claire.locator("main").inner_text()
    claire.get_by_label("Un mot d'accueil (facultatif)").fill("Bienvenue Inès, à très vite !")
    claire.get_by_role("button", name="Accueillir comme référent").click()
    claire.wait_for_url(claire.base_url + reverse("network:applications"))
    assert (
        "est maintenant référent de Coop Habitat Test A" in claire.locator(".messages").inner_text()
    )
    context.close()

    # Inès is référent, with a mandate, and her welcome e-mail lists her first steps.
    assert CoopRole.objects.filter(user=staff, coop=coop_a, role="referent").exists()
    assert ReferentMandate.objects.get(user=staff).is_open
    welcome = mail.outbox[-1]
    assert welcome.to == [staff.email] and "Bienvenue Inès, à très vite !" in welcome.body
    assert "Vos premiers pas" in welcome.body

    # Back on the network, she completes her profile.
    page.goto(page.base_url + reverse("network:home"))
    assert "Vous êtes référent" in page.locator("main").inner_text()
    page.get_by_role("link", name="Mon profil dans le réseau").first.click()
    page.get_by_label("Démocratie").check()
    page.get_by_label("Accueil des nouveaux associés").check()
    page.get_by_label("Expertise").fill("Livret d'accueil et café des nouveaux associés")
    page.get_by_role("button", name="Enregistrer mon profil").click()
    page.wait_for_url(re.compile(r"/reseau/referents/\d+/$"))
    main = page.locator("main").inner_text()
    assert "Inès Marchand" in main and "Accueil des nouveaux associés" in main


def test_map_tiles_are_links_reached_by_keyboard(page, referent_a, coop_a, coop_b):
    _as(page, referent_a)
    page.goto(page.base_url + reverse("network:directory"))
    tile = page.locator("a.region-tile[href$='region=ARA']")
    assert (
        tile.get_attribute("aria-label") == "Auvergne-Rhône-Alpes — ARA 1 coopérative, 0 référent"
    )
    tile.focus()
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith("region=ARA")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("region=ARA"))
    assert [h.inner_text() for h in page.locator(".coop-card h2").all()] == [coop_b.name]
    assert page.locator("a.region-tile[aria-current='true']").get_attribute("href").endswith("ARA")
    # The same figures as a table, for those who prefer it.
    page.locator(".regions-table summary").click()
    assert "Auvergne-Rhône-Alpes" in page.locator(".regions-table table").inner_text()


def test_theme_filter_updates_in_place(page, referent_a, coop_a, coop_b):
    make_referent(coop_b, first_name="Hélène", last_name="Vasseur", themes=[Theme.ECOLOGY])
    _as(page, referent_a)
    page.goto(page.base_url + reverse("network:referent_list"))
    page.get_by_label("Thème d'intérêt").select_option("ecology")
    page.wait_for_function("!document.querySelector('#results').innerText.includes('Le Goff')")
    assert "Hélène Vasseur" in page.locator("#results").inner_text()
    assert "theme=ecology" in page.url


def _network_world(coop_a, coop_b, fed_admin):
    ResidenceFactory(coop=coop_a)
    referent = make_referent(
        coop_a, first_name="Awa", last_name="Diallo", themes=[Theme.DEMOCRACY, Theme.EVENTS],
        expertise="Assemblées générales", email="awa@coop-a.test",
    )  # fmt: skip
    profile = ReferentProfile.objects.get(user=referent)
    profile.bio = "Référente depuis **2020**."
    profile.save()
    CoopFactory(
        federation=coop_a.federation, name="Coop Sans Référent", region="GUA", department="971"
    )
    application = apply(make_staff(coop_b), coop_b)
    post = published_post(fed_admin, title="Première rencontre", body="- un\n- deux")
    services.comment_create(author=referent, post=post, body="Merci !")
    return referent, profile, application, post


def test_network_pages_are_accessible(page, coop_a, coop_b, referent_a, fed_admin):
    referent, profile, application, post = _network_world(coop_a, coop_b, fed_admin)
    mandate = ReferentMandate.objects.get(user=referent)
    _as(page, referent)
    problems = []
    for path in (
        reverse("network:home"),
        reverse("network:directory"),
        reverse("network:directory") + "?region=BRE&theme=democracy",
        reverse("network:referent_list"),
        reverse("network:referent_detail", kwargs={"pk": profile.pk}),
        reverse("network:my_profile"),
        reverse("network:step_down", kwargs={"pk": mandate.pk}),
        reverse("network:news_list"),
        reverse("network:news_detail", kwargs={"pk": post.pk}),
        reverse("network:news_create"),
        reverse("network:coop_referents", kwargs={"coop_slug": coop_a.slug}),
    ):
        problems += audit(page, path)
    _as(page, make_staff(coop_a))
    problems += audit(page, reverse("network:volunteer"))
    _as(page, fed_admin)
    for path in (
        reverse("organizations:federation_home"),
        reverse("network:applications"),
        reverse("network:application_review", kwargs={"pk": application.pk}),
        reverse("network:coops_without_referent"),
        reverse("network:news_moderation"),
        reverse("network:news_detail", kwargs={"pk": post.pk}),
    ):
        problems += audit(page, path)
    assert problems == []


def test_network_pages_fit_a_phone(phone_page, coop_a, coop_b, referent_a, fed_admin):
    referent, profile, application, post = _network_world(coop_a, coop_b, fed_admin)
    _as(phone_page, referent)
    paths = [
        reverse("network:home"),
        reverse("network:directory"),
        reverse("network:referent_list"),
        reverse("network:referent_detail", kwargs={"pk": profile.pk}),
        reverse("network:my_profile"),
        reverse("network:news_detail", kwargs={"pk": post.pk}),
    ]
    for path in paths:
        phone_page.goto(phone_page.base_url + path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide on a 360px screen"
    _as(phone_page, fed_admin)
    for path in (
        reverse("network:application_review", kwargs={"pk": application.pk}),
        reverse("network:coops_without_referent"),
    ):
        phone_page.goto(phone_page.base_url + path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide on a 360px screen"
