"""Test helpers shared by every app's tests."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(function: Callable[[], object]) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        result = function()
    return len(ctx.captured_queries), result


def assert_constant_queries(
    client, url: str, grow: Callable[[int], None], *, extra: int = 10, expected_status: int = 200
) -> int:
    """Assert that ``url`` runs the same number of queries before and after ``grow(extra)``.

    ``grow`` adds ``extra`` rows of whatever the page lists. Returns the count, so the
    caller may also pin it (``assert n <= 12``). Catches N+1 queries that a fixed
    ``assertNumQueries`` on an almost empty page would miss.
    """
    grow(2)  # an empty list skips its SELECT: start with a few rows
    client.get(url)  # warm caches (content types, sessions) out of the measure
    before, response = count_queries(lambda: client.get(url))
    assert response.status_code == expected_status, response.status_code
    grow(extra)
    after, response = count_queries(lambda: client.get(url))
    assert response.status_code == expected_status, response.status_code
    assert after == before, f"{url}: {before} queries with few rows, {after} after adding {extra}"
    return after
