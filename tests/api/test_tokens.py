"""Token strings and the token services: hashed at rest, shown once, revocable, expiring."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tests.api.conftest import make_token
from viecoop.api import tokens
from viecoop.api.models import ApiToken
from viecoop.api.services import (
    MAX_ACTIVE_TOKENS,
    TokenRejected,
    api_token_authenticate,
    api_token_revoke,
)
from viecoop.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_token_strings_are_recognisable_and_random():
    first, second = tokens.generate(), tokens.generate()
    assert first != second
    assert first.startswith("vc_") and len(first) == 3 + 8 + 1 + 40
    assert tokens.is_well_formed(first)
    assert tokens.public_prefix(first) == first[:11]
    assert len(tokens.digest(first)) == 64
    for bad in ("", "vc_", "Bearer x", first[:-1], first + "x", first.replace("vc_", "xx_")):
        assert not tokens.is_well_formed(bad)


def test_only_a_digest_is_stored(coop_a, manager_a):
    token, secret = make_token(coop_a, actor=manager_a)
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in {stored.prefix, stored.digest, stored.name}
    assert stored.digest == tokens.digest(secret)
    assert stored.prefix == secret[:11]
    assert stored.created_by == manager_a
    entry = AuditEntry.objects.get(action="api_token.create")
    assert entry.actor == manager_a and entry.coop == coop_a
    assert entry.details["prefix"] == stored.prefix
    assert secret not in str(entry.details)


def test_authenticate_gives_the_token_and_its_coop(coop_a):
    token, secret = make_token(coop_a)
    found = api_token_authenticate(secret=secret)
    assert found == token and found.coop == coop_a
    assert found.last_used_at is not None


@pytest.mark.parametrize("secret", ["", "nope", "vc_AAAAAAAA_" + "B" * 40])
def test_unknown_tokens_are_rejected(db, secret):
    with pytest.raises(TokenRejected) as rejected:
        api_token_authenticate(secret=secret)
    assert rejected.value.reason == "invalid"


def test_revoked_and_expired_tokens_are_rejected(coop_a, manager_a):
    token, secret = make_token(coop_a)
    api_token_revoke(actor=manager_a, token=token)
    with pytest.raises(TokenRejected) as rejected:
        api_token_authenticate(secret=secret)
    assert rejected.value.reason == "revoked"
    # Revoking twice changes nothing and writes one audit entry.
    api_token_revoke(actor=manager_a, token=token)
    assert AuditEntry.objects.filter(action="api_token.revoke").count() == 1
    token.refresh_from_db()
    assert token.revoked_by == manager_a and token.status() == "revoked"

    soon = timezone.now() + datetime.timedelta(days=1)
    expiring, secret = make_token(coop_a, expires_at=soon)
    assert api_token_authenticate(secret=secret) == expiring
    with (
        time_machine.travel(soon + datetime.timedelta(seconds=1)),
        pytest.raises(TokenRejected) as rejected,
    ):
        api_token_authenticate(secret=secret)
    assert rejected.value.reason == "expired"
    with time_machine.travel(soon + datetime.timedelta(seconds=1)):
        assert ApiToken.objects.get(pk=expiring.pk).status() == "expired"


def test_a_closed_coop_closes_its_tokens(coop_a):
    _token, secret = make_token(coop_a)
    coop_a.is_active = False
    coop_a.save()
    with pytest.raises(TokenRejected) as rejected:
        api_token_authenticate(secret=secret)
    assert rejected.value.reason == "coop_inactive"


def test_last_use_is_written_at_most_once_a_minute(coop_a, django_assert_num_queries):
    _token, secret = make_token(coop_a)
    with django_assert_num_queries(2):  # lookup + last_used_at
        api_token_authenticate(secret=secret)
    with django_assert_num_queries(1):  # lookup only
        api_token_authenticate(secret=secret)
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)),
        django_assert_num_queries(2),
    ):
        api_token_authenticate(secret=secret)


def test_expiry_in_the_past_is_refused(coop_a):
    with pytest.raises(ValidationError):
        make_token(coop_a, expires_at=timezone.now() - datetime.timedelta(minutes=1))


def test_a_coop_has_a_bounded_number_of_active_tokens(coop_a, manager_a):
    made = [make_token(coop_a)[0] for _ in range(MAX_ACTIVE_TOKENS)]
    with pytest.raises(ValidationError):
        make_token(coop_a)
    with transaction.atomic():
        api_token_revoke(actor=manager_a, token=made[0])
    make_token(coop_a)  # room again


def test_the_token_names_itself_in_the_audit_log(coop_a):
    token, _secret = make_token(coop_a, name="Ulis")
    assert token.audit_label == f"API · Ulis ({token.prefix}…)"
    assert token.audit_details == {"api_token": token.prefix}
    assert token.is_authenticated is False
