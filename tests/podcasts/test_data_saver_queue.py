"""Publishing an episode queues its data-saver version once per file: an episode and its
translation share the file, and a file made before commit needs no task."""

import pytest
from django.db import transaction
from wagtail.models import Locale

from podcasts import services
from podcasts.tasks import make_data_saver_audio
from tests.podcasts.factories import make_episode, make_podcast, mp3_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch):
    names = []
    monkeypatch.setattr(make_data_saver_audio, "delay", lambda name: names.append(name))
    return names


def test_an_episode_and_its_translation_queue_one_task(
    settings, tmp_path, queued, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    english = Locale.objects.get_or_create(language_code="en")[0]
    podcast = make_podcast()
    podcast.copy_for_translation(english, copy_parents=True).save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        episode = make_episode(podcast, upload=mp3_bytes(2))
        episode.save_revision().publish()
        episode.copy_for_translation(english).save_revision().publish()
    assert queued == [episode.audio_file.name]


def test_a_file_made_before_commit_queues_nothing(
    settings, tmp_path, queued, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    podcast = make_podcast()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        episode = make_episode(podcast, upload=mp3_bytes(2))
        episode.save_revision().publish()
        services.data_saver_make(source_name=episode.audio_file.name)
    assert queued == []
