"""In a real browser: a référent relays a resource to a colleague; a référent answers a campaign;
the toolbox and reports pages pass the axe-core audit and fit a 360 px phone."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.browser.test_accessibility import AXE, WCAG_TAGS, audit
from tests.browser.test_navigation import _session_cookie
from tests.organizations.factories import CoopRoleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def colleague(coop_a):
    user = UserFactory(email="accueil@coop-a.test", first_name="Sophie", last_name="Martin")
    CoopRoleFactory(user=user, coop=coop_a, role="staff")
    return user


def test_referent_relays_a_resource_to_a_colleague(page, federation, coop_a, referent_a, colleague):
    from tests.toolbox.factories import make_resource
    from viecoop.toolbox.models import RelayRecipient

    resource = make_resource(federation=federation, title="Guide de l'assemblée participative")
    make_resource(
        federation=federation,
        title="Affiche Repair café",
        summary="Réparer ensemble entre voisins.",
        themes=("transition",),
    )
    page.context.add_cookies([_session_cookie(page, referent_a)])

    # She finds the guide by searching the toolbox, without reloading the page.
    page.goto(page.base_url + reverse("toolbox:home"))
    search = page.get_by_role("searchbox").first
    search.fill("assemblee")
    page.wait_for_function("!document.querySelector('#results').innerText.includes('Repair')")
    page.locator("#results a", has_text="Guide de l'assemblée participative").click()
    page.wait_for_url(
        page.base_url + reverse("toolbox:resource_detail", kwargs={"pk": resource.pk})
    )

    # She shares it with Sophie, with a note.
    page.get_by_role("link", name=re.compile("Transmettre à des collègues")).click()
    page.get_by_label("Sophie Martin").check()
    page.get_by_label("Note", exact=True).fill("Pour préparer l'accueil de l'AG de juin.")
    page.locator("main form button[type=submit]", has_text="Transmettre").click()
    page.wait_for_url(
        page.base_url + reverse("toolbox:resource_detail", kwargs={"pk": resource.pk})
    )
    assert "transmise à 1 collègue" in page.locator(".messages").inner_text()

    # Sophie receives an e-mail with the note and a link; the resource is under "shared with me".
    message = next(m for m in mail.outbox if colleague.email in m.to)
    assert "Pour préparer l'accueil de l'AG de juin." in message.body
    assert reverse("toolbox:resource_detail", kwargs={"pk": resource.pk}) in message.body
    page.context.clear_cookies()
    page.context.add_cookies([_session_cookie(page, colleague)])
    page.goto(page.base_url + reverse("toolbox:shared_with_me"))
    main = page.locator("main")
    assert "Guide de l'assemblée participative" in main.inner_text()
    assert "Pas encore ouverte" in main.inner_text()
    main.get_by_role("link", name="Guide de l'assemblée participative").click()
    assert "Pour préparer l'accueil de l'AG de juin." in page.locator("main").inner_text()
    assert RelayRecipient.objects.get(user=colleague).read_at is not None


def test_referent_answers_a_campaign(page, federation, coop_a, referent_a):
    from tests.members.factories import admitted_member
    from tests.reports.factories import make_campaign
    from viecoop.reports.models import Answer, CampaignResponse

    for _ in range(3):
        admitted_member(coop=coop_a)
    make_campaign(federation=federation)
    page.context.add_cookies([_session_cookie(page, referent_a)])
    page.goto(page.base_url + reverse("reports:overview", kwargs={"coop_slug": coop_a.slug}))
    page.locator("main .notice a", has_text="Répondre").click()
    page.wait_for_selector("form.campaign-form")

    # The figure the platform knows is there already; she corrects it.
    total = page.get_by_label("Associés au 31/12")
    assert total.input_value() == "3"
    assert "Selon la plateforme : 3" in page.locator("main").inner_text()
    total.fill("4")
    page.get_by_label("Associés touchés").fill("12,5")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_selector(".messages")
    assert CampaignResponse.objects.get(coop=coop_a).state == "draft"

    # Submitting without the required answer is refused, the error is next to the question.
    page.get_by_role("button", name="Envoyer à la fédération").click()
    page.wait_for_selector(".form-errors")
    assert page.locator('[aria-invalid="true"]').count() >= 1
    page.locator("fieldset", has_text="Coopsday organisée").get_by_label("Oui").check()
    page.locator("fieldset", has_text="Principal frein").get_by_label("Information").check()
    page.locator("fieldset", has_text="Soutien de la fédération").get_by_label("4").check()
    page.get_by_role("button", name="Envoyer à la fédération").click()
    page.wait_for_selector(".notice-success")
    assert "Envoyées le" in page.locator("main").inner_text()
    response = CampaignResponse.objects.get(coop=coop_a)
    assert response.state == "submitted"
    answer = Answer.objects.get(response=response, question__label="Associés au 31/12")
    assert (answer.value, answer.prefilled) == ("4", 3)
    assert page.locator("main form.campaign-form").count() == 0  # read-only now


def test_toolbox_and_reports_pages_pass_axe(page, federation, coop_a, referent_a, fed_admin):
    from tests.members.factories import admitted_member
    from tests.reports.factories import jpeg_file, make_campaign, make_concern, make_project
    from tests.toolbox.factories import make_resource
    from viecoop.reports import services as reports
    from viecoop.reports.indicators import Period
    from viecoop.toolbox import services as toolbox

    admitted_member(coop=coop_a)
    resource = make_resource(federation=federation, for_members=True)
    toolbox.resource_add_version(
        actor=None, resource=resource, file=jpeg_file((20, 20), name="a.jpg"), note="v2"
    )
    toolbox.feedback_give(
        actor=referent_a, resource=resource, coop=coop_a, useful=True, comment="Bien"
    )
    project = make_project(coop=coop_a)
    reports.photo_add(actor=None, project=project, image=jpeg_file((60, 40)), alt_text="La fête")
    make_concern(coop=coop_a)
    campaign = make_campaign(federation=federation)
    reports.snapshot_take(period=Period.year(2025))
    kw = {"coop_slug": coop_a.slug}

    page.context.add_cookies([_session_cookie(page, referent_a)])
    problems = []
    for path in (
        reverse("toolbox:home"),
        reverse("toolbox:resource_detail", kwargs={"pk": resource.pk}),
        reverse("toolbox:resource_relay", kwargs={"pk": resource.pk}),
        reverse("toolbox:shared_with_me"),
        reverse("toolbox:propose"),
        reverse("toolbox:member_list", kwargs=kw),
        reverse("toolbox:member_detail", kwargs={**kw, "pk": resource.pk}),
        reverse("reports:overview", kwargs=kw),
        reverse("reports:project_list", kwargs=kw),
        reverse("reports:project_detail", kwargs={**kw, "pk": project.pk}),
        reverse("reports:project_create", kwargs=kw),
        reverse("reports:concern_list", kwargs=kw),
        reverse("reports:concern_create", kwargs=kw),
        reverse("reports:campaign_list", kwargs=kw),
        reverse("reports:campaign_answer", kwargs={**kw, "pk": campaign.pk}),
        reverse("reports:coop_barometer", kwargs=kw),
    ):
        problems += audit(page, path)
    # The campaign form sent back with errors stays accessible.
    page.goto(page.base_url + reverse("reports:campaign_answer", kwargs={**kw, "pk": campaign.pk}))
    page.get_by_role("button", name="Envoyer à la fédération").click()
    page.wait_for_selector(".form-errors")
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        "async (t) => await axe.run(document, {runOnly: {type: 'tag', values: t}})", WCAG_TAGS
    )
    problems += [f"campaign with errors: {v['id']} — {v['help']}" for v in result["violations"]]

    page.context.clear_cookies()
    page.context.add_cookies([_session_cookie(page, fed_admin)])
    for path in (
        reverse("toolbox:manage_list"),
        reverse("toolbox:manage_detail", kwargs={"pk": resource.pk}),
        reverse("toolbox:manage_create"),
        reverse("toolbox:proposals"),
        reverse("toolbox:reach_coops"),
        reverse("reports:dashboard"),
        reverse("reports:federation_projects"),
        reverse("reports:federation_project", kwargs={"pk": project.pk}),
        reverse("reports:federation_concerns"),
        reverse("reports:federation_campaigns"),
        reverse("reports:federation_campaign", kwargs={"pk": campaign.pk}),
        reverse("reports:question_create", kwargs={"pk": campaign.pk}),
        reverse(
            "reports:federation_response", kwargs={"pk": campaign.pk, "coop_slug": coop_a.slug}
        ),
        reverse("reports:federation_barometer"),
    ):
        problems += audit(page, path)
    assert problems == []


def test_phone_width_has_no_horizontal_scroll(
    phone_page, federation, coop_a, referent_a, fed_admin
):
    from tests.reports.factories import make_campaign, make_project
    from tests.toolbox.factories import make_resource

    resource = make_resource(federation=federation)
    make_project(coop=coop_a)
    campaign = make_campaign(federation=federation)
    kw = {"coop_slug": coop_a.slug}
    phone_page.context.add_cookies([_session_cookie(phone_page, referent_a)])
    paths = [
        reverse("toolbox:home"),
        reverse("toolbox:resource_detail", kwargs={"pk": resource.pk}),
        reverse("reports:project_list", kwargs=kw),
        reverse("reports:campaign_answer", kwargs={**kw, "pk": campaign.pk}),
        reverse("reports:coop_barometer", kwargs=kw),
    ]
    for path in paths:
        phone_page.goto(phone_page.base_url + path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide on a 360px screen"
    phone_page.context.clear_cookies()
    phone_page.context.add_cookies([_session_cookie(phone_page, fed_admin)])
    for path in (reverse("reports:dashboard"), reverse("reports:federation_barometer")):
        phone_page.goto(phone_page.base_url + path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide on a 360px screen"
