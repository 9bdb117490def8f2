"""Writes on working groups, one module per sub-domain, all importable from here."""

from .digest import send_group_digests
from .discussions import (
    discussion_close,
    discussion_start,
    message_edit,
    message_post,
    message_remove,
)
from .files import (
    deliverable_outcome,
    deliverable_propose,
    deliverable_save,
    document_add,
    document_new_version,
)
from .meetings import group_meeting_create
from .membership import (
    GroupError,
    group_create,
    group_update,
    membership_add,
    membership_decide,
    membership_join,
    membership_leave,
    membership_set_notify,
    membership_set_role,
)

__all__ = [
    "GroupError",
    "deliverable_outcome",
    "deliverable_propose",
    "deliverable_save",
    "discussion_close",
    "discussion_start",
    "document_add",
    "document_new_version",
    "group_create",
    "group_meeting_create",
    "group_update",
    "membership_add",
    "membership_decide",
    "membership_join",
    "membership_leave",
    "membership_set_notify",
    "membership_set_role",
    "message_edit",
    "message_post",
    "message_remove",
    "send_group_digests",
]
