"""User-written rich text (news, messages, resolutions, resources) and QR codes, made safe.

People write Markdown; it is rendered to HTML, then cleaned by nh3 (an allow-list
sanitiser) so that no script, style or event attribute ever reaches a page or an e-mail.
"""

from __future__ import annotations

import markdown
import nh3
import segno
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "blockquote", "code", "pre", "hr",
    "ul", "ol", "li", "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}


def render_markdown(text: str) -> SafeString:
    """Markdown → sanitised HTML. Raw HTML in the source is escaped, links get rel=noopener."""
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 — nh3 has just removed everything not allowed


def qr_svg(data: str, *, scale: int = 4, title: str = "") -> SafeString:
    """An inline SVG QR code (no external service, no image file), for screens and PDFs."""
    svg = segno.make(data, error="m").svg_inline(scale=scale, title=title or None)
    return mark_safe(svg)  # noqa: S308 — segno escapes the title; data is encoded, not embedded
