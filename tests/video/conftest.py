"""Fixtures for the video tests: generated clips, uploads, a worker on storage without paths."""

import time
from pathlib import Path

import pytest
from django.core.files import File

from tests.support.fixtures.workers import VIDEO_WORKER_SETTINGS as WORKER_SETTINGS  # noqa: F401
from tests.support.fixtures.workers import video_worker  # noqa: F401
from tests.video.clips import make_clip


@pytest.fixture(scope="session")
def clips(tmp_path_factory):
    """``clips(name, **make_clip options)``: a generated clip, made once per test session."""
    folder = tmp_path_factory.mktemp("clips")

    def get(name: str, **options) -> Path:
        return make_clip(folder / name, **options)

    get.folder = folder
    return get


@pytest.fixture
def upload(db):
    """``upload(path, title=...)``: a Video as the admin makes it (queued after commit)."""
    from wagtail.models import Collection

    from video import services

    if Collection.get_first_root_node() is None:
        # Transactional tests flush the migration-made root collection.
        Collection.add_root(name="Root")

    def create(path: Path, title: str | None = None, name: str | None = None):
        with open(path, "rb") as handle:
            return services.video_create(
                title=title or path.stem, source=File(handle, name=name or path.name)
            )

    return create


def wait_for(video, statuses=("ready", "failed"), timeout=120, every=0.05, watch=None):
    """Poll the row until its status is one of ``statuses``; ``watch(video)`` sees each poll."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        video.refresh_from_db()
        if watch:
            watch(video)
        if video.status in statuses:
            return video
        time.sleep(every)
    raise AssertionError(f"video {video.pk} still {video.status} ({video.progress}%)")
