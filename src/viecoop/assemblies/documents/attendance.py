"""The attendance sheet (feuille de présence, R225-95) as PDF, drawn with ReportLab.

One line per voter of the frozen list: number, name, college, votes, how they take part (in the
room, remote, represented by whom, postal or online form, absent) and a box to sign. Like the
legal register, it is made of page-sized tables (a 10,000-line sheet takes seconds, where an
HTML engine would take minutes); past ``INLINE_MAX`` voters it is built in the background.
"""

from __future__ import annotations

from io import BytesIO

from django.db.models import Exists, OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from viecoop.core.pdf_tables import GRID, TEXT, TITLE
from viecoop.core.pdf_tables import cell as _cell
from viecoop.core.pdf_tables import escape as _escape

from ..models import AdvanceVote, Assembly, Attendance, Proxy, Voter

INLINE_MAX = 2000
ROWS_PER_PAGE = 22
# Taller rows than the register's: people sign in the last column.
SHEET = TableStyle(
    [
        *GRID.getCommands(),
        ("TOPPADDING", (0, 1), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
    ]
)


def _sheet_tables(header, rows, widths) -> list:
    story, chunk = [], []
    head = [_cell(h, w) for h, w in zip(header, widths, strict=True)]
    for row in rows:
        chunk.append([_cell(value, w) for value, w in zip(row, widths, strict=True)])
        if len(chunk) == ROWS_PER_PAGE:
            story += [
                Table([head, *chunk], colWidths=widths, style=SHEET, repeatRows=1),
                PageBreak(),
            ]
            chunk = []
    if chunk:
        story.append(Table([head, *chunk], colWidths=widths, style=SHEET, repeatRows=1))
    elif story:
        story.pop()
    return story


def attendance_rows(*, assembly: Assembly):
    """Each voter with how they take part, in one query (annotations, no per-row lookups)."""
    proxy = Proxy.objects.filter(giver=OuterRef("pk"), status=Proxy.Status.ACTIVE)
    advance = AdvanceVote.objects.filter(voter=OuterRef("pk"), status=AdvanceVote.Status.ACTIVE)
    return (
        Voter.objects.filter(assembly=assembly)
        .annotate(
            mode=Subquery(Attendance.objects.filter(voter=OuterRef("pk")).values("mode")[:1]),
            gave_proxy=Exists(proxy),
            proxy_holder=Subquery(proxy.values("holder__name")[:1]),
            proxy_holder_number=Subquery(proxy.values("holder__number")[:1]),
            advance_channel=Subquery(advance.values("channel")[:1]),
        )
        .order_by("name", "number")
    )


def how(row) -> str:
    if row.mode == Attendance.Mode.PRESENT:
        return _("Present")
    if row.mode == Attendance.Mode.REMOTE:
        return _("Remote")
    if row.gave_proxy:
        if row.proxy_holder:
            return _("Represented by %(name)s (n°%(number)s)") % {
                "name": row.proxy_holder,
                "number": row.proxy_holder_number,
            }
        return _("Proxy to the chair")
    if row.advance_channel == "postal":
        return _("Postal form")
    if row.advance_channel == "online":
        return _("Online vote")
    return _("Absent")


def attendance_sheet_pdf(*, assembly: Assembly) -> bytes:
    buffer = BytesIO()
    page = landscape(A4)
    coop = assembly.coop
    when = formats.date_format(timezone.localtime(assembly.starts_at), "DATETIME_FORMAT")

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.drawString(
            12 * mm, 8 * mm, f"{coop.name} — {assembly.title} — {_('Attendance sheet')}"
        )
        canvas.drawRightString(
            page[0] - 12 * mm, 8 * mm, _("Page %(number)s") % {"number": doc.page}
        )
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=_("Attendance sheet"),
        author=coop.name,
    )
    rows = list(attendance_rows(assembly=assembly))
    total = sum(r.votes for r in rows)
    story = [
        Paragraph(_escape(_("Attendance sheet — %(title)s") % {"title": assembly.title}), TITLE),
        Paragraph(_escape(f"{coop.name} — {assembly.get_kind_display()} — {when}"), TEXT),
        Paragraph(_escape(assembly.place or assembly.remote_url), TEXT),
        Paragraph(
            _escape(
                _(
                    "%(voters)s voters on the list frozen on %(date)s, %(votes)s votes in all "
                    "(C. com. R225-95)."
                )
                % {
                    "voters": len(rows),
                    "date": formats.date_format(assembly.record_date)
                    if assembly.record_date
                    else "—",
                    "votes": total,
                }
            ),
            TEXT,
        ),
        Spacer(1, 3 * mm),
    ]
    story += _sheet_tables(
        [_("N°"), _("Name"), _("College"), _("Votes"), _("Takes part"), _("Signature")],
        ([r.number, r.name, r.college, r.votes, how(r), ""] for r in rows),
        [20 * mm, 80 * mm, 30 * mm, 16 * mm, 70 * mm, 55 * mm],
    )
    story += [
        Spacer(1, 6 * mm),
        Paragraph(
            _escape(
                _(
                    "Certified true by the officers of the meeting: the chair, the secretary, the tellers."
                )
            ),
            TEXT,
        ),
    ]
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
