"""A person's data export includes what the network holds about them."""

import pytest

from tests.network.factories import apply, make_referent, published_post
from viecoop.accounts.services import user_export_data
from viecoop.network import services
from viecoop.network.themes import Theme
from viecoop.organizations.models import CoopRole

pytestmark = pytest.mark.django_db


def test_export_has_profile_mandates_motivations_and_writings(coop_a, coop_b, fed_admin):
    person = make_referent(coop_a, themes=[Theme.PROXIMITY], expertise="Jardins partagés")
    CoopRole.objects.create(user=person, coop=coop_b, role="staff")
    apply(person, coop_b, motivation="Aider la coopérative sœur.")
    post = published_post(fed_admin)
    services.comment_create(author=person, post=post, body="Merci pour ce compte rendu.")
    data = user_export_data(user=person)["network"]
    assert data["referent_profile"]["themes"] == ["proximity"]
    assert data["referent_profile"]["expertise"] == "Jardins partagés"
    assert [m["coop"] for m in data["referent_mandates"]] == [coop_a.name]
    assert data["referent_applications"][0]["motivation"] == "Aider la coopérative sœur."
    assert data["news_comments"][0]["body"] == "Merci pour ce compte rendu."


def test_export_of_someone_outside_the_network(outsider):
    data = user_export_data(user=outsider)["network"]
    assert data["referent_profile"] is None and data["referent_applications"] == []
