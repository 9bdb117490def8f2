"""ICS files and personal feeds, checked by parsing them back with icalendar."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.urls import reverse
from icalendar import Calendar

from tests.events.factories import make_event, member
from viecoop.events import services
from viecoop.events.ics import event_uid
from viecoop.events.models import CalendarFeed
from viecoop.events.paths import event_url
from viecoop.organizations.models import CoopRole

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def _parse(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return calendar


def _events(calendar):
    return list(calendar.walk("VEVENT"))


def _register(event, user):
    with transaction.atomic():
        return services.registration_create(actor=user, event=event, user=user)


def test_one_event_in_paris_time_across_the_summer_time_change(login, coop_a, member_a):
    # 29 March 2026: clocks go forward at 2:00 in Paris; the event runs over two days.
    start = datetime(2026, 3, 28, 18, 0, tzinfo=PARIS)
    event = make_event(
        coop=coop_a,
        title="Week-end « jardins partagés »",
        starts_at=start,
        ends_at=datetime(2026, 3, 29, 18, 0, tzinfo=PARIS),
        format="in_person",
        place_name="Salle commune",
        city="Rennes",
        online_url="",
    )
    calendar = _parse(login(member_a).get(event_url(event, "ics")))
    (vevent,) = _events(calendar)
    assert vevent["UID"] == event_uid(event)
    assert vevent.start == event.starts_at and vevent.end == event.ends_at
    assert vevent.start.tzinfo is not None
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    utc = ZoneInfo("UTC")
    # Same wall-clock time both days, one hour less in reality: the offsets were applied.
    assert vevent.end.astimezone(utc) - vevent.start.astimezone(utc) == timedelta(hours=23)
    assert vevent["LOCATION"] == "Salle commune, Rennes"
    assert str(vevent["STATUS"]) == "CONFIRMED" and vevent["SEQUENCE"] == 0
    (tz,) = calendar.walk("VTIMEZONE")
    assert tz["TZID"] == "Europe/Paris"
    assert {str(sub.name) for sub in tz.subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert vevent["DTSTAMP"].dt.utcoffset() == timedelta(0)


def test_the_remote_link_only_for_people_with_a_seat(login, coop_a, member_a):
    event = make_event(coop=coop_a, capacity=1, online_url="https://visio.example.org/secret")
    client = login(member_a)
    assert "visio.example.org/secret" not in client.get(event_url(event, "ics")).content.decode()
    _register(event, member_a)
    body = Calendar.from_ical(client.get(event_url(event, "ics")).content)
    assert "visio.example.org/secret" in str(_events(body)[0]["DESCRIPTION"])


def test_uid_stays_sequence_rises_cancelled_stays_in_the_feed(client, coop_a, manager_a):
    event = make_event(coop=coop_a)
    ann = member(coop_a)
    _register(event, ann)
    with transaction.atomic():
        token = services.calendar_feed_create(user=ann)
    feed_url = reverse("events:feed", kwargs={"token": token})
    (before,) = _events(_parse(client.get(feed_url)))
    later = event.starts_at + timedelta(hours=3)
    with transaction.atomic():
        services.event_update(
            actor=manager_a, event=event, starts_at=later, ends_at=later + timedelta(hours=1)
        )
        services.event_cancel(actor=manager_a, event=event, reason="Tempête annoncée")
    (after,) = _events(_parse(client.get(feed_url)))
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == before["SEQUENCE"] + 2
    assert str(after["STATUS"]) == "CANCELLED"
    assert after.start == later


def test_the_feed_lists_seats_and_waiting_lists_not_cancellations(client, coop_a):
    ann = member(coop_a)
    kept, waiting, dropped = (make_event(coop=coop_a, capacity=1) for _ in range(3))
    _register(kept, ann)
    _register(waiting, member(coop_a))
    waiting_reg = _register(waiting, ann)
    with transaction.atomic():
        services.registration_cancel(actor=ann, registration=_register(dropped, ann))
        token = services.calendar_feed_create(user=ann)
    feed = _events(_parse(client.get(reverse("events:feed", kwargs={"token": token}))))
    by_uid = {str(v["UID"]): v for v in feed}
    assert set(by_uid) == {event_uid(kept), event_uid(waiting)}
    assert str(by_uid[event_uid(waiting)]["STATUS"]) == "TENTATIVE"
    assert waiting_reg.is_waitlisted


def test_a_feed_token_is_secret_revocable_and_regenerable(client, coop_a):
    ann = member(coop_a)
    _register(make_event(coop=coop_a), ann)
    with transaction.atomic():
        first = services.calendar_feed_create(user=ann)
    assert first not in CalendarFeed.objects.get(user=ann).token_hash  # only a hash is kept
    url = reverse("events:feed", kwargs={"token": first})
    assert client.get(url).status_code == 200
    with transaction.atomic():
        second = services.calendar_feed_create(user=ann)
    assert client.get(url).status_code == 404  # the old address stops working
    assert client.get(reverse("events:feed", kwargs={"token": second})).status_code == 200
    with transaction.atomic():
        services.calendar_feed_revoke(user=ann)
    assert client.get(reverse("events:feed", kwargs={"token": second})).status_code == 404
    assert client.get(reverse("events:feed", kwargs={"token": "x" * 300})).status_code == 404


def test_a_revoked_role_empties_the_feed(client, coop_a):
    ann = member(coop_a)
    _register(make_event(coop=coop_a), ann)
    with transaction.atomic():
        token = services.calendar_feed_create(user=ann)
    url = reverse("events:feed", kwargs={"token": token})
    assert len(_events(_parse(client.get(url)))) == 1
    CoopRole.objects.filter(user=ann).delete()
    assert _events(_parse(client.get(url))) == []


def test_the_feed_page_shows_the_address_once(login, coop_a, member_a):
    client = login(member_a)
    response = client.post(reverse("events:feed_manage"), {"action": "create"}, follow=True)
    page = response.content.decode()
    feed = CalendarFeed.objects.get(user=member_a)
    address = re.compile(r"/agenda/[\w-]{30,}\.ics")
    assert address.search(page)
    again = client.get(reverse("events:my_events")).content.decode()
    assert not address.search(again)  # shown once only
    assert feed.created_at
    client.post(reverse("events:feed_manage"), {"action": "revoke"})
    assert not CalendarFeed.objects.filter(user=member_a).exists()
