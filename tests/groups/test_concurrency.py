"""Two coordinators leaving at the same moment: the group keeps one (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection, connections

from tests.groups.factories import add_member, make_group
from viecoop.groups import services
from viecoop.groups.models import Membership

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are a PostgreSQL matter"
    ),
]


def test_two_coordinators_leave_at_once(coop_a, referent_a, manager_a):
    group = make_group(creator=referent_a)
    second = add_member(group, manager_a, role=Membership.Role.COORDINATOR)
    first = group.memberships.get(user=referent_a)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def leave(membership):
        try:
            barrier.wait()
            services.membership_leave(actor=membership.user, membership=membership)
            outcomes.append("left")
        except services.GroupError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=leave, args=(m,)) for m in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["left", "refused"]
    assert group.memberships.filter(status="active", role="coordinator").count() == 1
