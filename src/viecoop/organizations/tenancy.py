"""Tenancy: every coop page lives under ``/c/<coop_slug>/`` and goes through ``coop_view``.

``coop_view(perm)`` resolves the coop *among the coops the user holds a role in*
(so any other coop answers 404, exactly as a coop that does not exist), then checks
``perm`` against that coop (403 for a lack of role inside one's own coop). The view
receives ``coop`` instead of ``coop_slug``. The generic isolation test
(tests/core/test_isolation.py) walks every pattern under ``/c/`` and fails for any
view that is not wrapped.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Coop
from .selectors import roles_for

SCOPE_ATTR = "viecoop_scope"
M = TypeVar("M", bound=Model)


def get_coop_for_user(*, user, slug: str) -> Coop:
    """The coop ``slug`` if ``user`` holds a role in it, else 404 (no query beyond the roles)."""
    coop = roles_for(user).coop_by_slug(slug)
    if coop is None:
        raise Http404("No such coop for this user.")
    return coop


def scoped_get(queryset: QuerySet[M], *, coop: Coop, **lookup) -> M:
    """Fetch one object of ``coop``; objects of other coops answer 404."""
    return get_object_or_404(queryset.filter(coop=coop), **lookup)


def coop_view(perm: str) -> Callable:
    """Decorate a view of the coop space with the permission it needs."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, coop_slug: str, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            coop = get_coop_for_user(user=request.user, slug=coop_slug)
            if not request.user.has_perm(perm, coop):
                raise PermissionDenied
            request.coop = coop
            return view(request, *args, coop=coop, **kwargs)

        setattr(wrapped, SCOPE_ATTR, ("coop", perm))
        return wrapped

    return decorator


def space_view(perm: str) -> Callable:
    """Decorate a view of the network or federation space (no coop in the URL)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        setattr(wrapped, SCOPE_ATTR, ("space", perm))
        return wrapped

    return decorator
