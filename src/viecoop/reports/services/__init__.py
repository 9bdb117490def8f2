"""Writes of the reports: transactional, audited; e-mails on commit.

Split by sub-domain: ``remontees`` (projects, photos, difficulties and needs), ``campaigns``
(questionnaires, answers, reminders), ``barometer`` (snapshots).
"""

from .barometer import snapshot_take
from .campaigns import (
    campaign_close,
    campaign_create,
    campaign_open,
    campaign_update,
    question_create,
    question_delete,
    question_update,
    reminders_send,
    response_refresh_prefill,
    response_reopen,
    response_save,
    societariat_campaign_create,
)
from .remontees import (
    concern_create,
    concern_update,
    photo_add,
    photo_delete,
    project_create,
    project_delete,
    project_update,
)

__all__ = [
    "campaign_close",
    "campaign_create",
    "campaign_open",
    "campaign_update",
    "concern_create",
    "concern_update",
    "photo_add",
    "photo_delete",
    "project_create",
    "project_delete",
    "project_update",
    "question_create",
    "question_delete",
    "question_update",
    "reminders_send",
    "response_refresh_prefill",
    "response_reopen",
    "response_save",
    "snapshot_take",
    "societariat_campaign_create",
]
