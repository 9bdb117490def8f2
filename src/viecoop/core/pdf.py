"""PDF documents rendered from HTML templates with WeasyPrint (no external service)."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict, *, request=None) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango costs a few hundred ms

    html = render_to_string(template, context, request=request)
    return HTML(
        string=html, base_url=request.build_absolute_uri("/") if request else None
    ).write_pdf()


def pdf_response(pdf: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
