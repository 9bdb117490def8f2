"""One URL serves a page and, for htmx, just the fragment it swaps."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def render_page(request, template: str, context: dict, *, fragment: str = "results"):
    """Render ``template``, or its ``fragment`` partial for an htmx request.

    A history restore (the browser's back button after htmx navigation) needs the
    whole page, so it gets it. ``Vary: HX-Request`` keeps caches from mixing both.
    """
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        template = f"{template}#{fragment}"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
