"""Every role against every events permission, in its own coop and in another."""

import pytest

from tests.events.factories import make_event, staff
from viecoop.events.models import Event

pytestmark = pytest.mark.django_db


def test_space_permissions(
    coop_a, coop_b, manager_a, referent_a, member_a, manager_b, fed_admin, outsider
):
    a_staff = staff(coop_a)
    for user, network, create_network in (
        (manager_a, True, False),
        (referent_a, True, False),
        (a_staff, True, False),
        (member_a, False, False),
        (fed_admin, True, True),
        (outsider, False, False),
    ):
        assert user.has_perm("events.view_network_events") is network, user
        assert user.has_perm("events.create_network_event") is create_network, user
    assert member_a.has_perm("events.view_coop_events", coop_a)
    assert not member_a.has_perm("events.create_coop_event", coop_a)
    for user in (manager_a, referent_a, a_staff):
        assert user.has_perm("events.create_coop_event", coop_a)
        assert not user.has_perm("events.create_coop_event", coop_b)
    assert not manager_b.has_perm("events.view_coop_events", coop_a)
    assert not fed_admin.has_perm("events.view_coop_events", coop_a)


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        # who: manager_a, referent_a, member_a, manager_b, fed_admin, outsider
        ("coop_members", {"view": "1110 00", "register": "1110 00", "manage": "1100 00"}),
        ("coop_staff", {"view": "1100 00", "register": "1100 00", "manage": "1100 00"}),
    ],
)
def test_coop_event_permissions(
    audience, expected, coop_a, manager_a, referent_a, member_a, manager_b, fed_admin, outsider
):
    event = make_event(coop=coop_a, audience=audience)
    people = [manager_a, referent_a, member_a, manager_b, fed_admin, outsider]
    for perm, flags in expected.items():
        flags = flags.replace(" ", "")
        got = "".join("1" if p.has_perm(f"events.{perm}_event", event) else "0" for p in people)
        assert got == flags, (perm, got)


def test_network_event_permissions(
    coop_a, coop_b, manager_a, referent_a, member_a, manager_b, fed_admin, outsider
):
    people = [manager_a, referent_a, member_a, manager_b, fed_admin, outsider]

    def row(event, perm):
        return "".join("1" if p.has_perm(f"events.{perm}_event", event) else "0" for p in people)

    network = make_event(audience="network")
    assert row(network, "view") == "110110"
    assert row(network, "register") == "110110"
    assert row(network, "manage") == "000010"
    referents = make_event(audience="referents")
    assert row(referents, "view") == "110110"
    assert row(referents, "register") == "010010"
    hosted_by_a = make_event(coop=coop_a, audience="network")
    assert row(hosted_by_a, "manage") == "110010"  # coop A's staff and the federation
    draft = make_event(audience="network", status=Event.Status.DRAFT)
    assert row(draft, "view") == "000010"
    assert row(draft, "register") == "000000"
