"""Text helpers with no I/O."""

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=100_000)
def _fold_word(word: str) -> str:
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def fold(text: str) -> str:
    """Lower-case, accent-free form for searching: « Les Érables » → « les erables ».

    Stored beside the names it folds, so a search tolerates accents and case the same
    way on SQLite (whose LIKE only folds ASCII) and PostgreSQL. Word by word with a cache:
    names, first names and cities repeat, and a 30,000-row import folds each row.
    """
    return " ".join(folded for folded in map(_fold_word, text.split()) if folded)
