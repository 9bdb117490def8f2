"""Small but real files for the demo toolbox: PDF (ReportLab), ODT, XLSX (openpyxl), PNG (Pillow).

Each one opens in the usual software, so a person walking through the demo downloads a
document that looks like the resource it belongs to.
"""

from __future__ import annotations

import io
import textwrap
import zipfile
from xml.sax.saxutils import escape

BRAND = (11, 61, 92)
TEAL = (10, 84, 96)


def pdf_bytes(title: str, intro: str, points: list[str], *, footer: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="Fédération des Coop'HLM (démo viecoop)",
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
    )
    styles = getSampleStyleSheet()
    styles["Title"].textColor = colors.Color(*(c / 255 for c in BRAND))
    story = [
        Paragraph("Fédération des Coop'HLM — boîte à outils", styles["Normal"]),
        Spacer(1, 0.4 * cm),
        Paragraph(escape(title), styles["Title"]),
        Spacer(1, 0.3 * cm),
        Paragraph(escape(intro), styles["BodyText"]),
        Spacer(1, 0.3 * cm),
        Paragraph("L'essentiel", styles["Heading2"]),
        ListFlowable(
            [ListItem(Paragraph(escape(p), styles["BodyText"])) for p in points],
            bulletType="bullet",
        ),
        Spacer(1, 0.6 * cm),
        Paragraph(escape(footer), styles["Italic"]),
    ]
    doc.build(story)
    return buffer.getvalue()


def odt_bytes(title: str, intro: str, points: list[str]) -> bytes:
    """A minimal, valid OpenDocument text (mimetype stored first and uncompressed)."""
    paragraphs = "".join(f"<text:p>{escape(p)}</text:p>" for p in [intro, *points])
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        "<office:body><office:text>"
        f'<text:h text:outline-level="1">{escape(title)}</text:h>{paragraphs}'
        "<text:p>Date : ……………… Lieu : ……………………………</text:p>"
        "<text:p>Signature :</text:p>"
        "</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.text",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def xlsx_bytes(title: str, header: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column, width in zip("ABCDEF", (38, 18, 18, 18, 18, 18), strict=False):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def png_bytes(title: str, subtitle: str, *, color: tuple[int, int, int] = TEAL) -> bytes:
    """A simple A-format poster: a coloured band, the title, the subtitle."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = 840, 1188
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, 360], fill=color)
    try:
        big = ImageFont.truetype("DejaVuSans-Bold.ttf", 54)
        small = ImageFont.truetype("DejaVuSans.ttf", 30)
    except OSError:
        big = small = ImageFont.load_default()
    y = 80
    for line in textwrap.wrap(title, 24):
        draw.text((60, y), line, fill=(255, 255, 255), font=big)
        y += 68
    y = 440
    for line in textwrap.wrap(subtitle, 42):
        draw.text((60, y), line, fill=(27, 36, 48), font=small)
        y += 44
    draw.rectangle([0, height - 90, width, height], fill=BRAND)
    draw.text((60, height - 65), "Votre coopérative d'HLM", fill=(255, 255, 255), font=small)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
