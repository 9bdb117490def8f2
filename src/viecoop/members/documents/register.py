"""The legal register as PDF, built with ReportLab.

WeasyPrint (HTML → PDF) lays out long tables slowly: a 2,500-member register took
74 s. The register is a plain table of thousands of rows, so it is drawn with
ReportLab's flowables instead, one page-sized table at a time (splitting one huge
table is what makes PDF engines slow): 30,000 rows take about 8 s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from io import BytesIO

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

from viecoop.core.pdf_tables import GRID, HEADING, TEXT, TITLE
from viecoop.core.pdf_tables import cell as _cell
from viecoop.core.pdf_tables import escape as _escape

ROWS_PER_TABLE = 34


def _table(head: list, rows: list, widths: Sequence[float]) -> Table:
    table = Table([head, *rows], colWidths=widths, style=GRID, repeatRows=1)
    table.register_rows = len(rows)  # for the progress of a register made in the background
    return table


def _tables(header: Sequence[str], rows: Iterable[Sequence], widths: Sequence[float]) -> list:
    """One table per page: splitting a single huge table is what makes PDF engines slow."""
    story: list = []
    chunk: list = []
    head = [_cell(h, w) for h, w in zip(header, widths, strict=True)]
    for row in rows:
        chunk.append([_cell(value, w) for value, w in zip(row, widths, strict=True)])
        if len(chunk) == ROWS_PER_TABLE:
            story += [_table(head, chunk, widths), PageBreak()]
            chunk = []
    if chunk:
        story.append(_table(head, chunk, widths))
    elif story:
        story.pop()  # no page break after the last full table
    return story


def _number_order(member) -> tuple:
    """Member numbers in natural order: 2 before 10, numbers before other codes."""
    return (0, int(member.number), "") if member.number.isdigit() else (1, 0, member.number)


def legal_register_members(*, coop, on: date) -> list:
    """The members on the register at ``on`` (admitted by then, not gone), in number order,
    each with ``shares`` at that date and ``college`` as it was then (their college history).
    """
    from ..models import College, Member
    from ..selectors import colleges_on

    members = list(
        Member.objects.filter(coop=coop, admission_date__lte=on)
        .exclude(status=Member.Status.LEFT, exit_date__lte=on)
        .select_related("college")
        .with_shares(on=on)
    )
    then = colleges_on(coop=coop, on=on)
    if then:
        colleges = College.objects.in_bulk(set(then.values()))
        for member in members:
            if member.pk in then:
                member.college = colleges[then[member.pk]]
    return sorted(members, key=_number_order)


def register_pdf(*, coop, on: date, members, operations, capital: dict) -> bytes:
    """The register of members and the share movements at ``on``."""
    return build_register_pdf(
        coop=coop, on=on, members=members, operations=operations, capital=capital
    )[0]


class _Document(SimpleDocTemplate):
    """Counts the rows drawn, for the progress bar of a register made in the background."""

    def __init__(self, *args, progress=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.progress, self.rows, self.tables = progress, 0, 0

    def afterFlowable(self, flowable):
        if self.progress and hasattr(flowable, "register_rows"):
            self.rows += flowable.register_rows
            self.tables += 1
            if self.tables % 10 == 0:
                self.progress(self.rows)


def build_register_pdf(
    *, coop, on: date, members, operations, capital: dict, progress=None
) -> tuple[bytes, int]:
    """The register of members and the share movements at ``on``, and its number of pages.

    ``progress(rows)`` is told every ten pages how many rows are drawn.
    """
    buffer = BytesIO()
    page = landscape(A4)

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.drawString(
            12 * mm, 8 * mm, f"{coop.name} — {_('Register of members')} — {formats.date_format(on)}"
        )
        canvas.drawRightString(
            page[0] - 12 * mm, 8 * mm, _("Page %(number)s") % {"number": doc.page}
        )
        canvas.restoreState()

    doc = _Document(
        buffer,
        progress=progress,
        pagesize=page,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=_("Register of members"),
        author=coop.name,
    )
    identity = f"{coop.name} — {coop.get_legal_form_display()}"
    if coop.siren:
        identity += f" — SIREN {coop.siren}"
    members = list(members)
    story = [
        Paragraph(
            _escape(
                _("Register of members and share movements on %(date)s")
                % {"date": formats.date_format(on)}
            ),
            TITLE,
        ),
        Paragraph(_escape(identity), TEXT),
        Paragraph(_escape(f"{coop.address} {coop.postal_code} {coop.city}".strip()), TEXT),
        Spacer(1, 3 * mm),
        Paragraph(
            _escape(
                _("%(count)s members hold %(shares)s shares, a share capital of %(amount)s €.")
                % {
                    "count": len(members),
                    "shares": formats.number_format(capital["shares"], force_grouping=True),
                    "amount": formats.number_format(capital["amount"], 2, force_grouping=True),
                }
            ),
            TEXT,
        ),
        Paragraph(_escape(_("Members")), HEADING),
    ]
    story += _tables(
        [_("N°"), _("Name"), _("Address"), _("College"), _("Admission"), _("Shares")],
        (
            [
                m.number,
                m.display_name + (f" ({m.representative})" if m.representative else ""),
                f"{m.address} {m.postal_code} {m.city}".strip(),
                m.college.name,
                formats.date_format(m.admission_date, "SHORT_DATE_FORMAT"),
                m.shares,
            ]
            for m in members
        ),
        [16 * mm, 70 * mm, 95 * mm, 40 * mm, 25 * mm, 20 * mm],
    )
    story += [PageBreak(), Paragraph(_escape(_("Share movements")), HEADING)]
    story += _tables(
        [
            _("N°"),
            _("Date"),
            _("Operation"),
            _("Member"),
            _("Shares"),
            _("Unit price"),
            _("Board decision"),
        ],
        (
            [
                op.sequence,
                formats.date_format(op.effective_date, "SHORT_DATE_FORMAT"),
                op.get_kind_display(),
                f"{op.member.number} {op.member.display_name}"
                + (
                    f" → {op.counterpart.number} {op.counterpart.display_name}"
                    if op.counterpart_id
                    else ""
                ),
                op.shares,
                f"{formats.number_format(op.unit_price, 2)} €",
                op.board_decision,
            ]
            for op in operations
        ),
        [14 * mm, 22 * mm, 35 * mm, 105 * mm, 18 * mm, 22 * mm, 50 * mm],
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue(), doc.page
