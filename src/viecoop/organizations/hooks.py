"""Extension points other apps plug into, so organizations never imports them.

``coop_setup_hooks``: functions ``fn(*, coop)`` run, in the creating transaction, when a
coop is created (the members register adds its standard categories and colleges).
They must be idempotent: the demo and migrations may run them on existing coops.

``coop_role_hooks``: functions ``fn(*, actor, coop_role, granted)`` run in the transaction
of ``coop_role_grant`` (``granted=True``, a new role) and ``coop_role_revoke``
(``granted=False``, just before the row is deleted). The network keeps the history of
référents' mandates with it, whichever page granted or withdrew the role.

``federation_dashboard_panels``: functions ``fn(request)`` returning ``None`` or a dict
``{"template": …, "context": {…}, "order": int}`` drawn on the federation dashboard.
"""

from collections.abc import Callable

coop_setup_hooks: list[Callable[..., None]] = []
coop_role_hooks: list[Callable[..., None]] = []
federation_dashboard_panels: list[Callable[..., dict | None]] = []


def run_coop_setup(*, coop) -> None:
    for hook in coop_setup_hooks:
        hook(coop=coop)


def run_coop_role_hooks(*, actor, coop_role, granted: bool) -> None:
    for hook in coop_role_hooks:
        hook(actor=actor, coop_role=coop_role, granted=granted)


def dashboard_panels(request) -> list[dict]:
    panels = [panel for fn in federation_dashboard_panels if (panel := fn(request))]
    return sorted(panels, key=lambda panel: panel.get("order", 50))
