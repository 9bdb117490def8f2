"""Who consented to receive the notice by e-mail (R225-61/63: without prior consent, by post).

The members register is getting consents (date, channel, text version) on another branch.
Until its selector reaches ``main``, this seam answers "nobody": the safe reading of the law,
every voter then gets a printed letter. When it lands, this function calls it and nothing
else in the app changes (``services/notice.py`` is the only caller).
"""

from __future__ import annotations

from datetime import date

from viecoop.organizations.models import Coop


def electronic_notice_consents(*, coop: Coop, on: date) -> set[int]:
    """Ids of the coop's members who had consented to e-mail notices on ``on``."""
    return set()
