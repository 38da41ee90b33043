"""Fixtures for the podcasts tests: a feed server on 127.0.0.1, a podcast, a feed source."""

import pytest

from tests.podcasts.factories import make_podcast
from tests.support.feed_server import FeedServer


@pytest.fixture
def feed_server():
    with FeedServer() as server:
        yield server


@pytest.fixture
def podcast(db):
    return make_podcast()


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def english_messages():
    """Services record messages in the active language; the tests read them in English."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def feeds_on_localhost(monkeypatch):
    """The feed server runs on 127.0.0.1, which imports refuse by default (private network).
    Set in the environment so that Celery workers started by a test allow it too."""
    monkeypatch.setenv("PODCASTS_FEED_ALLOW_PRIVATE", "1")
