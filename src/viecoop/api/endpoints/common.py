"""Helpers shared by the endpoints: the coop of the token, pages, error responses for the docs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet

from ..auth import TokenAuth
from ..models import ApiToken
from ..schemas import Error

READ = TokenAuth(ApiToken.Scope.READ)
WRITE = TokenAuth(ApiToken.Scope.WRITE)
MAX_LIMIT = 500
DEFAULT_LIMIT = 100

# Documented answers besides success (the handlers in main.py build them).
READ_ERRORS: dict[int, Any] = {401: Error, 404: Error, 422: Error, 429: Error}
WRITE_ERRORS: dict[int, Any] = {
    400: Error,
    401: Error,
    403: Error,
    404: Error,
    409: Error,
    422: Error,
    429: Error,
}


def page(
    request, queryset: QuerySet, *, limit: int, offset: int, serialize: Callable[[Any], dict]
) -> dict[str, Any]:
    """One page of ``queryset`` with the total and links to its neighbours (3 queries).

    The page's keys first, then its rows: a deep page (offset 29,900) then skips keys only,
    not rows with their annotations (a member's balance is a subquery that PostgreSQL would
    compute for every skipped row: 380 ms at the end of a 30,000-member register).
    """
    count = queryset.count()
    rows = []
    if offset < count:
        keys = list(queryset.values_list("pk", flat=True)[offset : offset + limit])
        found = queryset.in_bulk(keys)
        rows = [serialize(found[key]) for key in keys]

    def link(new_offset: int) -> str:
        query = request.GET.copy()
        query["offset"] = str(new_offset)
        query["limit"] = str(limit)
        return request.build_absolute_uri(request.path) + "?" + urlencode(sorted(query.items()))

    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(0, offset - limit)) if offset > 0 else None,
        "results": rows,
    }
