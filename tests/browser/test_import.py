"""A manager imports the register from a CSV file, in a real browser, upload to confirmation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.test_navigation import _session_cookie
from tests.members.samples import SAMPLES
from tests.organizations.factories import ResidenceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_manager_imports_the_register(page, manager_a, coop_a):
    ResidenceFactory(coop=coop_a, name="Les Érables")
    ResidenceFactory(coop=coop_a, name="Le Moulin Vert")
    page.context.add_cookies([_session_cookie(page, manager_a)])
    page.goto(page.base_url + reverse("members_import:start", kwargs={"coop_slug": coop_a.slug}))
    page.locator("input[type=file]").set_input_files(
        str(SAMPLES / "registre-cp1252-point-virgule.csv")
    )
    page.locator("main form button[type=submit]").first.click()

    # The mapping is proposed from the titles; the extra « Civilité » column is left out.
    page.wait_for_selector("select#id_last_name")
    assert page.locator("select#id_last_name option:checked").inner_text() == "Nom"
    assert page.locator("select#id_category option:checked").inner_text() == "Catégorie"
    page.locator("main form button[type=submit]").last.click()

    # The dry run.
    page.wait_for_selector("[data-count=create]")
    assert page.locator("[data-count=create]").inner_text() == "4"
    assert page.locator("[data-count=reject]").inner_text() == "0"
    page.locator("main form[action$='/importer/'] button[type=submit]").click()

    # Done: the members are in the register.
    page.wait_for_selector(".notice-success")
    page.locator(
        f'main a[href="{reverse("members:member_list", kwargs={"coop_slug": coop_a.slug})}"]'
    ).first.click()
    text = page.locator("main").inner_text()
    for name in ("LEFÈVRE Émilie", "CŒURDEVEY François", "Commune de Saint-Étienne"):
        assert name in text
