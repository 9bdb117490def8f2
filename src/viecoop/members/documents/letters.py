"""Activation letters: one A4 page per member, for a French window envelope (DL, 110 × 220 mm).

Drawn with ReportLab, one page at a time: a 2,000-letter mail-merge takes seconds where an
HTML → PDF engine laying out 2,000 pages takes minutes and keeps them all in memory. The
same function draws a single letter, so the one printed from a member's page and the ones
of a batch are identical.

Layout (NF Z 10-011 and La Poste's advice for window envelopes): the recipient's address in
the window zone — 100 mm wide, 45 mm high, 20 mm from the right edge, about 50 mm from the
top of the sheet folded in three — at most six lines, the last one postal code and town in
capitals; fold marks at 99 and 198 mm. Text in 12 pt and more, the code in large spaced
characters, a QR code to the activation page (made by segno, like ``{% qr_code %}``), and
steps written for someone who has never used the website.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import segno
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepInFrame, Paragraph, Spacer

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
WIDTH, HEIGHT = A4
# The window zone of a DL envelope, on the sheet (from the top-left corner).
ADDRESS_LEFT = 108 * mm
ADDRESS_TOP = 50 * mm
ADDRESS_WIDTH = 90 * mm
ADDRESS_LINES = 6
FOLDS = (99 * mm, 198 * mm)
GREETING_TOP = 122 * mm
CODE_BOX_TOP = HEIGHT - 160 * mm
CODE_BOX_HEIGHT = 40 * mm


def _fonts() -> tuple[str, str, str]:
    """DejaVu (every accent, « », the euro sign, narrow spaces) if present, else Helvetica."""
    try:
        pdfmetrics.getFont("DejaVuSans")
    except KeyError:
        try:
            pdfmetrics.registerFont(TTFont("DejaVuSans", FONT_DIR / "DejaVuSans.ttf"))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", FONT_DIR / "DejaVuSans-Bold.ttf"))
            pdfmetrics.registerFont(
                TTFont("DejaVuSansMono-Bold", FONT_DIR / "DejaVuSansMono-Bold.ttf")
            )
        except Exception:  # noqa: BLE001 — any font problem: the built-in fonts still work
            return "Helvetica", "Helvetica-Bold", "Courier-Bold"
    return "DejaVuSans", "DejaVuSans-Bold", "DejaVuSansMono-Bold"


@dataclass(frozen=True)
class Sender:
    name: str
    address_lines: tuple[str, ...]
    email: str = ""
    city: str = ""


@dataclass(frozen=True)
class Letter:
    """What one letter says; ``code`` is the clear activation code (it exists only here)."""

    name: str
    address_lines: tuple[str, ...]
    code: str
    url: str  # the activation page with the code (the QR code)
    activate_url: str  # the activation page to type by hand
    expires: date
    language: str = "fr"


def address_lines(*, name: str, address: str, postal_code: str, city: str) -> tuple[str, ...]:
    """The recipient block: name, street lines, « 35000 RENNES » (six lines at most)."""
    street = [
        line.strip() for line in (address or "").replace("\r", "").split("\n") if line.strip()
    ]
    last = f"{postal_code} {city.upper()}".strip()
    lines = [name, *street[: ADDRESS_LINES - 2], last]
    return tuple(line for line in lines if line)


def _qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    """Draw the QR code's dark modules as rectangles, one per run of a row, in one path."""
    # A fixed mask: segno would otherwise score all eight (tens of ms a code, in Python);
    # any mask is valid and every reader decodes it.
    matrix = segno.make(data, error="m", mask=2, boost_error=False).matrix
    count = len(matrix) + 8  # the quiet zone of four modules on each side
    module = size / count
    operators = []
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 5) * module
        column, length = 0, len(row)
        while column < length:
            if row[column]:
                start = column
                while column < length and row[column]:
                    column += 1
                left = x + (start + 4) * module
                operators.append(
                    f"{left:.2f} {top:.2f} {(column - start) * module:.2f} {module:.2f} re"
                )
            else:
                column += 1
    canvas.setFillColor(colors.black)
    # Raw path operators: ReportLab's path objects cost more than the rest of the page.
    canvas.addLiteral("\n".join(operators) + "\nf")


class LetterWriter:
    """Draws letters on one canvas, a page each (``write`` per letter, then ``finish``).

    What every letter of a batch shares (sender, date, texts, the box, the steps) is drawn
    once per language as a PDF form XObject that each page reuses: the file stays small (a
    few kB a page) and a page costs little more than its address, greeting, code and QR.
    """

    def __init__(self, *, sender: Sender, title: str, today: date):
        self.buffer = BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=A4, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor(sender.name)
        self.sender = sender
        self.today = today
        self.pages = 0
        self.forms: dict[tuple[str, str], str] = {}
        regular, bold, mono = _fonts()
        self.regular, self.bold, self.mono = regular, bold, mono
        self.text = ParagraphStyle(
            "text", fontName=regular, fontSize=12, leading=15.5, spaceAfter=5
        )
        self.heading = ParagraphStyle(
            "heading", parent=self.text, fontName=bold, fontSize=14, leading=18, spaceAfter=6
        )
        self.step = ParagraphStyle(
            "step", parent=self.text, leftIndent=8 * mm, firstLineIndent=-8 * mm
        )
        self.small = ParagraphStyle("small", parent=self.text, fontSize=10.5, leading=14)

    def write(self, letter: Letter) -> None:
        with translation.override(letter.language):
            key = (letter.language, letter.activate_url)
            if key not in self.forms:
                self.forms[key] = f"letter{len(self.forms)}"
                self.canvas.beginForm(self.forms[key])
                self._static(letter)
                self.canvas.endForm()
            self.canvas.doForm(self.forms[key])
            self._personal(letter)
        self.canvas.showPage()
        self.pages += 1

    def finish(self) -> bytes:
        self.canvas.save()
        return self.buffer.getvalue()

    def _static(self, letter: Letter) -> None:
        """The part of the page every letter in this language shares."""
        c, sender = self.canvas, self.sender
        # Fold marks, so a batch folds the same way by hand or by machine.
        c.setStrokeColor(colors.grey)
        c.setLineWidth(0.5)
        for fold in FOLDS:
            c.line(4 * mm, HEIGHT - fold, 9 * mm, HEIGHT - fold)
        # The sender, top left.
        y = HEIGHT - 18 * mm
        c.setFillColor(colors.black)
        c.setFont(self.bold, 12)
        c.drawString(20 * mm, y, sender.name)
        c.setFont(self.regular, 10)
        for line in (*sender.address_lines, sender.email):
            if line:
                y -= 4.6 * mm
                c.drawString(20 * mm, y, line)
        # Place and date, under the window.
        c.setFont(self.regular, 11)
        place = f"{sender.city}, " if sender.city else ""
        c.drawRightString(
            WIDTH - 20 * mm,
            HEIGHT - 103 * mm,
            place + formats.date_format(self.today, "DATE_FORMAT"),
        )
        heading = _("Your personal space at %(coop)s") % {"coop": sender.name}
        _frame(
            c,
            [Paragraph(escape(heading), self.heading)],
            bottom=HEIGHT - GREETING_TOP + 2 * mm,
            top=HEIGHT - 110 * mm,
        )
        intro = [
            Paragraph(
                escape(
                    _(
                        "As a member of the coop, you have a personal space on its website. "
                        "There you can see your shares, read the papers of the general "
                        "assemblies, vote, and tell the coop how to reach you."
                    )
                ),
                self.text,
            ),
            Paragraph(
                escape(_("To open it, you need the personal code printed below.")), self.text
            ),
        ]
        _frame(c, intro, bottom=CODE_BOX_TOP + 3 * mm, top=HEIGHT - GREETING_TOP - 3 * mm)
        # The box around the code.
        c.setStrokeColor(colors.black)
        c.setLineWidth(1.2)
        c.roundRect(
            20 * mm, CODE_BOX_TOP - CODE_BOX_HEIGHT, WIDTH - 40 * mm, CODE_BOX_HEIGHT, 3 * mm
        )
        c.setFont(self.regular, 11)
        c.drawString(26 * mm, CODE_BOX_TOP - 9 * mm, _("My activation code:"))
        steps = [
            Paragraph(escape(_("How to open your space")), self.heading),
            Paragraph(
                escape(
                    _(
                        "1. With a smartphone: open the camera and point it at the square code "
                        "on the right of the box. Touch the link that appears."
                    )
                ),
                self.step,
            ),
            Paragraph(
                escape(
                    _("2. Or on a computer: type this address in the bar at the top of the window:")
                )
                + f" <font name='{self.bold}'>{escape(letter.activate_url)}</font>",
                self.step,
            ),
            Paragraph(
                escape(
                    _(
                        "3. Type the code written in the box, then follow the instructions: give "
                        "your e-mail address and choose a password."
                    )
                ),
                self.step,
            ),
            Spacer(1, 2 * mm),
            Paragraph(
                escape(
                    _(
                        "No computer, no smartphone? A relative may help you, or call or visit the "
                        "coop: the team will be glad to help. You may also keep receiving "
                        "everything by post."
                    )
                ),
                self.text,
            ),
            Paragraph(escape(_("This code is yours only: do not give it to anybody.")), self.small),
            Spacer(1, 3 * mm),
            Paragraph(escape(_("With our cooperative greetings,")), self.text),
            Paragraph(f"<font name='{self.bold}'>{escape(sender.name)}</font>", self.text),
        ]
        _frame(c, steps, bottom=12 * mm, top=CODE_BOX_TOP - CODE_BOX_HEIGHT - 4 * mm)

    def _personal(self, letter: Letter) -> None:
        """What is the member's own: address in the window, greeting, code, QR code."""
        c = self.canvas
        c.setFillColor(colors.black)
        y = HEIGHT - ADDRESS_TOP - 5 * mm
        for index, line in enumerate(letter.address_lines[:ADDRESS_LINES]):
            font = self.bold if index == 0 else self.regular
            c.setFont(font, _fit(line, font, 11.5, ADDRESS_WIDTH))
            c.drawString(ADDRESS_LEFT, y, line)
            y -= 5.2 * mm
        greeting = _("Dear %(name)s,") % {"name": letter.name}
        c.setFont(self.regular, _fit(greeting, self.regular, 12, WIDTH - 40 * mm))
        c.drawString(20 * mm, HEIGHT - GREETING_TOP, greeting)
        c.setFont(self.mono, 24)
        c.drawString(26 * mm, CODE_BOX_TOP - 22 * mm, letter.code.replace("-", " - "))
        c.setFont(self.regular, 10)
        c.drawString(
            26 * mm,
            CODE_BOX_TOP - 32 * mm,
            _("Valid until %(date)s, once.")
            % {"date": formats.date_format(letter.expires, "DATE_FORMAT")},
        )
        qr_size = 34 * mm
        _qr(
            c,
            letter.url,
            WIDTH - 20 * mm - qr_size - 3 * mm,
            CODE_BOX_TOP - CODE_BOX_HEIGHT + 3 * mm,
            qr_size,
        )


def _fit(text: str, font: str, size: float, width: float) -> float:
    """The font size (at most ``size``) at which ``text`` fits ``width`` on one line."""
    needed = pdfmetrics.stringWidth(text, font, size)
    return size if needed <= width else max(7.0, size * width / needed)


def _frame(canvas: Canvas, story: list, *, bottom: float, top: float) -> None:
    """Draw ``story`` between ``bottom`` and ``top``; shrunk if a translation runs long, so
    that no sentence of the letter is ever dropped.
    """
    width, height = WIDTH - 40 * mm, top - bottom
    frame = Frame(
        20 * mm, bottom, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0
    )
    frame.addFromList([KeepInFrame(width, height, story, mode="shrink")], canvas)


def letters_pdf(
    *,
    sender: Sender,
    letters: Iterable[Letter],
    today: date | datetime,
    progress: Callable[[int], None] | None = None,
    every: int = 50,
) -> tuple[bytes, int]:
    """The PDF of ``letters`` (one page each) and its number of pages."""
    writer = LetterWriter(sender=sender, title=_("Activation letters"), today=today)
    for count, letter in enumerate(letters, start=1):
        writer.write(letter)
        if progress and count % every == 0:
            progress(count)
    return writer.finish(), writer.pages
