"""Deliverable targets: where a working group may propose what it produced.

A group's deliverable is first a file attached to the group. A *target* is another app
that can receive it — the toolbox, when it is installed, turns a deliverable into a
resource for the federation to review. Targets register here from their
``AppConfig.ready()``; this app never imports them::

    from viecoop.groups.deliverables import DeliverableTarget, Proposal, register_target

    class ToolboxTarget(DeliverableTarget):
        key = "toolbox"
        label = _("The federation's toolbox")

        def is_available(self, *, deliverable, user):
            return deliverable.group.coop_id is None  # network groups only

        def propose(self, *, deliverable, actor):
            resource = resource_submit_from_deliverable(actor=actor, deliverable=deliverable)
            return Proposal(reference=str(resource.pk), url=resource.get_absolute_url())

    register_target(ToolboxTarget())

``propose`` runs inside the transaction of ``groups.services.deliverable_propose``: if it
raises, nothing is recorded. Raise ``ProposalRefused("a message for people")`` to refuse.
Later, the target reports the outcome with
``groups.services.deliverable_outcome(target=…, reference=…, accepted=…, url=…, note=…)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Deliverable


class ProposalRefused(Exception):
    """The target will not take this deliverable (message for people)."""


@dataclass(frozen=True)
class Proposal:
    """What a target answers when it takes a deliverable."""

    reference: str  # the deliverable's id in the target (a resource id), unique per target
    url: str = ""  # where the proposal can be followed, if anywhere


class DeliverableTarget:
    key: str = ""
    label = ""
    #: shown beside the button, to say what happens next
    help_text = ""

    def is_available(self, *, deliverable: Deliverable, user) -> bool:
        return True

    def propose(self, *, deliverable: Deliverable, actor) -> Proposal:
        raise NotImplementedError


_targets: dict[str, DeliverableTarget] = {}


def register_target(target: DeliverableTarget) -> None:
    if not target.key:
        raise ValueError("A deliverable target needs a key.")
    _targets[target.key] = target


def unregister_target(key: str) -> None:
    """For tests."""
    _targets.pop(key, None)


def get_target(key: str) -> DeliverableTarget | None:
    return _targets.get(key)


def targets_for(*, deliverable: Deliverable, user) -> list[DeliverableTarget]:
    return [t for t in _targets.values() if t.is_available(deliverable=deliverable, user=user)]
