import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from viecoop.core.mail import render_email, send_templated_email

pytestmark = pytest.mark.django_db


def test_health_ok(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["X-Request-ID"]
    assert "no-cache" in response["Cache-Control"]


def test_health_reports_database_failure(client, monkeypatch):
    from viecoop.core import views

    class Broken:
        def __enter__(self):
            raise RuntimeError("database down")

        def __exit__(self, *args):
            return False

    monkeypatch.setattr(views.connection, "cursor", lambda: Broken())
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_request_id_is_passed_through(client):
    response = client.get(reverse("health"), headers={"X-Request-ID": "lb-1234"})
    assert response["X-Request-ID"] == "lb-1234"


def test_french_by_default_even_with_an_english_browser(client):
    response = client.get(reverse("home"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr"' in response.content.decode()


def test_english_on_request(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("home"))
    assert response["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()


def test_language_switch_sets_cookie(client, settings):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_emails_leave_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_templated_email(
            template="deletion_requested",
            to=["a@b.fr"],
            context={"user": None, "deletion_request": None},
        )
    assert len(callbacks) == 1 and mail.outbox == []
    callbacks[0]()
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_emails_dropped_when_the_transaction_rolls_back():
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        send_templated_email(template="deletion_requested", to=["a@b.fr"], context={})
        1 / 0  # noqa: B018
    assert mail.outbox == []


def test_email_rendered_in_recipient_language():
    french = render_email("deletion_requested", {}, language="fr")
    english = render_email("deletion_requested", {}, language="en")
    assert french["subject"] != english["subject"]
    assert "\n" not in french["subject"]
    assert translation.get_language() in {"fr", "en", None}


@pytest.mark.django_db(transaction=True)
def test_database_task_queue_survives_a_restart(settings):
    """A queued e-mail is a database row: a worker started later sends it exactly once."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    # django-tasks forgets its cached backend when the setting changes (and when it is restored).
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
    }
    with transaction.atomic():
        send_templated_email(template="deletion_requested", to=["a@b.fr"], context={})
    assert mail.outbox == []  # nothing sent by the web process
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    worker = {
        "batch": True,
        "queue_name": "*",
        "startup_delay": False,
        "reload": False,
        "verbosity": 0,
    }
    call_command("db_worker", **worker)
    assert len(mail.outbox) == 1
    call_command("db_worker", **worker)
    assert len(mail.outbox) == 1  # not sent twice
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.parametrize("status", [403, 404])
def test_friendly_error_pages(client, outsider, status):
    client.force_login(outsider)
    url = "/federation/" if status == 403 else "/c/nulle-part/"
    response = client.get(url)
    assert response.status_code == status
    assert "<main" in response.content.decode()


def test_500_page_is_standalone(client, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html", {})
    assert "<html" in html and "viecoop" in html


def test_deploy_check_is_clean():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "VIECOOP_ENV": "production",
        "DJANGO_SECRET_KEY": "x" * 60 + "-not-a-real-secret-but-long-and-random-enough-123",
        "DJANGO_ALLOWED_HOSTS": "viecoop.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "viecoop", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _fold_reference(text: str) -> str:
    """The first definition of fold(): the cached word-by-word one must give the same."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def test_fold_word_by_word_is_the_same_as_folding_the_whole_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from viecoop.core.text import fold

    for text in ("Les Érables", "  CŒURDEVEY\u00a0François ", "a\u00a8b", "x \u0308y", "ﬁn", ""):
        assert fold(text) == _fold_reference(text)

    @settings(max_examples=500, deadline=None)
    @given(st.text(alphabet=st.characters(codec="utf-8"), max_size=20))
    def same(text):
        assert fold(text) == _fold_reference(text)

    same()
