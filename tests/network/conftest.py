import pytest
from django.test import Client


@pytest.fixture
def as_user():
    """``as_user(user)`` → a new test client logged in as ``user`` (several people per test)."""

    def _client(user):
        client = Client()
        client.force_login(user)
        return client

    return _client
