"""The lesson video in headless Chromium at phone size: nothing but the poster moves before
play; after play the video's time advances (native HLS, and the hls.js fallback); the
data-saver choice switches to audio only and is remembered for the person.

Media is served by a small real HTTP server on 127.0.0.1 (another origin, like S3 or a CDN),
which also counts every byte it sends.
"""

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files import File

from cms.models import LessonPage
from tests.support.browser import sign_in_by_cookie
from tests.video.clips import make_clip
from tests.video.test_player import add_video_block
from video import services
from video.models import DataSaverPreference, Video

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


class MediaHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".m3u8": "application/vnd.apple.mpegurl",
        ".ts": "video/mp2t",
    }
    sent: list[tuple[str, int]]

    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        self.sent.append((self.path, len(data)))

    def log_message(self, *args):
        pass


@pytest.fixture
def media_server(settings):
    sent: list[tuple[str, int]] = []
    handler = partial(
        type("Handler", (MediaHandler,), {"sent": sent}), directory=str(settings.MEDIA_ROOT)
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.MEDIA_URL = f"http://127.0.0.1:{server.server_port}/"
    yield sent
    server.shutdown()


@pytest.fixture
def role_groups(transactional_db):
    """The role groups migrate makes, again: an earlier transactional test may have flushed
    them (the serialized restore does not bring them back)."""
    from cms.roles import apply_role_permissions

    apply_role_permissions()


def _video_bytes(sent):
    return sum(size for path, size in sent if path.endswith((".ts", ".m3u8")))


def _open_lesson(context, live_server, participant, lesson):
    sign_in_by_cookie(context, live_server.url, participant)
    page = context.new_page()
    page.set_default_timeout(20_000)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_server.url + lesson.url)
    page.wait_for_load_state("networkidle")
    return page, requests


STATE = """() => { const v = document.querySelector('video'); return {
  engine: document.querySelector('[data-video]').dataset.engine, time: v.currentTime,
  paused: v.paused, src: v.currentSrc, error: v.error && v.error.message,
  ready: v.readyState}; }"""


def _plays(page, condition="currentTime > 1.5"):
    try:
        page.wait_for_function(f"() => document.querySelector('video').{condition}")
    except Exception as error:
        raise AssertionError(f"not playing: {page.evaluate(STATE)}") from error
    return page.evaluate(STATE)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_lesson_video_plays_only_after_play(
    browser,
    live_server,
    media_server,
    role_groups,
    demo_site,
    participant,
    artifacts_dir,
    tmp_path,
    monkeypatch,
):
    source = make_clip(tmp_path / "lesson.mp4", seconds=10, size="640x360")
    with open(source, "rb") as handle:
        video = Video.objects.create(title="Pricing", source=File(handle, name="lesson.mp4"))
    # The pipeline itself is covered with a real worker in tests/video; here it runs inline.
    assert services.video_process(video_id=video.pk, attempt=video.attempt) == "ready"
    lesson = LessonPage.objects.live().filter(locale__language_code="id").first()
    add_video_block(lesson, video, caption="Cara menghitung harga")

    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        locale="id-ID",
    )
    found = {}
    try:
        page, requests = _open_lesson(context, live_server, participant, lesson)
        support = page.evaluate(
            """() => { const v = document.createElement('video'); return {
              hls: v.canPlayType('application/vnd.apple.mpegurl'),
              h264: v.canPlayType('video/mp4; codecs="avc1.4d401e,mp4a.40.2"'),
              mse_h264_aac: !!window.MediaSource &&
                MediaSource.isTypeSupported('video/mp4; codecs="avc1.4d401e,mp4a.40.2"')}; }"""
        )
        found["support"] = support
        page.locator("[data-video]").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts_dir / "video-lesson-phone.png"))
        page.wait_for_timeout(1500)
        # Before play: the poster only, not one byte of playlist or segment, and no hls.js.
        assert _video_bytes(media_server) == 0, media_server
        assert [path for path, _ in media_server if path.endswith(".jpg")]
        assert not [url for url in requests if url.endswith((".m3u8", ".ts", "hls.min.js"))]

        page.click(".video-play")
        found["default"] = _plays(page)
        assert _video_bytes(media_server) > 0
        page.screenshot(path=str(artifacts_dir / "video-lesson-playing.png"))

        # Audio only: the player switches to the audio rendition and keeps the choice.
        before = len(media_server)
        page.check("input[name=mode][value=audio]")
        _plays(page, "currentSrc.includes('/audio/')")
        page.wait_for_timeout(1500)
        assert any("/audio/" in path for path, _ in media_server[before:]), (
            found,
            page.evaluate(STATE),
            media_server,
        )
        after_switch = media_server[before + 1 :]
        assert not any(f"/{name}/" in path for path, _ in after_switch for name in ("360p",))
        found["audio"] = _plays(page, "currentTime > 0.5")
        page.wait_for_timeout(300)
        assert DataSaverPreference.objects.get(user=participant).mode == "audio"
        page.reload()
        assert page.locator("input[name=mode][value=audio]").is_checked()
        page.close()
    finally:
        context.close()

    # The fallback: a browser without native HLS gets the vendored hls.js, on play only.
    DataSaverPreference.objects.filter(user=participant).update(mode="auto")
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    context.add_init_script(
        """const original = HTMLMediaElement.prototype.canPlayType;
        HTMLMediaElement.prototype.canPlayType = function (type) {
          return /mpegurl/i.test(type) ? '' : original.call(this, type); };"""
    )
    try:
        media_server.clear()
        page, requests = _open_lesson(context, live_server, participant, lesson)
        page.wait_for_timeout(1000)
        assert _video_bytes(media_server) == 0
        assert not [url for url in requests if url.endswith("hls.min.js")]
        page.click(".video-play")
        found["hls.js"] = _plays(page)
        assert found["hls.js"]["engine"] == "hls.js"
        assert [url for url in requests if url.endswith("hls.min.js")]
    finally:
        context.close()

    # Installed without npm (hls.js not vendored) in a browser without native HLS: the page
    # still works, nothing asks for hls.js, and pressing play says why the video cannot play.
    from video.templatetags import video_tags

    monkeypatch.setattr(video_tags, "hls_js_url", lambda: "")
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    context.add_init_script(
        """const original = HTMLMediaElement.prototype.canPlayType;
        HTMLMediaElement.prototype.canPlayType = function (type) {
          return /mpegurl/i.test(type) ? '' : original.call(this, type); };"""
    )
    try:
        page, requests = _open_lesson(context, live_server, participant, lesson)
        assert page.locator("[data-video]").get_attribute("data-hlsjs") is None
        page.click(".video-play")
        page.wait_for_selector(".video-cannot", state="visible")
        assert page.evaluate(STATE)["engine"] == "none"
        assert not [url for url in requests if "hls" in url.rsplit("/", 1)[-1]]
        page.locator("[data-video]").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts_dir / "fix-places-video-without-hlsjs-phone.png"))
    finally:
        context.close()
    print("\nvideo playback in this Chromium:", found)
