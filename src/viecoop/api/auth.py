"""Bearer tokens and per-token rate limits for the API's operations."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from .errors import ApiError
from .models import ApiToken
from .services import TokenRejected, api_token_authenticate

DEFAULT_RATE = "600/m"
DEFAULT_BULK_RATE = "120/h"


def _unauthorised(code: str, message: str) -> ApiError:
    header = 'Bearer realm="viecoop"'
    if code != "missing_token":
        header += ', error="invalid_token"'
    return ApiError(401, code, message, headers={"WWW-Authenticate": header})


class TokenAuth(HttpBearer):
    """``Authorization: Bearer vc_…``: the token opens its own coop's data, and nothing else.

    ``scope="write"`` on an operation refuses a read-only token (403).
    """

    def __init__(self, scope: str = ApiToken.Scope.READ):
        super().__init__()
        self.scope = scope

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if not header:
            raise _unauthorised("missing_token", _("Send your token: Authorization: Bearer vc_…"))
        kind, _space, secret = header.partition(" ")
        if kind.lower() != "bearer" or not secret.strip():
            raise _unauthorised("invalid_token", _("Send your token as Authorization: Bearer vc_…"))
        return self.authenticate(request, secret.strip())

    def authenticate(self, request, token: str) -> ApiToken:
        try:
            api_token = api_token_authenticate(secret=token)
        except TokenRejected as rejected:
            messages = {
                "invalid": _("This token is not valid."),
                "revoked": _("This token has been revoked by the coop."),
                "expired": _("This token has expired: ask the coop's managers for a new one."),
                "coop_inactive": _("This coop's space is closed."),
            }
            code = "invalid_token" if rejected.reason == "invalid" else f"token_{rejected.reason}"
            raise _unauthorised(code, messages[rejected.reason]) from None
        request.api_token = api_token
        if self.scope == ApiToken.Scope.WRITE and not api_token.can_write:
            raise ApiError(
                403,
                "insufficient_scope",
                _("This token may only read: ask the coop's managers for a token that may write."),
            )
        return api_token


class TokenRateThrottle(BaseThrottle):
    """So many calls per token (counters in the cache: Redis in production, shared by workers)."""

    group = "api"
    setting = "VIECOOP_API_RATE"
    default = DEFAULT_RATE

    def __init__(self):
        self._wait: float | None = None

    def rate(self) -> str:
        return getattr(settings, self.setting, self.default)

    def allow_request(self, request) -> bool:
        token = getattr(request, "api_token", None)
        if token is None:
            return True
        usage = get_usage(
            request,
            group=self.group,
            key=lambda _group, _request: str(token.pk),
            rate=self.rate(),
            increment=True,
        )
        if usage is None:  # RATELIMIT_ENABLE = False
            return True
        if self.group == "api":
            # Reported on every answer: clients can slow down before they are refused.
            request.api_rate = usage
        self._wait = usage["time_left"]
        return not usage["should_limit"]

    def wait(self) -> float | None:
        return self._wait


class BulkRateThrottle(TokenRateThrottle):
    """Batches are heavy: fewer of them per token."""

    group = "api-bulk"
    setting = "VIECOOP_API_BULK_RATE"
    default = DEFAULT_BULK_RATE
