"""The last seat, taken by several people at the same moment (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection, connections, transaction

from tests.events.factories import make_event, member
from viecoop.events import services
from viecoop.events.models import Registration

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are a PostgreSQL matter"
    ),
]


def _race(functions) -> list[str]:
    barrier = threading.Barrier(len(functions))
    outcomes: list[str] = []

    def run(function):
        try:
            barrier.wait()
            outcomes.append(function())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_six_people_for_the_last_seat(coop_a):
    event = make_event(coop=coop_a, capacity=3)
    for _ in range(2):
        person = member(coop_a)
        services.registration_create(actor=person, event=event, user=person)
    people = [member(coop_a) for _ in range(6)]

    def take(person):
        return lambda: services.registration_create(actor=person, event=event, user=person).status

    outcomes = _race([take(p) for p in people])
    assert sorted(outcomes) == ["confirmed"] + ["waitlisted"] * 5
    seats = Registration.objects.filter(event=event, status="confirmed").values_list(
        "seat", flat=True
    )
    assert sorted(seats) == [1, 2, 3]


def test_cancel_and_register_at_once_keep_the_order_of_the_waiting_list(coop_a):
    event = make_event(coop=coop_a, capacity=1)
    holder, first_waiting = member(coop_a), member(coop_a)
    seat = services.registration_create(actor=holder, event=event, user=holder)
    services.registration_create(actor=first_waiting, event=event, user=first_waiting)
    newcomers = [member(coop_a) for _ in range(4)]

    def leave():
        with transaction.atomic():
            services.registration_cancel(actor=holder, registration=seat)
        return "left"

    def join(person):
        return lambda: services.registration_create(actor=person, event=event, user=person).status

    _race([leave, *(join(p) for p in newcomers)])
    confirmed = Registration.objects.get(event=event, status="confirmed")
    # Whoever raced, nobody jumped the queue: the seat went to the person waiting first,
    # unless a newcomer got it because the cancellation committed before anyone waited
    # (impossible here: first_waiting waited before the race began).
    assert confirmed.user == first_waiting
    assert Registration.objects.filter(event=event, status="waitlisted").count() == 4
