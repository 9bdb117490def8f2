"""A group's meetings are events for its members: the "group" audience in the registry."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests.events.factories import make_event, member, staff
from tests.groups.factories import add_member, make_group
from viecoop.events import services as event_services
from viecoop.events.audiences import audience_options, get_audience
from viecoop.events.paths import event_url
from viecoop.groups import services

pytestmark = pytest.mark.django_db


def _meeting(group, actor, **data):
    start = (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    with transaction.atomic():
        return services.group_meeting_create(
            actor=actor,
            group=group,
            title=data.pop("title", "Réunion"),
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            format="remote",
            **data,
        )


def test_network_group_meetings_for_members_and_the_federation(
    login, coop_a, coop_b, referent_a, manager_b, fed_admin
):
    group = make_group(creator=referent_a, name="Accueil")
    colleague = staff(coop_b)
    add_member(group, colleague)
    meeting = _meeting(group, referent_a, title="Réunion du groupe Accueil")
    assert "Accueil" in get_audience("group").describe(meeting)
    listing = reverse("events:network_list")
    assert "Réunion du groupe Accueil" in login(colleague).get(listing).content.decode()
    assert "Réunion du groupe Accueil" in login(fed_admin).get(listing).content.decode()
    # Network staff outside the group neither see nor open it.
    assert "Réunion du groupe Accueil" not in login(manager_b).get(listing).content.decode()
    assert login(manager_b).get(event_url(meeting)).status_code == 404
    # Members register; the coordinator organises it.
    with transaction.atomic():
        assert event_services.registration_create(
            actor=colleague, event=meeting, user=colleague
        ).is_confirmed
    assert login(referent_a).get(event_url(meeting, "registrations")).status_code == 200
    assert login(colleague).get(event_url(meeting, "registrations")).status_code == 403
    # Leaving the group closes the door.
    membership = group.memberships.get(user=colleague)
    with transaction.atomic():
        services.membership_leave(actor=colleague, membership=membership)
    assert login(colleague).get(event_url(meeting)).status_code == 404


def test_coop_group_meetings_stay_in_the_coop(login, coop_a, manager_a, member_a, manager_b):
    group = make_group(creator=manager_a, coop=coop_a, name="Jardin")
    add_member(group, member_a)
    meeting = _meeting(group, manager_a, title="Matinée au jardin")
    assert (meeting.space, meeting.coop) == ("coop", coop_a)
    assert login(member_a).get(event_url(meeting)).status_code == 200
    not_in_group = member(coop_a)
    assert login(not_in_group).get(event_url(meeting)).status_code == 404
    assert login(manager_b).get(event_url(meeting)).status_code == 404
    # The group's page links the meeting; the event links back to the group.
    page = login(member_a).get(event_url(meeting)).content.decode()
    assert reverse("groups:coop_detail", kwargs={"coop_slug": "coop-a", "pk": group.pk}) in page


def test_the_audience_choices_and_its_checks(
    coop_a, coop_b, referent_a, manager_a, manager_b, fed_admin
):
    network_group = make_group(creator=referent_a, name="Réseau")
    coop_group = make_group(creator=manager_a, coop=coop_a, name="Jardin")
    values = {o.value for o in audience_options(user=referent_a, coop=None)}
    assert f"group:{network_group.pk}" in values  # its coordinator
    assert f"group:{network_group.pk}" in {
        o.value for o in audience_options(user=fed_admin, coop=None)
    }
    assert f"group:{coop_group.pk}" in {
        o.value for o in audience_options(user=manager_a, coop=coop_a)
    }
    assert not {o.value for o in audience_options(user=manager_b, coop=coop_b)} & {
        f"group:{coop_group.pk}"
    }
    # A group's meeting cannot be put in another coop's space, nor point at a missing group.
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_event(coop=coop_b, audience="group", audience_target=coop_group.pk)
    with pytest.raises(ValidationError):
        make_event(audience="group", audience_target=999_999)


def test_event_lists_with_group_meetings_stay_constant(login, coop_a, referent_a):
    from tests.utils import assert_constant_queries

    def grow(n):
        for i in range(n):
            group = make_group(creator=referent_a)
            _meeting(group, referent_a, title=f"Réunion {i}")

    assert assert_constant_queries(login(referent_a), reverse("events:network_list"), grow) <= 13
