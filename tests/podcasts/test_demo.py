"""The demo loader's podcast: generated audio, a data-saver version, lessons linking episodes;
running it again changes nothing."""

import pytest
from wagtail.models import Page

from podcasts.demo import EPISODES, load_demo_podcast
from podcasts.models import DataSaverAudio, EpisodePage, PodcastIndexPage
from podcasts.selectors import episode_lessons

pytestmark = pytest.mark.django_db


def test_demo_podcast_is_loaded_once(demo_site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo_podcast()
    pages = Page.objects.count()
    episodes = {e.pk: (e.guid, e.audio_file.name) for e in EpisodePage.objects.all()}

    assert PodcastIndexPage.objects.count() == 2  # Indonesian and English
    assert len(episodes) == 2 * len(EPISODES)
    for episode in EpisodePage.objects.filter(locale__language_code="id"):
        assert episode.audio_file and episode.duration and episode.audio_size
        assert episode.audio_type == "audio/mpeg"
        assert DataSaverAudio.objects.filter(source_name=episode.audio_file.name).exists()
        lessons = episode_lessons(episode=episode)
        assert len(lessons) == 1
        assert lessons[0].locale.language_code == "id"

    assert load_demo_podcast() == {}
    assert Page.objects.count() == pages
    assert {e.pk: (e.guid, e.audio_file.name) for e in EpisodePage.objects.all()} == episodes
