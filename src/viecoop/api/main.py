"""The one NinjaAPI of viecoop, mounted at /api/v1/: handlers, logging, language, docs.

Every operation runs inside ``api_call`` (a ninja "view" decorator, around the
authentication): it answers in the language of ``Accept-Language`` (French by default,
English), marks answers ``no-store`` (they carry personal data), reports the token's rate
limit and logs one line per call with the request id.
"""

from __future__ import annotations

import logging
import time
from functools import wraps

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.openapi.docs import DocsBase
from ninja.renderers import JSONRenderer

from .auth import TokenRateThrottle
from .endpoints import members, reference, residences
from .errors import ApiError, from_pydantic

logger = logging.getLogger("viecoop.api")
LANGUAGES = ("fr", "en")
DESCRIPTION = """\
The JSON API of a coop's space in viecoop: its **members register** and its **residences**,
for the coop's own management software.

- **Authentication**: `Authorization: Bearer vc_…`, a token created by the coop's managers
  (*Paramètres → Accès API*). A token reaches its own coop's data only.
- **Validation**: members are checked with the rules of the register's file import: same
  messages, same codes. Nothing is written when a row is wrong.
- **Ledger**: shares are never typed; they are subscribed at admission, in the share ledger.
- **Errors**: `{"code", "message", "errors": [{"field", "code", "message"}], "request_id"}`,
  in the language of `Accept-Language` (`fr` by default, `en`).

Guide (French and English): `docs/api.md` in viecoop's repository.
"""


class LocalSwagger(DocsBase):
    """Swagger UI from viecoop's own static files (django-ninja ships them): no CDN, so the
    docs work on a closed network and leak no visit to a third party."""

    template = "api/docs.html"
    settings = {
        "layout": "BaseLayout",
        "deepLinking": True,
        "displayRequestDuration": True,
        "persistAuthorization": False,
    }

    def render_page(self, request, api: NinjaAPI, **kwargs) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        response = render(
            request,
            self.template,
            {"api": api, "swagger_settings": settings},
        )
        response["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; font-src 'self'; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        )
        return response


class Renderer(JSONRenderer):
    # French names as they are (« Maëlys », not « Ma\u00eblys »): UTF-8 is JSON's encoding.
    json_dumps_params = {"ensure_ascii": False}


class ViecoopAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__


def accept_language(request) -> str:
    """French unless ``Accept-Language`` prefers English (the HTML pages ignore that header on
    purpose; a program says what it wants)."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = code.split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return "fr"


def api_call(run):
    @wraps(run)
    def wrapped(request, *args, **kwargs):
        started = time.perf_counter()
        language = accept_language(request)
        with translation.override(language):
            response = run(request, *args, **kwargs)
        response["Content-Language"] = language
        response["Cache-Control"] = "no-store"
        patch_vary_headers(response, ("Accept-Language", "Authorization"))
        usage = getattr(request, "api_rate", None)
        if usage:
            response["RateLimit-Limit"] = str(usage["limit"])
            response["RateLimit-Remaining"] = str(max(0, usage["limit"] - usage["count"]))
            response["RateLimit-Reset"] = str(usage["time_left"])
        token = getattr(request, "api_token", None)
        duration = (time.perf_counter() - started) * 1000
        logger.info(
            "API %s %s → %s in %.0f ms",
            request.method,
            request.path,
            response.status_code,
            duration,
            extra={
                "api_token": token.prefix if token else None,
                "coop": token.coop.slug if token else None,
                "status_code": response.status_code,
                "duration_ms": round(duration, 1),
            },
        )
        return response

    return wrapped


api = ViecoopAPI(
    title="viecoop API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs=LocalSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[TokenRateThrottle()],
    renderer=Renderer(),
)
api.add_decorator(api_call, mode="view")
api.add_router("", reference.router)
api.add_router("", members.router)
api.add_router("", residences.router)


def error_response(request, error: ApiError) -> HttpResponse:
    body = {**error.body(), "request_id": getattr(request, "request_id", "")}
    response = JsonResponse(body, status=error.status, json_dumps_params={"ensure_ascii": False})
    for name, value in error.headers.items():
        response[name] = value
    return response


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return error_response(request, exc)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    return error_response(request, from_pydantic(exc.errors))


@api.exception_handler(Throttled)
def _throttled(request, exc: Throttled):
    return error_response(
        request,
        ApiError(429, "rate_limited", _("Too many calls with this token: wait a little.")),
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return error_response(
        request, ApiError(404, "not_found", _("Nothing here, or not in your coop."))
    )


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if exc.status_code == 400:  # ninja could not read the body
        return error_response(
            request, ApiError(400, "bad_request", _("The body is not valid JSON."))
        )
    return error_response(request, ApiError(exc.status_code, "error", str(exc)))


@api.exception_handler(Exception)
def _server_error(request, exc: Exception):
    logger.exception("API %s %s failed", request.method, request.path)
    return error_response(
        request,
        ApiError(500, "server_error", _("Something went wrong on our side; nothing was written.")),
    )


@csrf_exempt  # no cookie is ever used under /api/: a POST there must get the JSON 404
def api_root(request):
    """``/api/v1/``: where the docs are (ninja's own root view is a 404)."""
    return JsonResponse(
        {
            "name": api.title,
            "version": api.version,
            "docs": request.build_absolute_uri(reverse("api-v1:openapi-view")),
            "openapi": request.build_absolute_uri(reverse("api-v1:openapi-json")),
        }
    )


@csrf_exempt
def unknown_path(request, path: str = ""):
    """Any other path under /api/: a JSON 404, not the site's HTML page."""
    with translation.override(accept_language(request)):
        error = ApiError(404, "unknown_path", _("No such address in the API: see /api/v1/docs."))
        return error_response(request, error)
