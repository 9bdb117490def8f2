"""The notice letters: one mail-merged PDF, three pages per voter, drawn with ReportLab.

10,000 letters are 30,000 pages: an HTML → PDF engine would take an hour, so each page is drawn
straight on the canvas (like the legal register in ``members/documents.py``). Per voter:

1. the letter: the coop, the address block (in the window of a DL envelope), the date and place,
   the agenda and resolutions, how to take part, the admission card's QR code and, for a member
   without an account, a one-time activation code with its QR code to vote online;
2. the postal voting form (one line per resolution, boxes for / against / abstain, and what to do
   with resolutions added during the meeting);
3. the proxy form (to the chair, or to a named member).
"""

from __future__ import annotations

from io import BytesIO

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from .. import engine
from ..governance import rules_of

WIDTH, HEIGHT = A4
MARGIN = 20 * mm
TEXT_WIDTH = WIDTH - 2 * MARGIN
BODY = ("Helvetica", 10)
SMALL = ("Helvetica", 8)
BOLD = ("Helvetica-Bold", 10)
TITLE = ("Helvetica-Bold", 13)


def qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    """A QR code drawn as one filled path of its dark modules.

    segno encodes (the same library as the screens' QR codes); drawing the matrix ourselves is
    several times faster than ReportLab's own QR widget, which matters for 20,000 codes.
    """
    matrix = segno.make(data, error="m").matrix
    count = len(matrix) + 8  # a quiet zone of four modules on each side
    module = size / count
    path = canvas.beginPath()
    for row, line in enumerate(matrix):
        top = y + size - (row + 4 + 1) * module
        start = None
        for col, dark in enumerate([*line, 0]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                path.rect(x + (start + 4) * module, top, (col - start) * module, module)
                start = None
    canvas.drawPath(path, stroke=0, fill=1)


class Page:
    """Draws wrapped text downwards, starting a new page (with a header) when it runs out."""

    def __init__(self, canvas: Canvas, header: str, footer: str):
        self.canvas, self.header, self.footer = canvas, header, footer
        self.y = HEIGHT - MARGIN

    def new_page(self) -> None:
        self._footer()
        self.canvas.showPage()
        self.y = HEIGHT - MARGIN
        self.text(self.header, SMALL)

    def _footer(self) -> None:
        self.canvas.setFont(*SMALL)
        self.canvas.drawString(MARGIN, 10 * mm, self.footer)

    def need(self, height: float) -> None:
        if self.y - height < 18 * mm:
            self.new_page()

    def text(
        self, text: str, font=BODY, *, indent: float = 0, gap: float = 1.5 * mm, width=None
    ) -> None:
        size = font[1]
        lines = simpleSplit(str(text), font[0], size, (width or TEXT_WIDTH) - indent) or [""]
        for line in lines:
            self.need(size * 1.3)
            self.canvas.setFont(*font)
            self.canvas.drawString(MARGIN + indent, self.y - size, line)
            self.y -= size * 1.3
        self.y -= gap

    def space(self, height: float) -> None:
        self.y -= height

    def box_row(self, label: str, boxes: list[str], *, label_width: float) -> None:
        """A form line: the label, then a labelled square box per choice."""
        lines = simpleSplit(label, BODY[0], BODY[1], label_width) or [""]
        height = max(len(lines) * BODY[1] * 1.3, 7 * mm)
        self.need(height + 2 * mm)
        self.canvas.setFont(*BODY)
        top = self.y
        for index, line in enumerate(lines):
            self.canvas.drawString(MARGIN, top - BODY[1] - index * BODY[1] * 1.3, line)
        x = MARGIN + label_width + 4 * mm
        for box in boxes:
            self.canvas.rect(x, top - 5 * mm, 4.5 * mm, 4.5 * mm)
            self.canvas.drawString(x + 6 * mm, top - 4 * mm, box)
            x += 27 * mm
        self.y = top - height - 2 * mm
        self.canvas.setLineWidth(0.25)
        self.canvas.line(MARGIN, self.y + 1 * mm, WIDTH - MARGIN, self.y + 1 * mm)
        self.canvas.setLineWidth(1)

    def finish(self) -> None:
        self._footer()
        self.canvas.showPage()


def _when(assembly) -> str:
    local = timezone.localtime(assembly.starts_at)
    return _("%(date)s at %(time)s") % {
        "date": formats.date_format(local, "l j F Y"),
        "time": local.strftime("%H:%M"),
    }


def notice_letters_pdf(*, assembly, letters) -> bytes:
    """Every letter of the notice, three pages per voter, in the order given."""
    from ..services.notice import activation_url, assembly_url

    coop = assembly.coop
    rules = rules_of(assembly)
    paper = engine.postal_cutoff(rules, assembly.starts_at, engine.Medium.PAPER).describe()
    online = engine.postal_cutoff(rules, assembly.starts_at, engine.Medium.ELECTRONIC).describe()
    agenda = list(assembly.agenda_items.order_by("position"))
    resolutions = list(assembly.resolutions.order_by("position"))
    elections = list(assembly.elections.prefetch_related("candidates"))
    title = _("Notice of the %(kind)s general assembly") % {
        "kind": assembly.get_kind_display().split(" (")[0].lower()
    }
    when = _when(assembly)
    url = assembly_url(assembly)
    activate_page = settings.SITE_URL + reverse("accounts:activate")
    checkin_page = settings.SITE_URL + reverse(
        "assemblies:checkin", kwargs={"coop_slug": coop.slug, "pk": assembly.pk}
    )
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(coop.name)
    coop_lines = [coop.name, coop.address, f"{coop.postal_code} {coop.city}".strip()]
    for letter in letters:
        voter, member = letter.voter, letter.member
        footer = f"{coop.name} — {assembly.title} — {voter.name} (n°{voter.number})"
        page = Page(canvas, header=f"{assembly.title} — {voter.name}", footer=footer)
        # Sender, then the recipient in the envelope window (right, 45 mm from the top).
        for line in filter(None, coop_lines):
            page.text(line, BOLD if line == coop.name else BODY, gap=0)
        canvas.setFont(*BODY)
        recipient = [voter.name]
        if member.address:
            recipient += [member.address, f"{member.postal_code} {member.city}".strip()]
        for index, line in enumerate(recipient):
            canvas.drawString(110 * mm, HEIGHT - 50 * mm - index * 5 * mm, line)
        page.y = HEIGHT - 80 * mm
        page.text(title, TITLE)
        page.text(when, BOLD)
        if assembly.place:
            page.text(_("Place: %(place)s") % {"place": assembly.place})
        if assembly.remote_url and rules.remote_participation:
            page.text(_("Remote participation: %(url)s") % {"url": assembly.remote_url})
        if assembly.first_meeting_id:
            page.text(
                _(
                    "Second notice: the first meeting could not decide for lack of quorum. "
                    "No quorum is required for the ordinary resolutions this time."
                )
                if assembly.kind == "ordinary"
                else _("Second notice: the first meeting could not decide for lack of quorum.")
            )
        page.text(
            _(
                "Dear member, you are called to the general assembly of the coop. You have "
                "%(votes)s vote(s) (member n°%(number)s)."
            )
            % {"votes": voter.votes, "number": voter.number}
        )
        if agenda:
            page.text(_("Agenda"), BOLD, gap=0.5 * mm)
            for position, item in enumerate(agenda, start=1):
                page.text(f"{position}. {item.title}", indent=4 * mm, gap=0.5 * mm)
        if resolutions:
            page.text(_("Resolutions put to the vote"), BOLD, gap=0.5 * mm)
            for resolution in resolutions:
                page.text(
                    f"{resolution.position}. {resolution.title} ({resolution.get_kind_display().lower()})",
                    indent=4 * mm,
                    gap=0.5 * mm,
                )
        for election in elections:
            page.text(
                _("Election: %(title)s — %(seats)s seat(s); candidates: %(names)s")
                % {
                    "title": election.title,
                    "seats": election.seats,
                    "names": ", ".join(c.name for c in election.candidates.all()),
                }
            )
        page.text(
            _("The papers (texts, accounts, reports) can be read online: %(url)s") % {"url": url}
        )
        page.text(_("How to take part — choose one way:"), BOLD, gap=1 * mm)
        page.text(
            _("1. Come to the meeting: show the admission card below at the entrance."),
            indent=4 * mm,
            gap=0.5 * mm,
        )
        if letter.code:
            page.text(
                _(
                    "2. Vote online %(cutoff)s: scan the code on the right or go to %(url)s and "
                    "type your personal activation code %(code)s to create your access."
                )
                % {"cutoff": online, "url": activate_page, "code": letter.code},
                indent=4 * mm,
                gap=0.5 * mm,
                width=TEXT_WIDTH - 40 * mm,
            )
        else:
            page.text(
                _("2. Vote online %(cutoff)s from your member space: %(url)s")
                % {"cutoff": online, "url": url},
                indent=4 * mm,
                gap=0.5 * mm,
            )
        page.text(
            _("3. Vote by post with the form of page 2, received %(cutoff)s.") % {"cutoff": paper},
            indent=4 * mm,
            gap=0.5 * mm,
        )
        page.text(
            _(
                "4. Give a proxy to another member or to the chair with the form of page 3, "
                "before the meeting."
            ),
            indent=4 * mm,
        )
        # The admission card, and the activation QR code for online voting.
        page.need(40 * mm)
        top = page.y
        canvas.setDash(3, 2)
        canvas.rect(MARGIN, top - 34 * mm, 95 * mm, 32 * mm)
        canvas.setDash()
        # The card's QR code opens the check-in page on the staff's tablet at that voter.
        qr(
            canvas,
            f"{checkin_page}?carte={voter.card_code}",
            MARGIN + 2 * mm,
            top - 32 * mm,
            28 * mm,
        )
        canvas.setFont(*BOLD)
        canvas.drawString(MARGIN + 33 * mm, top - 8 * mm, _("Admission card"))
        canvas.setFont(*BODY)
        canvas.drawString(MARGIN + 33 * mm, top - 14 * mm, voter.name[:40])
        canvas.drawString(
            MARGIN + 33 * mm, top - 19 * mm, _("Member n°%(n)s") % {"n": voter.number}
        )
        canvas.drawString(
            MARGIN + 33 * mm, top - 24 * mm, _("Card %(code)s") % {"code": voter.card_code}
        )
        if letter.code:
            qr(
                canvas,
                activation_url(letter.code),
                WIDTH - MARGIN - 32 * mm,
                top - 34 * mm,
                32 * mm,
            )
            canvas.setFont(*SMALL)
            canvas.drawString(WIDTH - MARGIN - 32 * mm, top - 37 * mm, _("Vote online"))
        page.y = top - 40 * mm
        page.new_page()

        # Page 2: the postal voting form.
        page.text(_("Postal voting form"), TITLE)
        page.text(f"{assembly.title} — {when}", BOLD)
        page.text(
            _("Member: %(name)s, n°%(number)s, %(votes)s vote(s).")
            % {"name": voter.name, "number": voter.number, "votes": voter.votes}
        )
        page.text(
            _(
                "Tick one box per resolution. A resolution without a tick, or with an abstention, "
                "is not a vote cast. Return this page so that it is received %(cutoff)s."
            )
            % {"cutoff": paper}
        )
        label_width = TEXT_WIDTH - 85 * mm
        for resolution in resolutions:
            page.box_row(
                f"{resolution.position}. {resolution.title}",
                [_("For"), _("Against"), _("Abstain")],
                label_width=label_width,
            )
        page.space(2 * mm)
        page.text(_("If a resolution is added during the meeting:"), BOLD)
        page.box_row(_("I vote"), [_("Against"), _("Proxy to the chair")], label_width=label_width)
        for election in elections:
            page.text(
                _(
                    "Board election « %(title)s »: the secret ballot takes place online or in the "
                    "room; it is not on this form."
                )
                % {"title": election.title},
                SMALL,
            )
        page.space(6 * mm)
        page.text(_("Date: ____________    Signature:"), BODY)
        page.new_page()

        # Page 3: the proxy form.
        page.text(_("Proxy"), TITLE)
        page.text(f"{assembly.title} — {when}", BOLD)
        page.text(
            _("I, the undersigned %(name)s, member n°%(number)s, give my proxy to:")
            % {"name": voter.name, "number": voter.number}
        )
        page.box_row(
            _("the chair of the meeting, who will vote as the board proposes"),
            [""],
            label_width=TEXT_WIDTH - 20 * mm,
        )
        page.box_row(
            _("the member named here: ______________________ member n° ________"),
            [""],
            label_width=TEXT_WIDTH - 20 * mm,
        )
        page.text(
            _(
                "A proxy may be given to another member (or to your spouse or civil partner). It "
                "can be revoked until the meeting. A member who gives a proxy does not vote "
                "themselves."
            ),
            SMALL,
        )
        page.space(6 * mm)
        page.text(_("Date: ____________    Signature:"), BODY)
        page.finish()
    canvas.save()
    return buffer.getvalue()
