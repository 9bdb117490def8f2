"""In a real browser: a member manages their consents; a manager edits the SCIC college
weights, meets the law's limits in French, corrects and saves.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.test_navigation import _session_cookie
from viecoop.members import selectors
from viecoop.members.models import College, ConsentPurpose

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_manages_consents(page, member_a, coop_a):
    from tests.members.factories import admitted_member

    member = admitted_member(
        coop=coop_a,
        user=member_a,
        first_name="Jeanne",
        last_name="Rivière",
        email="jeanne@exemple.fr",
    )
    page.context.add_cookies([_session_cookie(page, member_a)])
    page.goto(page.base_url + reverse("members:my_membership", kwargs={"coop_slug": coop_a.slug}))
    page.get_by_role("link", name="Modifier mes préférences et consentements").click()

    # The text agreed to is on the page, beside its box.
    assert "R. 225-63" in page.locator("main").inner_text()
    page.get_by_label("Par e-mail", exact=True).check()
    page.locator("#id_e_convocation").check()
    page.locator("#id_photos").check()
    page.get_by_role("button", name="Enregistrer mes choix").click()
    page.wait_for_selector(".message-success")
    assert "Vos choix sont enregistrés." in page.locator("main").inner_text()

    state = selectors.consents_of(member=member)
    assert state[ConsentPurpose.E_CONVOCATION].given and state[ConsentPurpose.PHOTOS].given
    assert state[ConsentPurpose.E_CONVOCATION].channel == "online"

    # Changing one's mind: notices by post again.
    page.get_by_role("link", name="Modifier mes préférences et consentements").click()
    assert page.locator("#id_e_convocation").is_checked()
    page.locator("#id_e_convocation").uncheck()
    page.get_by_role("button", name="Enregistrer mes choix").click()
    page.wait_for_selector(".message-success")
    assert selectors.consents_of(member=member)[ConsentPurpose.E_CONVOCATION].given is False
    split = selectors.convocation_channels(coop=coop_a, on=timezone.localdate())
    assert split.by_post == [member.pk]


def test_manager_edits_scic_college_weights(page, manager_a, coop_a):
    page.context.add_cookies([_session_cookie(page, manager_a)])
    page.goto(page.base_url + reverse("members:member_list", kwargs={"coop_slug": coop_a.slug}))
    page.get_by_role("link", name="Réglages du registre").click()
    page.get_by_role("link", name="Collèges").click()

    weight = page.locator("input[name='colleges-0-weight']")  # Usagers, 40 %
    weight.fill("55")
    # The total follows the typing (the server checks it anyway).
    assert page.locator("#weights-total").inner_text() == "115 %"
    page.get_by_role("button", name="Enregistrer les collèges").click()
    errors = page.locator("#college-errors")
    errors.wait_for()
    text = errors.inner_text()
    assert "Les pondérations des collèges totalisent 115 % au lieu de 100 %." in text
    assert "Un collège pèse entre 10 % et 50 % des voix (ici : 55 %)." in text
    assert page.locator("input[name='colleges-0-weight'][aria-invalid='true']").count() == 1
    assert College.objects.get(coop=coop_a, code="usagers").weight == 40

    # Corrected: usagers 45 %, partenaires 15 %.
    page.locator("input[name='colleges-0-weight']").fill("45")
    page.locator("input[name='colleges-3-weight']").fill("15")
    assert page.locator("#weights-total").inner_text() == "100 %"
    page.get_by_role("button", name="Enregistrer les collèges").click()
    page.wait_for_selector(".message-success")
    weights = dict(College.objects.filter(coop=coop_a).values_list("code", "weight"))
    assert (weights["usagers"], weights["partenaires"]) == (45, 15)
