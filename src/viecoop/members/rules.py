import rules

from viecoop.organizations.models import CoopRole
from viecoop.organizations.rules import has_coop_role, is_coop_staff

# Keeping the register is the coop's office work (managers and staff); a référent who
# is not also staff may read it to animate the coop's life but not change it.
is_register_keeper = has_coop_role(CoopRole.Role.MANAGER, CoopRole.Role.STAFF)

rules.add_perm("members.view_register", is_coop_staff)
rules.add_perm("members.manage_register", is_register_keeper)
rules.add_perm("members.manage_ledger", is_register_keeper)
# The register's rules (nominal value, categories, colleges and their weights, consent texts)
# follow the statutes: the coop's managers set them.
rules.add_perm("members.manage_register_settings", has_coop_role(CoopRole.Role.MANAGER))
