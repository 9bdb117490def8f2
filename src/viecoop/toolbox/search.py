"""Searching the toolbox: French full-text on PostgreSQL, folded substrings elsewhere.

PostgreSQL: the stored generated column ``search_vector`` (migration 0002) is the weighted
French ``tsvector`` of the folded title (weight A) and the folded rest (weight B); a GIN
index on it answers ``search_vector @@ websearch_to_tsquery('french', …)``, and ``ts_rank``
orders the matches from the stored vector (no text parsed at query time). Text is folded (``core.text.fold``: lower case, no
accents) on both sides, so « Assemblée » finds « assemblee » without the ``unaccent``
extension, which managed PostgreSQL services do not always allow.

SQLite (development, demo): every folded word of the query must appear in ``search_text``.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import Expression

from viecoop.core.text import fold

MAX_QUERY_LENGTH = 200
INDEX_NAME = "toolbox_resource_search_gin"
COLUMN = "search_vector"


class ResourceVector(Expression):
    """The stored ``search_vector`` column of the resource table (PostgreSQL only).

    The model does not declare it (PostgreSQL computes it), so it is read by name, qualified
    with the query's alias of the resource table.
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name(COLUMN)}", []


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def search_resources(qs: QuerySet, text: str) -> QuerySet:
    """Filter ``qs`` by ``text`` and order by relevance (then by novelty)."""
    folded = fold(text[:MAX_QUERY_LENGTH])
    if not folded:
        return qs
    if uses_full_text():
        query = SearchQuery(folded, config="french", search_type="websearch")
        return (
            qs.annotate(search_vector=ResourceVector())
            .filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-changed_at", "-pk")
        )
    words = folded.split()[:8]
    for word in words:
        qs = qs.filter(search_text__contains=word)
    title_match = Q()
    for word in words:
        title_match &= Q(search_title__contains=word)
    return qs.annotate(
        rank=Case(When(title_match, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by("-rank", "-changed_at", "-pk")
