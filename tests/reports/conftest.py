import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Photos of the tests never reach the developer's var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def client_of(db):
    """``client_of(user)`` → a test client of its own, logged in as ``user`` (several at once)."""
    from django.test import Client

    def _client(user):
        client = Client()
        client.force_login(user)
        return client

    return _client
