"""The tile map of regions: every region once, readable colours, honest counts."""

from django.utils import translation

from viecoop.network.regions_map import SHADES, build_map, shade
from viecoop.organizations.models import Region


def _luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_every_region_has_one_tile_and_no_two_overlap():
    regions_map = build_map({})
    assert sorted(t.code for t in regions_map.tiles) == sorted(Region.values)
    positions = [(t.x, t.y) for t in regions_map.tiles]
    assert len(set(positions)) == len(positions)
    assert len(regions_map.overseas) == 5 and len(regions_map.metropolitan) == 13
    for tile in regions_map.tiles:
        assert tile.x + regions_map.tile <= regions_map.width
        assert tile.y + regions_map.tile <= regions_map.height


def test_tile_text_is_readable_on_every_shade():
    for fill, text in SHADES:
        assert contrast(fill, text) >= 4.5, (fill, text)


def test_shades_grow_with_counts():
    assert shade(0, 10) == SHADES[0]
    assert shade(1, 10) == SHADES[1]
    assert shade(10, 10) == SHADES[4]
    assert [shade(n, 4) for n in range(1, 5)] == list(SHADES[1:])


def test_counts_labels_and_current_region():
    regions_map = build_map({"BRE": (3, 1), "ARA": (1, 0)}, current="BRE")
    tiles = {t.code: t for t in regions_map.tiles}
    assert (tiles["BRE"].coops, tiles["BRE"].referents, tiles["BRE"].current) == (3, 1, True)
    assert tiles["GUA"].coops == 0 and not tiles["ARA"].current
    with translation.override("fr"):
        assert tiles["BRE"].label == "Bretagne — BRE 3 coopératives, 1 référent"
        assert tiles["ARA"].label == "Auvergne-Rhône-Alpes — ARA 1 coopérative, 0 référent"
    with translation.override("en"):
        assert tiles["BRE"].label == "Bretagne — BRE 3 coops, 1 référent"
