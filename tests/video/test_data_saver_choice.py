"""The person's one data-saver choice plays lesson videos at 144p, with the size on the button."""

import pytest

from cms.models import LessonPage
from tests.support.fixtures.learning import build_programme
from tests.video.test_player import add_video_block, ready_video

pytestmark = pytest.mark.django_db


def test_data_saver_plays_144p_and_says_its_size(client, participant):
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:  # media need the root collection
        Collection.add_root(name="Root")
    lesson = LessonPage.objects.get(pk=build_programme()["lessons"]["internalisation"][0].pk)
    add_video_block(lesson, ready_video())
    client.force_login(participant)
    normal = client.get(lesson.url).content.decode()
    assert 'data-mode="auto"' in normal
    assert "≈ 8,5 MB" in normal  # 360p for two minutes

    participant.data_saver = "on"
    participant.save(update_fields=["data_saver"])
    saver = client.get(lesson.url).content.decode()
    assert 'data-mode="low"' in saver
    assert "≈ 2,0 MB" in saver  # 144p for two minutes
