"""The person's data-saver choice plays the 32 kbps copy of an episode, and the player says
about how many MB playing costs."""

import pytest
from django.core.files.base import ContentFile

from podcasts.models import DataSaverAudio
from tests.podcasts.factories import make_episode, mp3_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode(podcast, media_root):
    episode = make_episode(podcast, upload=mp3_bytes(4))
    saver = DataSaverAudio(source_name=episode.audio_file.name, size=1_234_567, bitrate=32000)
    saver.file.save("saver.mp3", ContentFile(b"\xff\xfb" * 100), save=False)
    saver.save()
    return episode


def audio_tag(html: str) -> str:
    """The <audio> tag's src attribute (data-saver names the small copy in every case)."""
    return html.split("<audio ", 1)[1].split(' src="', 1)[1].split('"', 1)[0]


def test_data_saver_plays_the_small_copy(client, participant, episode):
    client.force_login(participant)
    normal = client.get(episode.url).content.decode()
    assert audio_tag(normal) == episode.audio_src

    participant.data_saver = "on"
    participant.save(update_fields=["data_saver"])
    saver = client.get(episode.url).content.decode()
    assert audio_tag(saver) == f"/podcasts/audio/{episode.pk}-saver.mp3"
    assert "data-saver-toggle checked" in saver
    assert "≈ 1.2 MB" in saver


def test_a_phone_that_saves_data_gets_the_small_copy_until_the_person_chooses(
    client, participant, episode
):
    client.force_login(participant)
    asked = client.get(episode.url, headers={"save-data": "on"}).content.decode()
    assert "-saver.mp3" in audio_tag(asked)
    participant.data_saver = "off"
    participant.save(update_fields=["data_saver"])
    chosen = client.get(episode.url, headers={"save-data": "on"}).content.decode()
    assert "-saver.mp3" not in audio_tag(chosen)
