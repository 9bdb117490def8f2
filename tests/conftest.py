"""Personas and shared fixtures.

The personas are the people of the product brief: a federation admin, the référent
of coop A, the manager of coop B, a member of coop A, and an outsider with no role.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.accounts.factories import UserFactory
from tests.organizations.factories import (
    CoopFactory,
    CoopRoleFactory,
    FederationFactory,
    FederationRoleFactory,
)
from viecoop.organizations.models import Coop, CoopRole, FederationRole


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    # Argon2 is the production hasher (asserted in tests/accounts); tests use a fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEMO_MODE = False  # whatever the shell running the tests has set
    settings.VIECOOP_FEDERATION_ADMIN_MFA_REQUIRED = True
    cache.clear()  # rate limits live in the cache
    yield
    cache.clear()


@pytest.fixture
def federation(db):
    return FederationFactory()


@pytest.fixture
def coop_a(federation):
    return CoopFactory(
        federation=federation,
        name="Coop Habitat Test A",
        slug="coop-a",
        legal_form=Coop.LegalForm.SCIC,
    )


@pytest.fixture
def coop_b(federation):
    return CoopFactory(
        federation=federation,
        name="Coop Habitat Test B",
        slug="coop-b",
        legal_form=Coop.LegalForm.SCP,
        region="ARA",
        department="69",
    )


def with_totp(user):
    """Give ``user`` an active TOTP authenticator (federation admins must have one)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def fed_admin(federation):
    user = UserFactory(email="admin@federation.test", first_name="Claire", last_name="Morel")
    FederationRoleFactory(user=user, federation=federation, role=FederationRole.Role.ADMIN)
    return with_totp(user)


@pytest.fixture
def referent_a(coop_a):
    user = UserFactory(email="referent@coop-a.test", first_name="Gwenaëlle", last_name="Le Goff")
    CoopRoleFactory(user=user, coop=coop_a, role=CoopRole.Role.REFERENT)
    return user


@pytest.fixture
def manager_a(coop_a):
    user = UserFactory(email="manager@coop-a.test", first_name="Yann", last_name="Kerleau")
    CoopRoleFactory(user=user, coop=coop_a, role=CoopRole.Role.MANAGER)
    return user


@pytest.fixture
def manager_b(coop_b):
    user = UserFactory(email="manager@coop-b.test", first_name="Nadia", last_name="Benali")
    CoopRoleFactory(user=user, coop=coop_b, role=CoopRole.Role.MANAGER)
    return user


@pytest.fixture
def member_a(coop_a):
    user = UserFactory(email="membre@coop-a.test", first_name="Jeanne", last_name="Rivière")
    CoopRoleFactory(user=user, coop=coop_a, role=CoopRole.Role.MEMBER)
    return user


@pytest.fixture
def outsider(db):
    return UserFactory(email="quidam@exemple.test", first_name="Paul", last_name="Dehors")


@pytest.fixture
def login(client):
    """``login(user)`` → the test client, logged in as ``user``."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
