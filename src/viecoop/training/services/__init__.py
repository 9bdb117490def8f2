"""Writes of the training programme: transactional, audited, e-mails after commit."""

from .lessons import (
    lesson_create,
    lesson_delete,
    lesson_publish,
    lesson_request_changes,
    lesson_submit,
    lesson_update,
)
from .programmes import (
    participant_enroll,
    participant_withdraw,
    programme_create,
    programme_update,
    session_create,
    session_day_add,
    session_day_delete,
    session_update,
)
from .projects import (
    milestone_add,
    milestone_delete,
    milestone_update,
    project_create,
    project_update,
)

__all__ = [
    "lesson_create",
    "lesson_delete",
    "lesson_publish",
    "lesson_request_changes",
    "lesson_submit",
    "lesson_update",
    "milestone_add",
    "milestone_delete",
    "milestone_update",
    "participant_enroll",
    "participant_withdraw",
    "programme_create",
    "programme_update",
    "project_create",
    "project_update",
    "session_create",
    "session_day_add",
    "session_day_delete",
    "session_update",
]
