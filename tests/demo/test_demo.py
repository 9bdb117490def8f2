import pytest

from viecoop.demo.world import COOPS, PERSONAS, build_demo_world, demo_email
from viecoop.organizations.models import Coop, CoopRole, FederationRole, Residence

pytestmark = pytest.mark.django_db


def test_demo_world_is_realistic_and_idempotent(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build_demo_world()
    counts = (Coop.objects.count(), Residence.objects.count(), CoopRole.objects.count())
    build_demo_world()
    assert (Coop.objects.count(), Residence.objects.count(), CoopRole.objects.count()) == counts
    # Other apps' builders may add coops (the network adds small ones across the regions).
    world = Coop.objects.filter(slug__in=[c.slug for c in COOPS])
    assert world.count() == len(COOPS) >= 5
    assert {c.legal_form for c in world} == {"scp", "scic"}
    assert world.values("region").distinct().count() >= 5
    for coop in world:
        roles = set(coop.roles.values_list("role", flat=True))
        assert roles == {"manager", "referent", "staff", "member"}, coop
    assert FederationRole.objects.filter(
        role="admin", user__email=demo_email(PERSONAS[0][0])
    ).exists()


def test_demo_home_lists_logins(client, settings):
    settings.DEMO_MODE = True
    build_demo_world()
    html = client.get("/").content.decode()
    for local, *_rest in PERSONAS:
        assert demo_email(local) in html
    assert "demo-viecoop-2026" in html


def test_logins_hidden_outside_demo(client, settings):
    settings.DEMO_MODE = False
    build_demo_world()
    assert demo_email(PERSONAS[0][0]) not in client.get("/").content.decode()


def test_demo_search_finds_coops_and_residences(settings):
    from viecoop.organizations.selectors import coop_list, coop_residences

    build_demo_world()
    found = [c.name for c in coop_list(search="cooperatif")]
    assert {"Foyer Coopératif du Nord", "Habitat Coopératif d'Occitanie"} <= set(found)
    assert "Coop Habitat Bretagne" not in found  # accents and case folded, not any word
    bretagne = Coop.objects.get(slug="coop-habitat-bretagne")
    assert [r.name for r in coop_residences(coop=bretagne, search="hortensias")] == [
        "Résidence Les Hortensias"
    ]


def test_demo_banner_says_what_is_relaxed(client, settings, db):
    settings.DEMO_MODE = True
    html = client.get("/").content.decode()
    assert 'class="demo-banner"' in html and "double authentification" in html
    settings.DEMO_MODE = False
    assert 'class="demo-banner"' not in client.get("/").content.decode()
