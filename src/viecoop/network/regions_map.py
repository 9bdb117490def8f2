"""A tile map of the French regions (a square cartogram), drawn as inline SVG.

Each region is one equal tile placed roughly where it lies, so small regions (Île-de-France)
stay as readable and clickable as large ones (Nouvelle-Aquitaine). No external map service,
no geographic data set: the layout below is this project's own work (AGPL like the rest).
Overseas regions are insets in a row of their own. Pure data in, pure data out.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from viecoop.organizations.models import Region

# (column, row) of each metropolitan region on the grid, then the overseas insets' row.
METROPOLITAN_TILES: dict[str, tuple[int, int]] = {
    Region.HAUTS_DE_FRANCE: (2, 0),
    Region.NORMANDIE: (1, 1),
    Region.ILE_DE_FRANCE: (2, 1),
    Region.GRAND_EST: (3, 1),
    Region.BRETAGNE: (0, 2),
    Region.PAYS_DE_LA_LOIRE: (1, 2),
    Region.CENTRE_VAL_DE_LOIRE: (2, 2),
    Region.BOURGOGNE_FRANCHE_COMTE: (3, 2),
    Region.NOUVELLE_AQUITAINE: (1, 3),
    Region.AUVERGNE_RHONE_ALPES: (2, 3),
    Region.OCCITANIE: (1, 4),
    Region.PROVENCE_ALPES_COTE_D_AZUR: (2, 4),
    Region.CORSE: (3, 4),
}
OVERSEAS = (
    Region.GUADELOUPE,
    Region.MARTINIQUE,
    Region.GUYANE,
    Region.LA_REUNION,
    Region.MAYOTTE,
)
# Short labels written on the tiles; the full name is in the link's accessible name.
ABBREVIATIONS: dict[str, str] = {
    Region.AUVERGNE_RHONE_ALPES: "ARA",
    Region.BOURGOGNE_FRANCHE_COMTE: "BFC",
    Region.BRETAGNE: "BRE",
    Region.CENTRE_VAL_DE_LOIRE: "CVL",
    Region.CORSE: "COR",
    Region.GRAND_EST: "GES",
    Region.HAUTS_DE_FRANCE: "HDF",
    Region.ILE_DE_FRANCE: "IDF",
    Region.NORMANDIE: "NOR",
    Region.NOUVELLE_AQUITAINE: "NAQ",
    Region.OCCITANIE: "OCC",
    Region.PAYS_DE_LA_LOIRE: "PDL",
    Region.PROVENCE_ALPES_COTE_D_AZUR: "PACA",
    Region.GUADELOUPE: "GUA",
    Region.MARTINIQUE: "MTQ",
    Region.GUYANE: "GUY",
    Region.LA_REUNION: "RÉU",
    Region.MAYOTTE: "MAY",
}

TILE = 84  # side of a tile, in SVG units
GAP = 6
PADDING = 4
OVERSEAS_GAP = 30  # room for the "Overseas" caption between the mainland and the insets
# Five shades, light to dark; text colour chosen per shade so contrast stays ≥ 4.5:1.
SHADES = (
    ("#f3f6f8", "#1b2430"),  # no coop
    ("#d6ecf0", "#1b2430"),
    ("#8cc7d1", "#1b2430"),
    ("#1f7a87", "#ffffff"),
    ("#0a5460", "#ffffff"),
)


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    abbreviation: str
    coops: int
    referents: int
    x: int
    y: int
    fill: str
    text: str
    overseas: bool
    current: bool

    @property
    def center_x(self) -> int:
        return self.x + TILE // 2

    @property
    def label(self) -> str:
        """The tile's accessible name: « Bretagne — BRE 3 coopératives, 4 référents ».

        It contains the tile's visible text (« BRE 3 ») so that people who speak to their
        computer can name the link by what they see (WCAG 2.5.3, label in name).
        """
        coops = ngettext("%(n)s coop", "%(n)s coops", self.coops) % {"n": self.coops}
        referents = ngettext("%(n)s référent", "%(n)s référents", self.referents) % {
            "n": self.referents
        }
        return _("%(region)s — %(abbreviation)s %(coops)s, %(referents)s") % {
            "region": self.name,
            "abbreviation": self.abbreviation,
            "coops": coops,
            "referents": referents,
        }


@dataclass(frozen=True)
class RegionsMap:
    tiles: list[Tile]
    width: int
    height: int
    overseas_y: int
    tile: int = TILE

    @property
    def metropolitan(self) -> list[Tile]:
        return [t for t in self.tiles if not t.overseas]

    @property
    def overseas(self) -> list[Tile]:
        return [t for t in self.tiles if t.overseas]


def shade(count: int, maximum: int) -> tuple[str, str]:
    """The (fill, text) colours of a tile: 0 has its own shade, then four equal steps."""
    if count <= 0 or maximum <= 0:
        return SHADES[0]
    step = min(3, (count * 4 - 1) // maximum)  # 1..max → 0..3
    return SHADES[1 + step]


def build_map(counts: dict[str, tuple[int, int]], *, current: str = "") -> RegionsMap:
    """Tiles for every region from ``{region code: (coops, référents)}`` (missing = none)."""
    labels = dict(Region.choices)
    maximum = max((coops for coops, _refs in counts.values()), default=0)
    tiles: list[Tile] = []
    columns = 1 + max(col for col, _row in METROPOLITAN_TILES.values())
    rows = 1 + max(row for _col, row in METROPOLITAN_TILES.values())

    def make(code: str, x: int, y: int, overseas: bool) -> Tile:
        coops, referents = counts.get(code, (0, 0))
        fill, text = shade(coops, maximum)
        return Tile(
            code=code,
            name=str(labels[code]),
            abbreviation=ABBREVIATIONS[code],
            coops=coops,
            referents=referents,
            x=x,
            y=y,
            fill=fill,
            text=text,
            overseas=overseas,
            current=code == current,
        )

    for code, (col, row) in METROPOLITAN_TILES.items():
        tiles.append(make(code, PADDING + col * (TILE + GAP), PADDING + row * (TILE + GAP), False))
    overseas_y = PADDING + rows * (TILE + GAP) + OVERSEAS_GAP
    overseas_columns = len(OVERSEAS)
    width = PADDING * 2 + max(columns, overseas_columns) * (TILE + GAP) - GAP
    for index, code in enumerate(OVERSEAS):
        tiles.append(make(code, PADDING + index * (TILE + GAP), overseas_y, True))
    height = overseas_y + TILE + PADDING
    return RegionsMap(tiles=tiles, width=width, height=height, overseas_y=overseas_y)
