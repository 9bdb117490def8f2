"""Charts drawn on the server as accessible SVG (pure functions: data in, markup out).

Why not a JavaScript chart library: pages must work without JavaScript, print well, and
be read by screen readers. Each chart is an ``<svg role="img">`` with a ``<title>`` and a
``<desc>`` that says what it shows in one sentence; the template puts the same figures in
a data table beside it (``reports/_chart.html``). Colours come from the stylesheet (classes
``chart-*``), so forced-colours mode and printing keep them legible; series differ by
dash pattern and marker shape too, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Number = int | Decimal | Fraction | float

WIDTH = 640
LABEL_WIDTH = 210
ROW = 30
BAR = 18


def fmt(value: Number | None, decimals: int = 0) -> str:
    """A number for people: rounded half-even to ``decimals`` (Django's ``number_format``
    truncates, so round first), grouped by thousands, never "-0"."""
    if value is None:
        return "—"
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        exact = Decimal(str(value))
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    if rounded == 0:
        rounded = abs(rounded)
    return number_format(rounded, decimal_pos=decimals, force_grouping=True)


def _short(text: str, limit: int = 30) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _nice_max(value: float) -> float:
    """A round top for an axis: 1, 2, 2.5 or 5 × a power of ten, at least ``value``."""
    if value <= 0:
        return 1
    power = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def _svg(
    chart_id: str, title: str, desc: str, height: int, body: str, width: int = WIDTH
) -> SafeString:
    return mark_safe(  # noqa: S308 — every text below went through escape()
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{body}</svg>'
    )


@dataclass
class Chart:
    """A chart and the data table behind it."""

    id: str
    title: str
    rows: list[tuple[str, Number]]
    label_header: str
    value_header: str
    decimals: int = 0
    unit: str = ""
    kind: str = "bar"  # "bar" (horizontal) or "column" (vertical, for time)
    description: str = ""
    svg: SafeString = field(default_factory=lambda: mark_safe(""))

    @property
    def total(self) -> Number:
        return sum((v for _label, v in self.rows), 0)

    @property
    def table(self) -> list[tuple[str, str]]:
        return [(label, fmt(value, self.decimals)) for label, value in self.rows]

    def render(self) -> Chart:
        self.svg = (
            (column_chart(self) if self.kind == "column" else bar_chart(self))
            if self.rows
            else mark_safe("")
        )
        return self


def _describe(chart: Chart) -> str:
    if not chart.rows:
        return ""
    top_label, top_value = max(chart.rows, key=lambda r: r[1])
    return chart.description or (
        f"{len(chart.rows)} · max. {top_label} : {fmt(top_value, chart.decimals)} {chart.unit}".strip()
    )


def bar_chart(chart: Chart) -> SafeString:
    """Horizontal bars, one per row, value written at the end of each bar."""
    top = _nice_max(max(float(v) for _l, v in chart.rows))
    plot = WIDTH - LABEL_WIDTH - 70
    height = ROW * len(chart.rows) + 10
    parts = []
    for index, (label, value) in enumerate(chart.rows):
        y = 5 + index * ROW
        width = 0 if top == 0 else plot * float(value) / top
        parts.append(
            f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="{y + BAR * 0.75:.1f}" '
            f'text-anchor="end">{escape(_short(label))}</text>'
            f'<rect class="chart-bar" x="{LABEL_WIDTH}" y="{y}" width="{max(width, 1):.1f}" '
            f'height="{BAR}" rx="2"></rect>'
            f'<text class="chart-value" x="{LABEL_WIDTH + width + 6:.1f}" y="{y + BAR * 0.75:.1f}">'
            f"{escape(fmt(value, chart.decimals))}</text>"
        )
    axis = (
        f'<line class="chart-axis" x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" '
        f'y2="{height}"></line>'
    )
    return _svg(chart.id, chart.title, _describe(chart), height, axis + "".join(parts))


def _axis_top(value: float) -> float:
    """The top of an axis with four round steps (10, 20, 30, 40 rather than 12.5, 25…)."""
    return 4 * _nice_max(value / 4)


def column_chart(chart: Chart) -> SafeString:
    """Vertical columns (for time), labels below, values above."""
    top = _axis_top(max(float(v) for _l, v in chart.rows))
    height, bottom, left = 240, 200, 50
    slot = (WIDTH - left - 10) / len(chart.rows)
    width = min(60, slot * 0.7)
    parts = []
    for step in range(5):
        value = top * step / 4
        y = bottom - (bottom - 20) * step / 4
        parts.append(
            f'<line class="chart-gridline" x1="{left}" y1="{y:.1f}" x2="{WIDTH - 10}" y2="{y:.1f}"></line>'
            f'<text class="chart-tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(fmt(value, 0 if top >= 10 else 1))}</text>"
        )
    for index, (label, value) in enumerate(chart.rows):
        x = left + slot * index + (slot - width) / 2
        h = 0 if top == 0 else (bottom - 20) * float(value) / top
        parts.append(
            f'<rect class="chart-bar" x="{x:.1f}" y="{bottom - h:.1f}" width="{width:.1f}" '
            f'height="{max(h, 1):.1f}" rx="2"></rect>'
            f'<text class="chart-value" x="{x + width / 2:.1f}" y="{bottom - h - 5:.1f}" '
            f'text-anchor="middle">{escape(fmt(value, chart.decimals))}</text>'
            f'<text class="chart-label" x="{x + width / 2:.1f}" y="{bottom + 18}" '
            f'text-anchor="middle">{escape(_short(label, 12))}</text>'
        )
    return _svg(chart.id, chart.title, _describe(chart), height, "".join(parts))


@dataclass
class Series:
    name: str
    points: list[Number | None]
    css: str = "chart-line"
    marker: str = "circle"  # "circle" or "square": shape tells series apart


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    band: tuple[Sequence[Number | None], Sequence[Number | None]] | None = None,
    decimals: int = 0,
) -> SafeString:
    """Lines over periods; ``band`` (low, high) shades the network's quartile range."""
    values = [float(v) for s in series for v in s.points if v is not None]
    if band:
        values += [float(v) for v in (*band[0], *band[1]) if v is not None]
    if not values or not labels:
        return mark_safe("")
    low = min(0.0, min(values))
    top = _axis_top(max(values) - low) + low if max(values) > low else low + 1
    height, bottom, left, right = 240, 200, 70, WIDTH - 20
    span = top - low or 1

    def x(i: int) -> float:
        return left + (right - left) * (i / max(1, len(labels) - 1))

    def y(v: float) -> float:
        return bottom - (bottom - 20) * (v - low) / span

    parts = []
    for step in range(5):
        v = low + span * step / 4
        parts.append(
            f'<line class="chart-gridline" x1="{left}" y1="{y(v):.1f}" x2="{right}" y2="{y(v):.1f}"></line>'
            f'<text class="chart-tick" x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">'
            f"{escape(fmt(v, decimals if span < 10 else 0))}</text>"
        )
    for i, label in enumerate(labels):
        parts.append(
            f'<text class="chart-label" x="{x(i):.1f}" y="{bottom + 18}" text-anchor="middle">'
            f"{escape(_short(label, 10))}</text>"
        )
    if band:
        lows, highs = band
        points = [
            (i, lo, hi)
            for i, (lo, hi) in enumerate(zip(lows, highs, strict=True))
            if lo is not None and hi is not None
        ]
        if len(points) >= 2:
            top_edge = " ".join(f"{x(i):.1f},{y(float(hi)):.1f}" for i, _lo, hi in points)
            bottom_edge = " ".join(
                f"{x(i):.1f},{y(float(lo)):.1f}" for i, lo, _hi in reversed(points)
            )
            parts.append(
                f'<polygon class="chart-band" points="{top_edge} {bottom_edge}"></polygon>'
            )
    for s in series:
        coords = [(x(i), y(float(v))) for i, v in enumerate(s.points) if v is not None]
        if len(coords) >= 2:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in coords)
            parts.append(f'<polyline class="{s.css}" fill="none" points="{path}"></polyline>')
        for px, py in coords:
            if s.marker == "square":
                parts.append(
                    f'<rect class="{s.css}-marker" x="{px - 4:.1f}" y="{py - 4:.1f}" width="8" height="8"></rect>'
                )
            else:
                parts.append(
                    f'<circle class="{s.css}-marker" cx="{px:.1f}" cy="{py:.1f}" r="4.5"></circle>'
                )
    return _svg(chart_id, title, description, height, "".join(parts))


def position_strip(
    *,
    chart_id: str,
    title: str,
    description: str,
    value: Number | None,
    q1: Number | None,
    median: Number | None,
    q3: Number | None,
    value_label: str,
) -> SafeString:
    """The network's middle half (Q1–Q3 box, median tick) and where one coop stands."""
    known = [float(v) for v in (value, q1, median, q3) if v is not None]
    if not known:
        return mark_safe("")
    low, high = min(known), max(known)
    pad = (high - low) * 0.15 or abs(high) * 0.15 or 1
    low, high = low - pad, high + pad
    width = 320
    left, right, height = 14, width - 14, 66

    def x(v) -> float:
        return left + (right - left) * (float(v) - low) / (high - low)

    parts = [f'<line class="chart-axis" x1="{left}" y1="34" x2="{right}" y2="34"></line>']
    if q1 is not None and q3 is not None:
        parts.append(
            f'<rect class="chart-box" x="{x(q1):.1f}" y="22" width="{max(x(q3) - x(q1), 2):.1f}" height="24"></rect>'
        )
    if median is not None:
        parts.append(
            f'<line class="chart-median" x1="{x(median):.1f}" y1="16" x2="{x(median):.1f}" y2="52"></line>'
        )
    if value is not None:
        vx = x(value)
        parts.append(
            f'<path class="chart-you" d="M{vx:.1f},24 l8,10 l-8,10 l-8,-10 z"></path>'
            f'<text class="chart-value" x="{min(max(vx, 40), width - 40):.1f}" y="63" '
            f'text-anchor="middle">{escape(value_label)}</text>'
        )
    return _svg(chart_id, title, description, height, "".join(parts), width=width)
