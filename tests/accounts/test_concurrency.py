"""A one-time code is used once, even when two people submit it at the same instant."""

import threading

import pytest
from django.db import connection, connections

from tests.accounts.factories import UserFactory
from viecoop.accounts import services
from viecoop.organizations.models import CoopRole

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are a PostgreSQL matter"
    ),
]


def test_two_people_racing_for_one_code(coop_a, manager_a):
    invitation, _code = services.invitation_create(
        actor=manager_a, channel="letter", coop=coop_a, coop_role="member", last_name="Martin"
    )
    people = [UserFactory(), UserFactory()]
    barrier = threading.Barrier(len(people))
    outcomes: list[str] = []

    def accept(user):
        try:
            barrier.wait()
            services.invitation_accept(invitation=invitation, user=user)
            outcomes.append("accepted")
        except services.InvitationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted", "refused"]
    assert CoopRole.objects.filter(coop=coop_a, role="member").count() == 1
