"""Who receives the notice by e-mail: the register's consents (C. com. R225-61/63).

Without a member's prior consent to e-mail notices, in force on the day the notice is sent,
the notice goes by post. The register keeps the consents and answers with
``members.selectors.convocation_channels``; this module is the assemblies' only door to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from viecoop.members.selectors import convocation_channels
from viecoop.organizations.models import Coop


def electronic_notice_consents(
    *, coop: Coop, on: date, member_ids: Iterable[int] | None = None
) -> set[int]:
    """Ids of the members who may be convened by e-mail on ``on`` (consent and an address)."""
    return set(convocation_channels(coop=coop, on=on, member_ids=member_ids).by_email)
