"""The register as a file with the import's columns, so an export re-imports unchanged."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db import transaction

from viecoop.audit.services import audit_record
from viecoop.members.models import Member
from viecoop.organizations.models import Coop

from .fields import EXPORT_HEADERS

# The words written for kinds and statuses (French, like the headers; the import reads them).
KIND_WORDS = {"person": "Personne", "entity": "Personne morale"}
STATUS_WORDS = {"candidate": "Candidat", "admitted": "Admis", "left": "Sorti"}


def export_rows(*, coop: Coop) -> Iterator[list[Any]]:
    """One list per member, in the order of ``fields.FIELDS`` (dates as ``date``)."""
    members = (
        Member.objects.filter(coop=coop)
        .select_related("category", "college", "residence")
        .with_shares()
        .order_by("pk")
    )
    for m in members.iterator(chunk_size=2000):
        yield [
            m.number,
            KIND_WORDS[m.kind],
            m.last_name,
            m.first_name,
            m.legal_name,
            m.representative,
            m.birth_date,
            m.category.name,
            m.college.name,
            m.residence.name if m.residence_id else "",
            m.email,
            m.phone,
            m.address,
            m.postal_code,
            m.city,
            STATUS_WORDS[m.status],
            m.admission_date,
            m.admission_decision,
            m.shares,
        ]


def _audit(actor, coop: Coop, fmt: str) -> None:
    # Personal data leaving the platform: who took it, and when.
    with transaction.atomic():
        audit_record(actor=actor, action="members.export", coop=coop, details={"format": fmt})


def export_csv(*, actor, coop: Coop) -> bytes:
    """``;``-separated, UTF-8 with a BOM (Excel then reads accents right), dates dd/mm/yyyy."""
    _audit(actor, coop, "csv")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXPORT_HEADERS)
    for row in export_rows(coop=coop):
        writer.writerow(
            [
                v.strftime("%d/%m/%Y") if isinstance(v, date) else ("" if v is None else v)
                for v in row
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(*, actor, coop: Coop) -> bytes:
    """One sheet; dates are real Excel dates shown dd/mm/yyyy, numbers of members stay text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    _audit(actor, coop, "xlsx")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Associés")
    bold = Font(bold=True)
    header = []
    for title in EXPORT_HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in export_rows(coop=coop):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(value, str):
                cell.number_format = "@"  # text: « 01000 » keeps its zero
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
