import rules

from viecoop.organizations.rules import is_federation_admin

rules.add_perm("accounts.process_deletion_requests", is_federation_admin)
