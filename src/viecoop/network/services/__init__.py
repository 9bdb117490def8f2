"""Writes of the network: each one transactional and audited, e-mails sent after commit."""

from .news import (
    comment_create,
    comment_delete,
    comment_hide,
    comment_unhide,
    news_create,
    news_delete,
    news_publish,
    news_reject,
    news_update,
)
from .referents import (
    application_accept,
    application_decline,
    application_submit,
    application_withdraw,
    mandate_end,
    mandate_step_down,
    on_coop_role_change,
    on_user_anonymise,
    profile_for,
    profile_update,
)

__all__ = [
    "application_accept",
    "application_decline",
    "application_submit",
    "application_withdraw",
    "comment_create",
    "comment_delete",
    "comment_hide",
    "comment_unhide",
    "mandate_end",
    "mandate_step_down",
    "news_create",
    "news_delete",
    "news_publish",
    "news_reject",
    "news_update",
    "on_coop_role_change",
    "on_user_anonymise",
    "profile_for",
    "profile_update",
]
