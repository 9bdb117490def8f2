"""Who may manage a coop's API tokens: its managers (a token reads and writes the register)."""

import rules

from viecoop.organizations.rules import is_coop_manager

rules.add_perm("api.manage_tokens", is_coop_manager)
