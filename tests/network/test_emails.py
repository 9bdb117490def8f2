"""The network's e-mails, rendered in both languages as their recipients read them."""

import datetime

import pytest
from django.core import mail

from tests.network.factories import apply, make_referent, make_staff, published_post
from viecoop.core.mail import render_email
from viecoop.network import services
from viecoop.network.extensions import Meeting
from viecoop.network.models import ReferentMandate

pytestmark = pytest.mark.django_db


MEETING = Meeting(
    title="Rencontre thématique : la parole des associés",
    start=datetime.datetime(2026, 5, 21, 9, 30, tzinfo=datetime.UTC),
    url="/reseau/evenements/12/",
    where="À distance",
)


def _clean(rendered):
    for part in rendered.values():
        assert "{{" not in part and "{%" not in part and "None" not in part
    assert "\n" not in rendered["subject"]
    return rendered


@pytest.fixture
def application(coop_a):
    return apply(make_staff(coop_a, first_name="Inès", last_name="Marchand"), coop_a)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_manager_is_informed(application, manager_a, language):
    rendered = _clean(
        render_email(
            "network_application_manager",
            {
                "application": application,
                "coop": application.coop,
                "person": application.user,
                "recipient": manager_a,
            },
            language,
        )
    )
    if language == "fr":
        assert rendered["subject"] == (
            "Inès Marchand se porte volontaire pour devenir référent vie coopérative"
        )
        assert rendered["body"].startswith("Bonjour Yann,")
        assert "Temps qu'il ou elle souhaite donner : Une demi-journée par mois" in rendered["body"]
    else:
        assert "volunteers to become référent" in rendered["subject"]
        assert rendered["body"].startswith("Hello Yann,")
    assert "/c/coop-a/referents/" in rendered["body"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_welcome_email_with_first_steps_and_meetings(application, fed_admin, language):
    application.decision_message = "Au plaisir de vous voir le 21 mai !"
    context = {
        "application": application,
        "coop": application.coop,
        "welcomer": fed_admin,
        "meetings": [MEETING],
        "recipient": application.user,
    }
    rendered = _clean(render_email("network_welcome", context, language))
    body, html = rendered["body"], rendered["html"]
    assert "Coop Habitat Test A" in rendered["subject"]
    for text in (body, html):
        assert "Au plaisir de vous voir le 21 mai !" in text
        assert "/reseau/mon-profil/" in text and "/reseau/referents/" in text
        assert "/reseau/evenements/12/" in text
    assert "la parole des associés" in body
    if language == "fr":
        assert "Vos premiers pas :" in body and "1. Complétez votre profil" in body
        assert "jeudi 21 mai 2026" in body
        assert '<html lang="fr">' in html
    else:
        assert "Your first steps:" in body and "Thursday 21 May 2026" in body


def test_welcome_email_without_meetings(application, fed_admin):
    context = {
        "application": application,
        "coop": application.coop,
        "welcomer": fed_admin,
        "meetings": [],
        "recipient": application.user,
    }
    rendered = _clean(render_email("network_welcome", context, "fr"))
    assert "Aucune rencontre n'est encore prévue" in rendered["body"]
    assert "Aucune rencontre n'est encore prévue" in rendered["html"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_decline_email_gives_the_reason(application, fed_admin, language):
    application.decision_message = "Votre coopérative a déjà deux référents."
    rendered = _clean(
        render_email(
            "network_application_declined",
            {
                "application": application,
                "coop": application.coop,
                "decider": fed_admin,
                "recipient": application.user,
            },
            language,
        )
    )
    assert "Votre coopérative a déjà deux référents." in rendered["body"]
    assert "Claire Morel" in rendered["body"]
    if language == "fr":
        assert rendered["subject"] == "Votre candidature pour devenir référent vie coopérative"


def test_every_other_network_email_renders(
    coop_a, manager_a, referent_a, fed_admin, django_capture_on_commit_callbacks
):
    """Drive each flow once and look at what actually leaves, in French."""
    with django_capture_on_commit_callbacks(execute=True):
        post = services.news_create(author=referent_a, title="Fête des voisins", body="…")
        services.news_reject(actor=fed_admin, post=post, note="Ajoutez la date.")
        services.news_update(actor=referent_a, post=post, title="Fête du 21 juin", body="…")
        post = services.news_publish(actor=fed_admin, post=post)
        comment = services.comment_create(author=manager_a, post=post, body="J'y serai.")
        services.comment_hide(actor=fed_admin, comment=comment, reason="Doublon.")
        own = published_post(fed_admin)
        services.comment_create(author=referent_a, post=own, body="Merci !")
        other = make_referent(coop_a, first_name="Luc")
        services.mandate_step_down(user=other, mandate=ReferentMandate.objects.get(user=other))
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [
        "Actualité à modérer : Fête des voisins",
        "Votre actualité est à retoucher : Fête des voisins",
        "Actualité à modérer : Fête du 21 juin",
        "Votre actualité est publiée : Fête du 21 juin",
        "Nouveau commentaire sur « Fête du 21 juin »",
        "Votre commentaire sur « Fête du 21 juin » a été masqué",
        "Nouveau commentaire sur « Rencontre de printemps »",
        f"{other} n'est plus référent de Coop Habitat Test A",
        f"{other} n'est plus référent de Coop Habitat Test A",
    ]
    for message in mail.outbox:
        assert "{{" not in message.body and "None" not in message.body
    assert "Ajoutez la date." in mail.outbox[1].body
    assert "Doublon." in mail.outbox[5].body and mail.outbox[5].reply_to == [fed_admin.email]
    assert "a quitté sa fonction de référent" in mail.outbox[-1].body
