"""The demo network looks like the real one, and seeding it twice changes nothing."""

import datetime

import pytest

from viecoop.accounts.models import User
from viecoop.demo.world import build_demo_world, demo_email
from viecoop.network.models import (
    NewsComment,
    NewsPost,
    ReferentApplication,
    ReferentMandate,
    ReferentProfile,
)
from viecoop.organizations.models import Coop, CoopRole
from viecoop.organizations.selectors import roles_for

pytestmark = pytest.mark.django_db


def test_demo_network(settings):
    build_demo_world()
    counts = (ReferentMandate.objects.count(), NewsPost.objects.count(), Coop.objects.count())
    build_demo_world()
    assert (
        ReferentMandate.objects.count(),
        NewsPost.objects.count(),
        Coop.objects.count(),
    ) == counts

    referents = CoopRole.objects.filter(role="referent")
    assert referents.values("user").distinct().count() >= 36  # several dozen
    assert referents.values("coop__region").distinct().count() >= 12
    # Every current référent has a profile with themes and an open mandate.
    for role in referents.select_related("user"):
        profile = ReferentProfile.objects.get(user=role.user)
        assert profile.theme_rows.exists() and profile.since
        assert ReferentMandate.objects.filter(
            user=role.user, coop=role.coop, ended_on=None
        ).exists()
    # The personas date from the first network meeting.
    gwen = ReferentMandate.objects.get(user__email=demo_email("gwenaelle.le-goff"))
    assert gwen.started_on == datetime.date(2020, 12, 4)
    # A former référent, applications waiting, coops without a référent.
    former = ReferentMandate.objects.get(user__email=demo_email("sylvie.caron"))
    assert former.end_reason == "stepped_down" and former.ended_on
    assert ReferentApplication.objects.filter(status="pending").count() == 3
    assert Coop.objects.exclude(roles__role="referent").count() >= 3
    # News with comments, one waiting for moderation.
    assert NewsPost.objects.filter(status="published").count() >= 5
    assert NewsPost.objects.filter(status="submitted").count() == 1
    assert NewsComment.objects.count() >= 4
    # The named personas still are who they were.
    claire = User.objects.get(email=demo_email("claire.morel"))
    assert "admin" in roles_for(claire).federation_roles
    marc = User.objects.get(email=demo_email("marc.fontaine"))
    assert "referent" in roles_for(marc).in_coop(Coop.objects.get(slug="toits-solidaires-rhone"))
