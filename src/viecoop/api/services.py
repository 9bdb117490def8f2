"""Tokens: created by a coop's managers (secret shown once), revoked, and checked on each call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.organizations.models import Coop

from . import tokens
from .models import ApiToken

# Enough for every integration a coop runs; a bound keeps forgotten tokens from piling up.
MAX_ACTIVE_TOKENS = 20
# Writing ``last_used_at`` on every call would add a write to every read: once a minute is
# precise enough to tell a manager whether a token is still in use.
LAST_USED_PRECISION = timedelta(minutes=1)


@transaction.atomic
def api_token_create(
    *,
    actor,
    coop: Coop,
    name: str,
    scope: str = ApiToken.Scope.READ,
    expires_at: datetime | None = None,
    plaintext: str | None = None,
) -> tuple[ApiToken, str]:
    """A new token for ``coop``. Returns it with its secret, which is never stored nor shown again.

    ``plaintext`` is for the demo only (a token printed in the docs); otherwise a random one.
    """
    Coop.objects.select_for_update().get(pk=coop.pk)  # counts below stay true under concurrency
    if ApiToken.objects.filter(coop=coop).active().count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("A coop has at most %(max)s active tokens: revoke one you no longer use.")
            % {"max": MAX_ACTIVE_TOKENS}
        )
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("Choose a date in the future.")})
    secret = plaintext or tokens.generate()
    if not tokens.is_well_formed(secret):
        raise ValueError("not a well-formed token")
    token = ApiToken(
        coop=coop,
        name=name.strip(),
        scope=scope,
        expires_at=expires_at,
        prefix=tokens.public_prefix(secret),
        digest=tokens.digest(secret),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=actor,
        action="api_token.create",
        obj=token,
        coop=coop,
        details={"prefix": token.prefix, "scope": scope, "expires_at": expires_at},
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke a token at once (idempotent): every call with it answers 401 from now on."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.revoked_by = actor if getattr(actor, "is_authenticated", False) else None
    token.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        actor=actor,
        action="api_token.revoke",
        obj=token,
        coop=token.coop,
        details={"prefix": token.prefix},
    )
    return token


@dataclass
class TokenRejected(Exception):
    """Why a presented token does not open the API (``missing``, ``invalid``, ``revoked``…)."""

    reason: str


def api_token_authenticate(*, secret: str, now: datetime | None = None) -> ApiToken:
    """The token behind ``secret``, with its coop; ``TokenRejected`` otherwise. One query."""
    now = now or timezone.now()
    if not tokens.is_well_formed(secret):
        raise TokenRejected("invalid")
    token = ApiToken.objects.select_related("coop").filter(digest=tokens.digest(secret)).first()
    if token is None:
        raise TokenRejected("invalid")
    if token.revoked_at is not None:
        raise TokenRejected("revoked")
    if token.expires_at is not None and token.expires_at <= now:
        raise TokenRejected("expired")
    if not token.coop.is_active:
        raise TokenRejected("coop_inactive")
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
