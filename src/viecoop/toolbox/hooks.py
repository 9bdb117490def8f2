"""Extension points of the toolbox, for the apps that propose resources (``groups``…).

``proposal_reviewed_hooks``: functions ``fn(*, resource, accepted)`` called in the review's
transaction when the federation accepts or refuses a proposal. An app recognises its own
proposals by ``resource.source_ref`` (the reference it gave to ``resource_propose``), e.g.
the groups app marks its deliverable "in the toolbox" when ``accepted`` is true.

``resource_published_hooks``: functions ``fn(*, resource)`` called in the transaction that
publishes a resource (first publication only).
"""

from collections.abc import Callable

proposal_reviewed_hooks: list[Callable[..., None]] = []
resource_published_hooks: list[Callable[..., None]] = []
