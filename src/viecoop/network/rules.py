"""Who may do what in the network (django-rules).

Network pages are for the staff of member coops and the federation's team
(``organizations.view_network``). Object-level checks take the object as second argument.
"""

from __future__ import annotations

import rules

from viecoop.organizations.models import CoopRole
from viecoop.organizations.rules import (
    is_coop_staff,
    is_federation_admin,
    is_federation_team,
    is_staff_of_any_coop,
)
from viecoop.organizations.selectors import roles_for

from .models import NewsPost


@rules.predicate
def is_referent_somewhere(user) -> bool:
    return any(CoopRole.Role.REFERENT in roles for roles in roles_for(user).coop_roles.values())


@rules.predicate
def can_volunteer_somewhere(user) -> bool:
    """Staff of at least one coop where they are not référent yet."""
    return any(
        roles & CoopRole.STAFF_ROLES and CoopRole.Role.REFERENT not in roles
        for roles in roles_for(user).coop_roles.values()
    )


@rules.predicate
def is_post_author(user, post: NewsPost | None) -> bool:
    return post is not None and post.author_id == user.pk


@rules.predicate
def is_editable_by_author(user, post: NewsPost | None) -> bool:
    # Until it is published: a draft, a post awaiting moderation, or one sent back.
    return post is not None and post.status != NewsPost.Status.PUBLISHED


can_view_network = is_staff_of_any_coop | is_federation_team

# Directory, référents' pages, news: the whole network.
rules.add_perm("network.view_directory", can_view_network)
rules.add_perm("network.view_news", can_view_network)
rules.add_perm("network.comment_news", can_view_network)
# "Devenir référent": any coop staff member not yet référent of (one of) their coop(s).
rules.add_perm("network.volunteer", can_volunteer_somewhere)
# A référent writes news that the federation moderates; the federation publishes directly.
rules.add_perm("network.write_news", is_referent_somewhere | is_federation_team)
rules.add_perm("network.publish_news", is_federation_team)
rules.add_perm("network.moderate_news", is_federation_team)
rules.add_perm("network.change_news", is_federation_team | (is_post_author & is_editable_by_author))
# Applications and mandates: the chargée de mission welcomes and validates.
rules.add_perm("network.view_applications", is_federation_team)
rules.add_perm("network.review_applications", is_federation_admin)
rules.add_perm("network.end_mandate", is_federation_admin)
rules.add_perm("network.view_coops_without_referent", is_federation_team)
# The coop's own page of its référents (current, history, who volunteered).
rules.add_perm("network.view_coop_referents", is_coop_staff)
