"""The video block on a lesson page, and the data-saver choice kept per person."""

import pytest
from django.urls import reverse

from cms.blocks import LessonStreamBlock
from cms.models import LessonPage
from video.models import DataSaverPreference, Video

pytestmark = pytest.mark.django_db


def add_video_block(lesson: LessonPage, video: Video, caption: str = "") -> LessonPage:
    block = LessonStreamBlock().child_blocks["video"]
    lesson.body.append(("video", block.to_python({"video": video.pk, "caption": caption})))
    lesson.save()
    return lesson


def ready_video(**fields) -> Video:
    values = {
        "title": "Pricing talk",
        "source": "videos/source/x/talk.mp4",
        "status": "ready",
        "progress": 100,
        "duration": 120,
        "hls_prefix": "videos/hls/9/1-abc",
        "poster": "videos/hls/9/1-abc/poster.jpg",
        "renditions": [
            {"name": "144p", "playlist": "144p/index.m3u8", "bandwidth": 145200, "height": 144},
            {"name": "360p", "playlist": "360p/index.m3u8", "bandwidth": 620400, "height": 360},
            {"name": "audio", "playlist": "audio/index.m3u8", "bandwidth": 35200, "height": None},
        ],
    }
    values.update(fields)
    return Video.objects.create(**values)


@pytest.fixture
def lesson(demo_site):
    return LessonPage.objects.live().filter(locale__language_code="id").first()


def test_lesson_video_loads_nothing_until_play(client, participant, lesson):
    video = ready_video()
    add_video_block(lesson, video, caption="Watch how she prices")
    add_video_block(lesson, ready_video(title="Second"))
    client.force_login(participant)
    html = client.get(lesson.url).content.decode()
    assert html.count("<video ") == 2
    assert html.count('preload="none"') == 2
    assert 'poster="/media/videos/hls/9/1-abc/poster.jpg"' in html
    assert 'data-auto="/media/videos/hls/9/1-abc/master.m3u8"' in html
    assert 'data-low="/media/videos/hls/9/1-abc/144p/index.m3u8"' in html
    assert 'data-audio="/media/videos/hls/9/1-abc/audio/index.m3u8"' in html
    assert " src=" not in html.split("<video ", 1)[1].split(">", 1)[0]
    # The player script once per page; hls.js is not on the page at all (fetched on demand).
    assert html.count("video/player.js") == 1
    assert "hls.min.js" in html and '<script src="/static/video/vendor' not in html
    assert "Watch how she prices" in html
    # What each choice costs for the whole video (620400/1.1 bit/s × 120 s ≈ 8.5 MB), written
    # the Indonesian way.
    assert "sekitar 8,5 MB" in html and "sekitar 2,0 MB" in html and "sekitar 0,5 MB" in html


def test_pages_without_video_get_no_player_script(client, participant, lesson):
    client.force_login(participant)
    assert "video/player.js" not in client.get(lesson.url).content.decode()


def test_unfinished_video_says_it_is_being_prepared(client, participant, lesson):
    add_video_block(lesson, Video.objects.create(title="Busy", source="v/a.mp4"))
    client.force_login(participant)
    html = client.get(lesson.url).content.decode()
    assert "<video" not in html and "video/player.js" not in html


def test_data_saver_choice_is_kept_per_person(client, participant, make_user, lesson):
    add_video_block(lesson, ready_video())
    client.force_login(participant)
    response = client.post(
        reverse("video_player:data_saver"),
        {"mode": "audio", "next": lesson.url},
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {"mode": "audio"}
    html = client.get(lesson.url).content.decode()
    assert 'data-mode="audio"' in html
    assert 'value="audio" checked' in html

    other = make_user("participants", "081311119999")
    client.force_login(other)
    assert 'data-mode="auto"' in client.get(lesson.url).content.decode()
    # A plain form post (no JavaScript) redirects back; a bad choice changes nothing.
    response = client.post(reverse("video_player:data_saver"), {"mode": "4k", "next": lesson.url})
    assert response.status_code == 302 and response["Location"] == lesson.url
    assert not DataSaverPreference.objects.filter(user=other).exists()
    response = client.post(
        reverse("video_player:data_saver"), {"mode": "low", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    assert DataSaverPreference.objects.get(user=other).mode == "low"


def test_data_saver_needs_a_signed_in_person(client):
    response = client.post(reverse("video_player:data_saver"), {"mode": "audio"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not DataSaverPreference.objects.exists()


def test_sound_only_video_plays_as_audio_without_choices(client, participant, lesson):
    video = ready_video(
        poster="",
        renditions=[
            {"name": "audio", "playlist": "audio/index.m3u8", "bandwidth": 35200, "height": None}
        ],
    )
    add_video_block(lesson, video)
    client.force_login(participant)
    html = client.get(lesson.url).content.decode()
    assert 'class="video-frame audio-only"' in html
    assert 'data-mode="audio"' in html and "poster=" not in html
    assert 'name="mode"' not in html
