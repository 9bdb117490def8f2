"""What staff should know before sending the notice: the engine's legal checks (notice period,
second-meeting delay, extraordinary resolutions in an ordinary assembly…) and the preparation's
own gaps (no list of voters, a resolution without its documents, an election without candidate).

Warnings never block: staff may have good reasons. Gaps marked "error" do (a notice without a
list of voters could not be addressed to anyone).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from . import engine
from .governance import rules_of
from .models import Assembly


@dataclass(frozen=True)
class Warning:
    level: str  # "error" blocks the notice, "warning" does not
    message: str
    code: str = ""


def notice_warnings(*, assembly: Assembly, sent_on=None) -> list[Warning]:
    """The engine's checks on a notice sent ``sent_on`` (today by default)."""
    first = assembly.first_meeting
    result = engine.check_notice(
        rules_of(assembly),
        assembly_kind=assembly.kind,
        notice=engine.Notice.SECOND
        if assembly.notice == Assembly.Notice.SECOND
        else engine.Notice.FIRST,
        meeting_at=assembly.starts_at,
        sent_on=sent_on or timezone.localdate(),
        first_meeting_at=first.starts_at if first else None,
        resolution_kinds=[r.kind for r in assembly.resolutions.all()],
    )
    return [Warning("warning", w.message, str(w.code)) for w in result]


def preparation_gaps(*, assembly: Assembly) -> list[Warning]:
    gaps = []
    if assembly.voters_frozen_at is None:
        gaps.append(
            Warning(
                "error", _("The list of voters is not frozen: choose the record date."), "no_voters"
            )
        )
    if not assembly.general_documents and not any(
        r.documents.all() for r in assembly.resolutions.all()
    ):
        gaps.append(
            Warning(
                "warning",
                _(
                    "No document is attached: members must be able to read the papers before voting."
                ),
                "missing_documents",
            )
        )
    for election in assembly.elections.all():
        if not election.candidates.all():
            gaps.append(
                Warning(
                    "error",
                    _("The election « %(title)s » has no candidate.") % {"title": election.title},
                    "no_candidate",
                )
            )
    return gaps


def assembly_warnings(*, assembly: Assembly) -> list[Warning]:
    """Everything to check before the notice (on an assembly loaded with its papers)."""
    if not assembly.is_draft:
        return []
    return preparation_gaps(assembly=assembly) + notice_warnings(assembly=assembly)
