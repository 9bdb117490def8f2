"""ReportLab building blocks for long tabular documents (registers, attendance sheets).

Shared by every app that prints thousands of rows: see ``members/documents/register.py``
for why long tables are drawn with ReportLab rather than WeasyPrint.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import TableStyle

TITLE = ParagraphStyle(
    "title", fontName="Helvetica-Bold", fontSize=14, leading=18, spaceAfter=4 * mm
)
HEADING = ParagraphStyle(
    "heading",
    fontName="Helvetica-Bold",
    fontSize=11,
    leading=14,
    spaceBefore=4 * mm,
    spaceAfter=2 * mm,
)
TEXT = ParagraphStyle("text", fontName="Helvetica", fontSize=9, leading=12)
GRID = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEADING", (0, 0), (-1, -1), 9),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
)


def escape(text: object) -> str:
    """Text for a ReportLab ``Paragraph`` (which reads a little markup)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell(text: object, width: float) -> str:
    """Plain text wrapped to the column (Paragraph cells are several times slower)."""
    return "\n".join(simpleSplit(str(text), "Helvetica", 7.5, width - 4)) or ""
