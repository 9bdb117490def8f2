"""E-mails rendered from templates and sent after commit by the task queue.

Templates live in ``templates/emails/<name>_subject.txt``, ``<name>.txt`` and
``<name>.html``; the HTML part is optional. Rendering happens now, in the
recipient's language, so the task only carries plain strings.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_email


def render_email(template: str, context: dict[str, Any], language: str | None = None) -> dict:
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        subject = " ".join(subject.split())
        body = render_to_string(f"emails/{template}.txt", context)
        try:
            html = render_to_string(f"emails/{template}.html", context)
        except TemplateDoesNotExist:
            html = ""
    return {"subject": subject, "body": body, "html": html}


def enqueue_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    from_email: str | None = None,
    reply_to: list[str] | None = None,
) -> None:
    """Queue an already rendered e-mail; it leaves only if the transaction commits."""
    payload = {
        "subject": subject,
        "body": body,
        "html": html,
        "to": list(to),
        "from_email": from_email or settings.DEFAULT_FROM_EMAIL,
        "reply_to": list(reply_to or []),
    }
    transaction.on_commit(lambda: send_email.enqueue(**payload))


def send_templated_email(
    *,
    template: str,
    to: list[str],
    context: dict[str, Any],
    language: str | None = None,
    reply_to: list[str] | None = None,
) -> None:
    """Render ``template`` in ``language`` and queue it for each recipient list."""
    rendered = render_email(template, context, language)
    enqueue_email(to=to, reply_to=reply_to, **rendered)
