"""Cross-cutting request middleware."""

from __future__ import annotations

import contextvars
import uuid

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    """Tag each request with an id (taken from the load balancer when it sends one) for the logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming[:64] if incoming.isprintable() and incoming else uuid.uuid4().hex
        token = request_id_var.set(rid)
        request.request_id = rid
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = rid
        return response


class LanguageMiddleware:
    """French unless the person chose otherwise.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    viecoop is a French service first, and many members use a browser set up in
    another language without knowing it. The choice is the language cookie (set by
    the language switch), else the account's preferred language, else French.
    Runs after the authentication middleware (it reads the account, lazily).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.available:
            user = getattr(request, "user", None)
            account_language = getattr(user, "language", None) if user is not None else None
            if user is not None and user.is_authenticated and account_language in self.available:
                language = account_language
            else:
                language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
