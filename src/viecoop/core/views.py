from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from viecoop.organizations.selectors import current_federation, roles_for

logger = logging.getLogger(__name__)


def home(request):
    """Landing page: one's spaces when logged in; in demo mode, the demo logins too."""
    demo_logins = []
    if settings.DEMO_MODE:
        from viecoop.demo.world import DEMO_PASSWORD
        from viecoop.demo.world import demo_logins as list_logins

        demo_logins = list_logins()
    roles = roles_for(request.user)
    return render(
        request,
        "core/home.html",
        {
            "federation": current_federation(),
            "roles": roles,
            "coops": roles.coops,
            "demo_logins": demo_logins,
            "demo_password": DEMO_PASSWORD if settings.DEMO_MODE else "",
        },
    )


@never_cache
def health(request):
    """For the load balancer: 200 when the database and the cache answer, 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:
        logger.exception("health: database")
        checks["database"] = "error"
    try:
        cache.set("viecoop-health", "1", 5)
        checks["cache"] = "ok" if cache.get("viecoop-health") == "1" else "error"
    except Exception:
        logger.exception("health: cache")
        checks["cache"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


def ratelimited(request, exception=None):
    return render(request, "429.html", status=429)


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # No context processors: the error may come from the database itself.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render({"request": request}))
