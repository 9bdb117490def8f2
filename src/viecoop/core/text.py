"""Text helpers with no I/O."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case, accent-free form for searching: « Les Érables » → « les erables ».

    Stored beside the names it folds, so a search tolerates accents and case the same
    way on SQLite (whose LIKE only folds ASCII) and PostgreSQL.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
