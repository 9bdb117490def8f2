"""E-mails of the groups: rendered per recipient, in their language, sent after commit."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from viecoop.core.mail import send_templated_email

from ..models import WorkingGroup


def group_absolute_url(group: WorkingGroup, action: str = "detail", **kwargs) -> str:
    from ..audience import group_path

    return settings.SITE_URL + group_path(group, action, **kwargs)


def send_to(user, template: str, group: WorkingGroup, extra: dict[str, Any]) -> None:
    if not user.is_active or not user.email:
        return
    send_templated_email(
        template=template,
        to=[user.email],
        language=user.language,
        context={
            "group": group,
            "person": user,
            "group_url": group_absolute_url(group),
            "settings_url": group_absolute_url(group) + "#mes-notifications",
            **extra,
        },
    )
