"""The demo programme: a third session over two days in Paris, a cohort, projects, lessons."""

import datetime

import pytest
from django.utils import timezone

from viecoop.demo.world import build_demo_world
from viecoop.events.models import Event, Registration
from viecoop.training.models import Lesson, Milestone, Participant, Programme, Project

pytestmark = pytest.mark.django_db


def test_demo_training(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    build_demo_world()
    counts = (Programme.objects.count(), Lesson.objects.count(), Event.objects.count())
    build_demo_world()
    assert (Programme.objects.count(), Lesson.objects.count(), Event.objects.count()) == counts

    past = Programme.objects.get(slug="promotion-2023-2024")
    third = past.sessions.get(number=3)
    event = third.event
    assert event.kind == Event.Kind.TRAINING and event.city == "Paris" and event.is_multi_day
    assert (event.audience, event.audience_target) == ("cohort", third.pk)
    days = list(third.days.all())
    assert [d.day for d in days] == [datetime.date(2024, 6, 20), datetime.date(2024, 6, 21)]
    assert "résultats des expérimentations" in days[0].title
    assert "tiers-lieu" in days[1].title
    assert "Visite d'un tiers-lieu" in event.agenda
    cohort = Participant.objects.filter(session=third, status="enrolled")
    assert cohort.count() == 8
    assert Registration.objects.filter(event=event, attended=True).count() == 8
    assert Project.objects.filter(programme=past).count() == 8
    assert Milestone.objects.filter(project__programme=past, status="done").count() >= 20
    assert Lesson.objects.filter(programme=past, status="published").count() == 5
    assert Lesson.objects.filter(status="submitted").count() == 1
    upcoming = Programme.objects.get(slug="promotion-2026-2027").sessions.get().event
    assert upcoming.starts_at > timezone.now()
    assert upcoming.registrations.filter(status="confirmed").count() == 5
