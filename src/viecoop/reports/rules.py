"""Who may do what with the reports.

A coop's reports are read and written by its staff (manager, référent, staff) and read by
the federation's team; members do not see them. Campaign answers are submitted by the
référents and managers. The barometer of a coop is for its staff; the network's is for
the federation.
"""

import rules

from viecoop.organizations.models import CoopRole
from viecoop.organizations.rules import (
    has_coop_role,
    is_coop_staff,
    is_federation_admin,
    is_federation_team,
)

is_answerer = has_coop_role(CoopRole.Role.REFERENT, CoopRole.Role.MANAGER)

rules.add_perm("reports.view_reports", is_coop_staff)
rules.add_perm("reports.manage_reports", is_coop_staff)
rules.add_perm("reports.answer_campaign", is_answerer)
rules.add_perm("reports.view_barometer", is_coop_staff)
rules.add_perm("reports.view_federation_reports", is_federation_team)
rules.add_perm("reports.manage_campaigns", is_federation_admin)
