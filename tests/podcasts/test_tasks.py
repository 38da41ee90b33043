"""Background work on a real Celery worker (Redis, the test database): the data-saver version of
uploaded audio, "import now" in the admin, and the hourly import of every feed."""

import time

import mutagen
import pytest
from django.conf import settings
from django.core.files.storage import default_storage

from podcasts.models import DataSaverAudio, EpisodePage, FeedSource, FeedStatus
from tests.podcasts.factories import make_episode, make_podcast, mp3_bytes, rss, standard_items
from tests.support.feed_server import Reply

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _wait_for(check, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("the worker did not finish in time")


def test_hourly_import_is_scheduled():
    from cms.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["podcasts-import-feeds"]
    assert entry == {"task": "podcasts.tasks.import_all_feeds", "schedule": 3600.0}
    app.loader.import_default_modules()
    assert "podcasts.tasks.import_all_feeds" in app.tasks


def test_data_saver_version_is_made_by_ffmpeg(media_root, start_worker, client):
    start_worker()
    podcast = make_podcast()
    episode = make_episode(podcast, upload=mp3_bytes(6, channels=2, bitrate="192k"))
    episode.save_revision().publish()  # publishing is what queues the data-saver version

    saver = _wait_for(
        lambda: DataSaverAudio.objects.filter(source_name=episode.audio_file.name).first()
    )

    with default_storage.open(saver.file.name, "rb") as handle:
        info = mutagen.File(handle).info
    assert info.channels == 1
    assert info.bitrate <= 48_000
    assert abs(info.length - 6) < 0.5
    assert saver.size < episode.audio_size / 3
    html = client.get(episode.url).content.decode()
    assert "data-saver-toggle" in html
    assert f"/podcasts/audio/{episode.pk}-saver.mp3" in html


def test_import_now_button_runs_on_the_worker(start_worker, feed_server, client, manager):
    start_worker()
    podcast = make_podcast()
    feed_server.set("/feed.xml", Reply(body=rss(standard_items(3)), etag='"a"'))
    source = FeedSource.objects.create(url=feed_server.url("/feed.xml"), index=podcast)
    manager.is_superuser = True
    manager.save()
    client.force_login(manager)

    listing = client.get("/admin/podcasts/feed-sources/").content.decode()
    assert f"/admin/podcasts/feed-sources/import/{source.pk}/" in listing
    confirm = client.get(f"/admin/podcasts/feed-sources/import/{source.pk}/")
    assert confirm.status_code == 200
    response = client.post(f"/admin/podcasts/feed-sources/import/{source.pk}/")
    assert response.status_code == 302

    _wait_for(lambda: FeedSource.objects.get(pk=source.pk).last_status == FeedStatus.IMPORTED)
    assert EpisodePage.objects.child_of(podcast).count() == 3

    # the hourly job on the worker: the feed is unchanged, so it costs a 304
    from podcasts.tasks import import_all_feeds

    import_all_feeds.delay()
    _wait_for(lambda: FeedSource.objects.get(pk=source.pk).last_status == FeedStatus.NOT_MODIFIED)
    assert feed_server.requests[-1].headers.get("If-None-Match") == '"a"'
    assert EpisodePage.objects.child_of(podcast).count() == 3
