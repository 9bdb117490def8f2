"""Helpers shared by the report pages: photos served through permission checks, exports."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone

from ..models import ProjectPhoto

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def serve_photo(photo: ProjectPhoto) -> FileResponse:
    try:
        handle = photo.image.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404("The photo is missing from storage.") from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def _plain(value):
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
            if timezone.is_aware(value)
            else value.strftime("%d/%m/%Y %H:%M")
        )
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return "" if value is None else value


def csv_response(filename: str, header: list[str], rows: list[list]) -> HttpResponse:
    """CSV as French spreadsheets open it: UTF-8 with a BOM, semicolons, decimal commas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_plain(v) for v in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename: str, sheets: list[tuple[str, list[str], list[list]]]) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(
                [
                    timezone.localtime(v).replace(tzinfo=None)
                    if isinstance(v, datetime) and timezone.is_aware(v)
                    else v
                    for v in row
                ]
            )
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column[:200])
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
