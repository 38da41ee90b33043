"""The episode page and the listening position endpoint."""

import pytest

from podcasts.models import PlaybackPosition
from tests.podcasts.factories import make_episode, mp3_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode(podcast, media_root):
    return make_episode(podcast, upload=mp3_bytes(3), transcript="Halo.")


def _position_url(episode) -> str:
    return f"/podcasts/episodes/{episode.pk}/position/"


class TestEpisodePage:
    def test_player_fetches_nothing_before_play(self, client, episode):
        html = client.get(episode.url).content.decode()
        assert 'preload="none"' in html
        assert "podcasts/player.js" in html
        for speed in ("0.75", "1.25", "1.5"):
            assert f'<option value="{speed}">' in html
        assert 'data-skip="15"' in html and 'data-skip="-15"' in html
        assert f"{episode.audio_src}?download=1" in html
        assert "data-save-url" not in html  # visitors keep the place on the device only

    def test_signed_in_listener_gets_their_position(self, client, episode, participant):
        PlaybackPosition.objects.create(user=participant, episode=episode, seconds=42.5)
        client.force_login(participant)
        html = client.get(episode.url).content.decode()
        assert 'data-position="42.5"' in html
        assert f'data-save-url="{_position_url(episode)}"' in html

    def test_index_page_lists_live_episodes(self, client, podcast, episode):
        draft = make_episode(podcast, title="Masih draf", live=False)
        html = client.get(podcast.url).content.decode()
        assert episode.title in html
        assert draft.title not in html
        assert "/podcasts/podcast-uji/id/feed.xml" in html


class TestPosition:
    def test_saved_and_updated(self, client, episode, participant):
        client.force_login(participant)
        assert client.post(_position_url(episode), {"seconds": "12.5"}).status_code == 200
        assert client.post(_position_url(episode), {"seconds": "20"}).status_code == 200
        position = PlaybackPosition.objects.get()
        assert (position.user, position.seconds) == (participant, 20.0)

    def test_anonymous_is_refused(self, client, episode):
        response = client.post(_position_url(episode), {"seconds": "5"})
        assert response.status_code == 401
        assert not PlaybackPosition.objects.exists()

    @pytest.mark.parametrize("value", ["", "abc", "-3", "nan", "inf", "999999"])
    def test_bad_values_get_a_clear_400(self, client, episode, participant, value):
        client.force_login(participant)
        response = client.post(_position_url(episode), {"seconds": value})
        assert response.status_code == 400
        assert "seconds" in response.json()["error"]
        assert not PlaybackPosition.objects.exists()

    def test_each_person_sees_only_their_own(self, client, episode, participant, make_user):
        other = make_user("participants", "081399990001")
        PlaybackPosition.objects.create(user=other, episode=episode, seconds=99)
        client.force_login(participant)
        html = client.get(episode.url).content.decode()
        assert "data-position=" not in html

    def test_csrf_is_checked(self, episode, participant):
        from django.test import Client

        strict = Client(enforce_csrf_checks=True)
        strict.force_login(participant)
        assert strict.post(_position_url(episode), {"seconds": "5"}).status_code == 403


class TestByteBudget:
    """The episode page on a slow phone: small HTML, a small script, no audio until play."""

    HTML_BUDGET = 12 * 1024
    SCRIPT_BUDGET = 6 * 1024

    def test_episode_page_within_budget(self, client, episode):
        from django.contrib.staticfiles import finders

        html = client.get(episode.url).content
        assert len(html) < self.HTML_BUDGET, len(html)
        with open(finders.find("podcasts/player.js"), "rb") as script:
            assert len(script.read()) < self.SCRIPT_BUDGET
