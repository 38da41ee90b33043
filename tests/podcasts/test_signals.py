"""Publishing an episode queues its data-saver version after commit; saving a page does not."""

import pytest

from podcasts import tasks
from podcasts.models import DataSaverAudio
from tests.podcasts.factories import make_episode, mp3_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch):
    names: list[str] = []
    monkeypatch.setattr(tasks.make_data_saver_audio, "delay", names.append)
    return names


def test_saving_queues_nothing(podcast, media_root, queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        episode = make_episode(podcast, upload=mp3_bytes(2))
        episode.title = "Diubah"
        episode.save()
        episode.save_revision()
    assert queued == []


def test_publishing_queues_once_after_commit(
    podcast, media_root, queued, django_capture_on_commit_callbacks
):
    episode = make_episode(podcast, upload=mp3_bytes(2))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        episode.save_revision().publish()
    assert queued == [], "nothing is queued before the commit"
    for callback in callbacks:
        callback()
    assert queued == [episode.audio_file.name]


def test_publishing_again_once_made_queues_nothing(
    podcast, media_root, queued, django_capture_on_commit_callbacks
):
    episode = make_episode(podcast, upload=mp3_bytes(2))
    DataSaverAudio.objects.create(
        source_name=episode.audio_file.name, file="podcasts/saver/x.mp3", size=1, bitrate=32000
    )
    with django_capture_on_commit_callbacks(execute=True):
        episode.save_revision().publish()
    assert queued == []


def test_episode_without_upload_queues_nothing(podcast, queued, django_capture_on_commit_callbacks):
    episode = make_episode(podcast)  # external audio URL
    with django_capture_on_commit_callbacks(execute=True):
        episode.save_revision().publish()
    assert queued == []


def test_a_broker_that_is_down_does_not_undo_the_publish(
    podcast, media_root, monkeypatch, django_capture_on_commit_callbacks
):
    def down(name):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.make_data_saver_audio, "delay", down)
    episode = make_episode(podcast, upload=mp3_bytes(2), live=False)
    with django_capture_on_commit_callbacks(execute=True):
        episode.save_revision().publish()
    episode.refresh_from_db()
    assert episode.live
