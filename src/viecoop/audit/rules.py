import rules

from viecoop.organizations.rules import is_coop_manager, is_federation_admin

rules.add_perm("audit.view_coop_log", is_coop_manager)
rules.add_perm("audit.view_federation_log", is_federation_admin)
