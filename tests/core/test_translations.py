"""French is the product's language: every string has a French translation, compiled."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0])


def test_french_catalogue_is_complete():
    po = polib.pofile(str(LOCALE / "fr" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    assert len(po) > 100
    assert missing == [], f"{len(missing)} strings without French: {missing[:10]}"
    assert fuzzy == [], f"fuzzy translations to review: {fuzzy[:10]}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_compiled_catalogue_matches_sources(language):
    folder = LOCALE / language / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    mo = polib.mofile(str(folder / "django.mo"))
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo
    }
    for entry in po.translated_entries():
        key = (entry.msgctxt, entry.msgid)
        assert key in compiled, f"{language}: run `make messages` ({entry.msgid!r} not compiled)"
        assert compiled[key] == (entry.msgstr, tuple(sorted(entry.msgstr_plural.items()))), (
            entry.msgid
        )
