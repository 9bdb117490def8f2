"""The coop's training page is covered by the generic isolation walk (no extra URL argument)."""

from tests.core.isolation import coop_patterns


def test_the_coop_page_is_walked():
    assert "training:coop_training" in {p.name for p in coop_patterns()}
