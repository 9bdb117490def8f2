"""The cohort is an audience of the events app: everyone in the network sees the training
days, only the session's cohort (and the federation) registers."""

import pytest
from django.urls import reverse

from tests.network.factories import make_staff
from tests.training.factories import enrolled, make_programme, make_session
from viecoop.events import selectors as event_selectors
from viecoop.events import services as event_services
from viecoop.events.audiences import audience_options, get_audience
from viecoop.training.audiences import CohortAudience

pytestmark = pytest.mark.django_db


def test_the_cohort_is_in_the_events_registry():
    assert isinstance(get_audience("cohort"), CohortAudience)


def test_the_network_sees_training_days_only_the_cohort_registers(
    coop_a, coop_b, fed_admin, member_a
):
    programme = make_programme(fed_admin, title="Promotion 2025")
    session = make_session(programme, fed_admin, number=2)
    event = session.event
    participant = enrolled(session, coop_a, fed_admin)
    colleague = make_staff(coop_b)
    kind = get_audience("cohort")
    assert kind.can_view(colleague, event) and not kind.can_view(member_a, event)
    assert kind.can_register(participant, event) and kind.can_register(fed_admin, event)
    assert not kind.can_register(colleague, event)
    assert list(kind.eligible_users(event)) == [participant]
    assert kind.describe(event) == "Cohorte de « Promotion 2025 », session 2"
    assert kind.describe_many([event]) == {event.pk: kind.describe(event)}
    assert kind.target_url(event) == session.get_absolute_url()
    with pytest.raises(event_services.RegistrationError):
        event_services.registration_create(actor=colleague, event=event, user=colleague)
    # The events lists use the audience's Q: colleagues see it, members do not.
    visible = event_selectors.event_list(user=colleague, space="network")
    assert event in visible
    assert event not in event_selectors.event_list(user=member_a, space="network")


def test_only_the_federation_offers_cohorts_as_audience(coop_a, fed_admin, manager_a):
    session = make_session(make_programme(fed_admin), fed_admin)
    federation_options = [o.value for o in audience_options(user=fed_admin, coop=None)]
    assert f"cohort:{session.pk}" in federation_options
    assert not any(o.key == "cohort" for o in audience_options(user=manager_a, coop=coop_a))


def test_the_event_page_names_its_cohort(as_user, coop_a, fed_admin):
    session = make_session(make_programme(fed_admin, title="Promotion 2025"), fed_admin)
    participant = enrolled(session, coop_a, fed_admin)
    page = as_user(participant).get(
        reverse("events:network_detail", kwargs={"pk": session.event.pk})
    )
    assert page.status_code == 200
    assert "Cohorte de « Promotion 2025 », session 1" in page.content.decode()
