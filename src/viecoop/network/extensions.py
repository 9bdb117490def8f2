"""What later apps add to the network's pages, without the network importing them.

``home_sections``: functions ``fn(request)`` returning ``None`` or a dict
``{"template": …, "context": {…}, "order": int}``, drawn on the network's home page
(the training app adds the latest lessons learned).

``upcoming_meetings_provider``: one function ``fn(*, limit)`` returning the next network
meetings (objects with ``title``, ``start``, ``get_absolute_url()``); the events app sets it.
With none set, the home page and the welcome e-mail simply have no meetings to show.
"""

from __future__ import annotations

from collections.abc import Callable

home_sections: list[Callable[..., dict | None]] = []
_meetings: list[Callable[..., list]] = []


def set_upcoming_meetings_provider(fn: Callable[..., list]) -> None:
    _meetings[:] = [fn]


def upcoming_meetings(*, limit: int = 3) -> list:
    return list(_meetings[0](limit=limit)) if _meetings else []


def sections(request) -> list[dict]:
    found = [section for fn in home_sections if (section := fn(request))]
    return sorted(found, key=lambda section: section.get("order", 50))
