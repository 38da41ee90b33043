"""The episode player in headless Chromium at phone size: no audio bytes before play; play,
change speed, reload, and playback resumes where it stopped (on this device, then on another
device from the server's copy for a signed-in participant)."""

import pytest

from podcasts.models import PlaybackPosition
from tests.podcasts.factories import make_episode, make_podcast, mp3_bytes
from tests.support.browser import sign_in_by_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def episode(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    podcast = make_podcast()
    return make_episode(
        podcast,
        upload=mp3_bytes(40, channels=1, bitrate="48k"),
        title="Mengatur kiriman uang",
        summary="Membagi kiriman untuk kebutuhan, tabungan dan modal.",
        show_notes="<p>Tiga amplop: kebutuhan, tabungan, modal.</p>",
        transcript="Halo, selamat datang.",
    )


def _watch_audio(page) -> list[tuple[str, int, str | None]]:
    seen: list = []
    page.on(
        "response",
        lambda r: (
            seen.append((r.url, r.status, r.request.headers.get("range")))
            if "/podcasts/audio/" in r.url
            else None
        ),
    )
    return seen


def _play(page) -> None:
    # The play button of the native controls sits at their left edge.
    page.locator("audio").click(position={"x": 22, "y": 20})
    page.wait_for_function("() => !document.querySelector('audio').paused")


def _time(page) -> float:
    return page.evaluate("() => document.querySelector('audio').currentTime")


def test_play_change_speed_reload_resume(
    live_server, phone, browser, episode, participant, artifacts_dir
):
    sign_in_by_cookie(phone.context, live_server.url, participant)
    audio_traffic = _watch_audio(phone)
    url = live_server.url + episode.url

    phone.goto(url)
    phone.wait_for_load_state("networkidle")
    phone.screenshot(path=str(artifacts_dir / "podcasts-episode-phone.png"), full_page=True)
    assert audio_traffic == [], "no audio may be fetched before play"
    assert phone.evaluate("() => document.querySelector('audio').preload") == "none"

    _play(phone)
    phone.wait_for_function("() => document.querySelector('audio').currentTime > 1.5")
    assert audio_traffic, "playing fetched the audio"
    assert any(status == 206 for _url, status, _range in audio_traffic)

    phone.select_option("[data-speed]", "1.5")
    assert phone.evaluate("() => document.querySelector('audio').playbackRate") == 1.5
    phone.wait_for_function("() => document.querySelector('audio').currentTime > 4")
    phone.evaluate("() => document.querySelector('audio').pause()")
    stopped = _time(phone)
    # the pause posted the place to the server for this signed-in participant
    phone.wait_for_timeout(500)
    saved = PlaybackPosition.objects.get(user=participant, episode=episode)
    assert abs(saved.seconds - stopped) < 1.0

    audio_traffic.clear()
    phone.reload()
    phone.wait_for_load_state("networkidle")
    assert audio_traffic == [], "no audio may be fetched before play, after a reload either"
    assert phone.locator("[data-resume]").is_visible()
    assert phone.input_value("[data-speed]") == "1.5"

    _play(phone)
    # From 0 at 1.5× it would take over 2 s to get there; resuming jumps at once.
    phone.wait_for_function(
        f"() => document.querySelector('audio').currentTime >= {stopped - 0.5}", timeout=1500
    )
    resumed = _time(phone)
    assert stopped - 0.5 <= resumed < stopped + 3
    assert phone.evaluate("() => document.querySelector('audio').playbackRate") == 1.5
    phone.evaluate("() => document.querySelector('audio').pause()")

    # Another phone (empty localStorage): the server's copy brings the listener back there.
    other = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="id-ID")
    try:
        sign_in_by_cookie(other, live_server.url, participant)
        page = other.new_page()
        page.set_default_timeout(15_000)
        page.goto(url)
        server_position = PlaybackPosition.objects.get(user=participant, episode=episode).seconds
        _play(page)
        page.wait_for_function(
            f"() => document.querySelector('audio').currentTime >= {server_position - 0.5}",
            timeout=1500,
        )
        assert abs(_time(page) - server_position) < 3
    finally:
        other.close()


def test_skip_and_data_saver_choice_without_fetching(live_server, phone, episode, artifacts_dir):
    audio_traffic = _watch_audio(phone)
    phone.goto(live_server.url + episode.url)
    phone.click("[data-skip='15']")
    phone.wait_for_timeout(300)
    assert audio_traffic == []
    _play(phone)
    phone.wait_for_function("() => document.querySelector('audio').currentTime >= 15")
    before = _time(phone)
    phone.click("[data-skip='-15']")
    assert _time(phone) <= before - 14
    index = live_server.url + episode.get_parent().url
    phone.goto(index)
    phone.screenshot(path=str(artifacts_dir / "podcasts-index-phone.png"), full_page=True)
    assert episode.title in phone.content()


def test_lesson_embeds_the_episode_without_fetching_audio(
    live_server, phone, episode, participant, artifacts_dir
):
    from cms.models import LessonPage, ModulePage, ProgrammePage, StagePage

    home = episode.get_parent().get_parent()
    programme = home.add_child(instance=ProgrammePage(title="Program", slug="program"))
    stage = programme.add_child(instance=StagePage(title="Tahap", slug="tahap", kind="mastery"))
    module = stage.add_child(instance=ModulePage(title="Modul", slug="modul"))
    lesson = module.add_child(
        instance=LessonPage(
            title="Kiriman uang produktif",
            slug="kiriman",
            summary="Dengarkan episode lalu isi lembar kerja.",
            body=[
                ("text", "<p>Sebelum mulai, dengarkan episode ini.</p>"),
                ("episode", {"episode": episode, "note": "Bagian awal paling penting."}),
            ],
        )
    )
    sign_in_by_cookie(phone.context, live_server.url, participant)
    audio_traffic = _watch_audio(phone)
    phone.goto(live_server.url + lesson.url)
    phone.wait_for_load_state("networkidle")
    phone.screenshot(path=str(artifacts_dir / "podcasts-lesson-embed-phone.png"), full_page=True)
    assert phone.locator(".episode-embed audio").count() == 1
    assert audio_traffic == []

    phone.click(f".episode-embed a[href='{episode.url}']")
    phone.wait_for_url(f"**{episode.url}")
    lessons = phone.locator("article.episode .lesson-list a")
    assert lessons.all_inner_texts() == ["Kiriman uang produktif"]
