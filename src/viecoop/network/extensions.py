"""What later apps add to the network's pages, without the network importing them.

``home_sections``: functions ``fn(request)`` returning ``None`` or a dict
``{"template": …, "context": {…}, "order": int}``, drawn on the network's home page
(the training app adds the latest lessons learned).

``set_upcoming_meetings_provider(fn)``: one function ``fn(*, limit)`` returning the next
network meetings as ``Meeting``s. The network sets it when the events app is installed
(``meetings.py``); with none, the home page and the welcome e-mail have no meetings to show.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Meeting:
    """What the network's pages and e-mails say about a meeting (plain data, any source)."""

    title: str
    start: datetime.datetime
    url: str  # a path on this site
    where: str = ""  # a place, or "Remote"


home_sections: list[Callable[..., dict | None]] = []
_meetings: list[Callable[..., list]] = []


def set_upcoming_meetings_provider(fn: Callable[..., list]) -> None:
    _meetings[:] = [fn]


def upcoming_meetings(*, limit: int = 3) -> list:
    return list(_meetings[0](limit=limit)) if _meetings else []


def sections(request) -> list[dict]:
    found = [section for fn in home_sections if (section := fn(request))]
    return sorted(found, key=lambda section: section.get("order", 50))
