"""Settings come from the environment, with safe defaults; production refuses unsafe ones."""

import json
import os
import subprocess
import sys

PRINT = (
    "import json, django; from django.conf import settings; django.setup(); print(json.dumps({"
    "'debug': settings.DEBUG, 'db': settings.DATABASES['default']['ENGINE'],"
    "'cache': settings.CACHES['default']['BACKEND'], 'sessions': settings.SESSION_ENGINE,"
    "'storage': settings.STORAGES['default']['BACKEND'], 'tasks': settings.TASKS['default']['BACKEND'],"
    "'ssl': getattr(settings, 'SECURE_SSL_REDIRECT', False), 'log': settings.LOG_FORMAT}))"
)


def _settings(**env) -> dict:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "VIECOOP_", "REDIS_", "DATABASE_"))
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="viecoop.settings")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PRINT], env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_development_defaults():
    values = _settings()
    assert values["debug"] is True
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["tasks"].endswith("ImmediateBackend")  # make demo needs no worker
    assert values["storage"].endswith("FileSystemStorage")


def test_production_shape():
    values = _settings(
        VIECOOP_ENV="production",
        DJANGO_SECRET_KEY="k" * 50,
        DJANGO_ALLOWED_HOSTS="viecoop.example.org",
        DATABASE_URL="postgres://viecoop@db.example.org:5432/viecoop",
        REDIS_URL="redis://cache.example.org:6379/0",
        VIECOOP_S3_BUCKET="viecoop-fichiers",
    )
    assert values == {
        "debug": False,
        "db": "django.db.backends.postgresql",
        "cache": "django.core.cache.backends.redis.RedisCache",
        "sessions": "django.contrib.sessions.backends.cached_db",
        "storage": "storages.backends.s3.S3Storage",
        "tasks": "django_tasks_db.DatabaseBackend",
        "ssl": True,
        "log": "json",
    }


def test_production_refuses_to_start_without_a_secret_key():
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "VIECOOP_"))}
    environment.update(VIECOOP_ENV="production", DJANGO_SETTINGS_MODULE="viecoop.settings")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PRINT], env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_console_command_wraps_manage_py():
    result = subprocess.run(
        [sys.executable, "-m", "viecoop", "help", "seed_demo"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "demo world" in result.stdout
