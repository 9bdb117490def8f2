"""The API's demo: a token printed in the docs that works in demo mode only, and pushes in the log."""

from __future__ import annotations

import random

import pytest
from django.db import transaction

from tests.api.conftest import ApiClient
from tests.members.factories import admitted_member
from tests.organizations.factories import CoopFactory, CoopRoleFactory, ResidenceFactory
from viecoop.api.demo import DEMO_COOP, DEMO_TOKEN, build_api_demo
from viecoop.api.models import ApiToken
from viecoop.api.tokens import is_well_formed
from viecoop.audit.models import AuditEntry
from viecoop.demo.world import EXTRA_BUILDERS
from viecoop.members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def bretagne(federation):
    coop = CoopFactory(federation=federation, slug=DEMO_COOP, name="Coop Habitat Bretagne")
    CoopRoleFactory(coop=coop, role="manager")
    ResidenceFactory(coop=coop, name="Résidence Les Hortensias")
    admitted_member(coop=coop, number="1")
    return coop


def build(coop, logs):
    with transaction.atomic():
        build_api_demo(
            log=logs.append,
            rng=random.Random(1),
            federation=coop.federation,
            coops={coop.slug: coop},
        )


def test_the_builder_is_registered():
    assert build_api_demo in EXTRA_BUILDERS


def test_demo_mode_token_is_the_documented_one(settings, bretagne):
    settings.DEMO_MODE = True
    assert is_well_formed(DEMO_TOKEN)
    logs = []
    build(bretagne, logs)
    assert any(DEMO_TOKEN in line for line in logs)
    api = ApiClient(DEMO_TOKEN, language="fr")
    assert api.get("/token").json()["coop"] == DEMO_COOP
    members = api.get("/members", {"search": "le bihan"}).json()["results"]
    assert [m["number"] for m in members] == ["G-2025-001"]
    assert members[0]["residence_code"] == "PRG-0031" and members[0]["shares"] == 1
    # What the software pushed is in the coop's audit log, under the token's name.
    label = ApiToken.objects.get(prefix=DEMO_TOKEN[:11]).audit_label
    actions = set(
        AuditEntry.objects.filter(coop=bretagne, actor_label=label).values_list("action", flat=True)
    )
    assert {"api.members_bulk", "residence.create", "residence.code", "member.update"} <= actions
    assert ApiToken.objects.filter(coop=bretagne).count() == 3
    assert ApiToken.objects.filter(coop=bretagne, revoked_at__isnull=False).count() == 1
    # Idempotent.
    build(bretagne, logs)
    assert ApiToken.objects.filter(coop=bretagne).count() == 3
    assert Member.objects.filter(coop=bretagne, number__startswith="G-2025").count() == 3


def test_outside_demo_mode_the_token_is_random(settings, bretagne):
    settings.DEMO_MODE = False
    logs = []
    build(bretagne, logs)
    assert not any("vc_" in line for line in logs)
    assert not ApiToken.objects.filter(prefix=DEMO_TOKEN[:11]).exists()
    assert ApiClient(DEMO_TOKEN).get("/token").status_code == 401
