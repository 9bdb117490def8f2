import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded files of the tests never reach the developer's var/media.
    settings.MEDIA_ROOT = tmp_path / "media"
