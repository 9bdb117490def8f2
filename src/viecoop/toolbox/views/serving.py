"""Files are served by permission-checked views, never from a public media URL."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import redirect

from ..models import ResourceVersion

INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/webp"}


def serve_version(version: ResourceVersion | None):
    """The version's file (inline for PDF and images, else as an attachment) or its link."""
    if version is None:
        raise Http404("No version.")
    if version.is_link:
        return redirect(version.url)
    try:
        handle = version.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404("The file is missing from storage.") from error
    response = FileResponse(
        handle,
        content_type=version.content_type or "application/octet-stream",
        as_attachment=version.content_type not in INLINE_TYPES,
        filename=version.filename or "document",
    )
    response["Cache-Control"] = "private, max-age=0, no-cache"
    if version.content_type.startswith("image/"):
        # An image shown on its own must not run anything in our origin (SVG is not accepted
        # at all; this is a second belt). PDFs are left to the browser's own viewer.
        response["Content-Security-Policy"] = (
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
        )
    return response
