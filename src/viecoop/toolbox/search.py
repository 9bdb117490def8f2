"""Searching the toolbox: French full-text on PostgreSQL, folded substrings elsewhere.

PostgreSQL: ``resource_vector()`` is the weighted French ``tsvector`` of the folded title
(weight A) and the folded rest (weight B). Migration 0002 builds a GIN index on exactly
this expression, so ``vector @@ websearch_to_tsquery('french', …)`` is answered by the index,
and ``ts_rank`` orders the matches. Text is folded (``core.text.fold``: lower case, no
accents) on both sides, so « Assemblée » finds « assemblee » without the ``unaccent``
extension, which managed PostgreSQL services do not always allow.

SQLite (development, demo): every folded word of the query must appear in ``search_text``.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import Func

from viecoop.core.text import fold

MAX_QUERY_LENGTH = 200

# Must stay identical to the indexed expression of migration 0002 (same text after compiling).
INDEX_NAME = "toolbox_resource_search_gin"
INDEX_EXPRESSION = (
    "(setweight(to_tsvector('french'::regconfig, search_title), 'A') || "
    "setweight(to_tsvector('french'::regconfig, search_body), 'B'))"
)


class ResourceVector(Func):
    """The indexed tsvector expression, compiled with the literal 'french' configuration."""

    output_field = SearchVectorField()

    def __init__(self):
        super().__init__(F("search_title"), F("search_body"))

    def as_sql(self, compiler, connection, **extra_context):
        title_sql, title_params = compiler.compile(self.source_expressions[0])
        body_sql, body_params = compiler.compile(self.source_expressions[1])
        sql = (
            f"(setweight(to_tsvector('french'::regconfig, {title_sql}), 'A') || "
            f"setweight(to_tsvector('french'::regconfig, {body_sql}), 'B'))"
        )
        return sql, [*title_params, *body_params]


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
