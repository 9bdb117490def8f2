import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def as_user():
    def _client(user):
        client = Client()
        client.force_login(user)
        return client

    return _client
