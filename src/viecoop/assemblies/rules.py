"""Who may do what with assemblies (django-rules, over (user, coop)).

Preparing and running an assembly is the coop's staff's work (managers, référents and staff:
the référent vie coopérative often leads it); the governance profile and the board are the
managers'; every participant of the coop reads the assemblies they were called to and votes
through their own register entry (the services check that the entry is on the list of voters).
"""

import rules

from viecoop.organizations.rules import is_coop_manager, is_coop_participant, is_coop_staff

rules.add_perm("assemblies.view_assemblies", is_coop_participant)
rules.add_perm("assemblies.manage_assemblies", is_coop_staff)
rules.add_perm("assemblies.run_meeting", is_coop_staff)
rules.add_perm("assemblies.enter_paper_forms", is_coop_staff)
rules.add_perm("assemblies.view_governance", is_coop_staff)
rules.add_perm("assemblies.change_governance", is_coop_manager)
rules.add_perm("assemblies.view_board", is_coop_participant)
rules.add_perm("assemblies.manage_board", is_coop_manager)
