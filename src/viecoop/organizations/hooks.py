"""Extension points other apps plug into, so organizations never imports them.

``coop_setup_hooks``: functions ``fn(*, coop)`` run, in the creating transaction, when a
coop is created (the members register adds its standard categories and colleges).
They must be idempotent: the demo and migrations may run them on existing coops.
"""

from collections.abc import Callable

coop_setup_hooks: list[Callable[..., None]] = []


def run_coop_setup(*, coop) -> None:
    for hook in coop_setup_hooks:
        hook(coop=coop)
