"""Every role against the groups' permissions."""

import pytest

from tests.events.factories import member, staff
from tests.groups.factories import add_member, make_group

pytestmark = pytest.mark.django_db


def test_space_permissions(
    coop_a, coop_b, manager_a, referent_a, member_a, manager_b, fed_admin, outsider
):
    a_staff = staff(coop_a)
    rows = []
    for user in (manager_a, referent_a, a_staff, member_a, fed_admin, outsider):
        rows.append(
            (
                user.has_perm("groups.view_network_groups"),
                user.has_perm("groups.create_network_group"),
                user.has_perm("groups.view_coop_groups", coop_a),
                user.has_perm("groups.create_coop_group", coop_a),
            )
        )
    assert rows == [
        (True, False, True, True),  # manager
        (True, True, True, True),  # référent: may start a network group
        (True, False, True, True),  # staff
        (False, False, True, False),  # member
        (True, True, False, False),  # federation: no coop space
        (False, False, False, False),
    ]
    assert not manager_b.has_perm("groups.view_coop_groups", coop_a)


def test_group_permissions(coop_a, coop_b, manager_a, referent_a, member_a, manager_b, fed_admin):
    network = make_group(creator=referent_a)
    plain = staff(coop_b)
    add_member(network, plain)
    people = [referent_a, plain, manager_b, member_a, fed_admin]

    def row(perm, group):
        return "".join("1" if p.has_perm(f"groups.{perm}", group) else "0" for p in people)

    assert row("view_group", network) == "11101"
    assert row("read_group", network) == "11001"
    assert row("post_group", network) == "11000"
    assert row("manage_group", network) == "10001"
    coop_group = make_group(creator=manager_a, coop=coop_a)
    neighbour = member(coop_a)
    add_member(coop_group, neighbour)
    people = [manager_a, referent_a, neighbour, member_a, manager_b, fed_admin]
    assert row("view_group", coop_group) == "111100"
    assert row("read_group", coop_group) == "111000"  # staff look after the coop's groups
    assert row("post_group", coop_group) == "101000"
    assert row("manage_group", coop_group) == "110000"
