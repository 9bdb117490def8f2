"""Rendered Markdown of the papers, cached by content.

A resolution's text cannot change once the notice is sent, and thousands of members open the
same vote page in the last hours: rendering the same Markdown for each of them is wasted work.
The cache key is a hash of the text itself, so an edit (before the notice) never shows a stale
rendering, and every application server shares the result through the configured cache.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from viecoop.core.richtext import render_markdown

TIMEOUT = 60 * 60 * 24


def cached_markdown(text: str) -> SafeString:
    if not text:
        return mark_safe("")
    key = "assemblies:md:" + hashlib.sha256(text.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = str(render_markdown(text))
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # noqa: S308 -- rendered and sanitised by render_markdown (nh3)
