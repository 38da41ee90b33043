"""HTTP Range (206/416) and HEAD on every way audio is served: the episode audio view, the
data-saver view, media in the embedded default (runserver with DEBUG), and a real server."""

import httpx
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import RequestFactory

from cms.ranges import parse_range, serve_media
from podcasts.models import DataSaverAudio
from tests.podcasts.factories import make_episode, mp3_bytes

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def episode(podcast, media_root):
    return make_episode(podcast, upload=mp3_bytes(4))


@pytest.fixture
def audio(episode):
    with default_storage.open(episode.audio_file.name, "rb") as handle:
        return handle.read()


class TestParseRange:
    @pytest.mark.parametrize(
        ("header", "expected"),
        [
            ("bytes=0-99", (0, 99)),
            ("bytes=100-", (100, 999)),
            ("bytes=-100", (900, 999)),
            ("bytes=-5000", (0, 999)),
            ("bytes=990-5000", (990, 999)),
            ("bytes=1000-", "unsatisfiable"),
            ("bytes=-0", "unsatisfiable"),
            ("bytes=5-2", None),
            ("bytes=0-1,5-9", None),
            ("items=0-9", None),
            ("", None),
        ],
    )
    def test_parse(self, header, expected):
        assert parse_range(header, 1000) == expected


class TestEpisodeAudio:
    def test_first_hundred_bytes(self, client, episode, audio):
        response = client.get(episode.audio_src, headers={"range": "bytes=0-99"})
        assert response.status_code == 206
        assert response["Content-Range"] == f"bytes 0-99/{len(audio)}"
        assert response["Content-Length"] == "100"
        assert response["Accept-Ranges"] == "bytes"
        assert response["Content-Type"] == "audio/mpeg"
        assert _body(response) == audio[:100]

    def test_open_range(self, client, episode, audio):
        response = client.get(episode.audio_src, headers={"range": "bytes=1000-"})
        assert response.status_code == 206
        assert response["Content-Range"] == f"bytes 1000-{len(audio) - 1}/{len(audio)}"
        assert _body(response) == audio[1000:]

    def test_suffix_range(self, client, episode, audio):
        response = client.get(episode.audio_src, headers={"range": "bytes=-100"})
        assert response.status_code == 206
        assert (
            response["Content-Range"] == f"bytes {len(audio) - 100}-{len(audio) - 1}/{len(audio)}"
        )
        assert _body(response) == audio[-100:]

    def test_unsatisfiable_range(self, client, episode, audio):
        response = client.get(episode.audio_src, headers={"range": f"bytes={len(audio)}-"})
        assert response.status_code == 416
        assert response["Content-Range"] == f"bytes */{len(audio)}"
        assert _body(response) == b""

    def test_whole_file_without_range(self, client, episode, audio):
        response = client.get(episode.audio_src)
        assert response.status_code == 200
        assert response["Accept-Ranges"] == "bytes"
        assert response["Content-Length"] == str(len(audio))
        assert _body(response) == audio

    def test_head(self, client, episode, audio):
        response = client.head(episode.audio_src)
        assert response.status_code == 200
        assert response["Content-Length"] == str(len(audio))
        assert _body(response) == b""
        ranged = client.head(episode.audio_src, headers={"range": "bytes=0-9"})
        assert (ranged.status_code, ranged["Content-Length"]) == (206, "10")
        assert _body(ranged) == b""

    def test_if_range_with_an_old_etag_sends_everything(self, client, episode, audio):
        response = client.get(
            episode.audio_src, headers={"range": "bytes=0-9", "if-range": '"old"'}
        )
        assert response.status_code == 200
        etag = response["ETag"]
        same = client.get(episode.audio_src, headers={"range": "bytes=0-9", "if-range": etag})
        assert same.status_code == 206

    def test_download_link(self, client, episode):
        response = client.get(episode.audio_src + "?download=1")
        assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''episode")

    def test_post_is_refused(self, client, episode):
        assert client.post(episode.audio_src).status_code == 405

    def test_drafts_are_not_served_to_visitors(self, client, podcast, media_root):
        draft = make_episode(podcast, upload=mp3_bytes(4), live=False)
        assert client.get(draft.audio_src).status_code == 404

    def test_data_saver_version(self, client, episode):
        saver = DataSaverAudio(source_name=episode.audio_file.name, size=500, bitrate=32000)
        saver.file.save("saver.mp3", ContentFile(bytes(range(250)) * 2), save=False)
        saver.save()
        url = f"/podcasts/audio/{episode.pk}-saver.mp3"
        response = client.get(url, headers={"range": "bytes=-10"})
        assert response.status_code == 206
        assert response["Content-Range"] == "bytes 490-499/500"
        assert _body(response) == (bytes(range(250)) * 2)[-10:]


class TestEmbeddedDefaultMedia:
    """cms.urls serves MEDIA_URL's public prefixes with cms.ranges.serve_media."""

    def test_media_ranges_and_head(self, episode, audio):
        factory = RequestFactory()
        # podcast audio itself is served by its own view (drafts stay unseen); a video ladder's
        # audio is public media
        name = default_storage.save("videos/hls/1/1-abc/audio/segment.mp3", ContentFile(audio))
        partial = serve_media(factory.get("/media/x", headers={"range": "bytes=0-99"}), name)
        assert partial.status_code == 206
        assert _body(partial) == audio[:100]
        suffix = serve_media(factory.get("/media/x", headers={"range": "bytes=-7"}), name)
        assert _body(suffix) == audio[-7:]
        unsatisfiable = serve_media(
            factory.get("/media/x", headers={"range": f"bytes={len(audio) + 5}-"}), name
        )
        assert unsatisfiable.status_code == 416
        head = serve_media(factory.head("/media/x"), name)
        assert (head.status_code, head["Content-Length"]) == (200, str(len(audio)))

    def test_outside_media_is_404(self, media_root):
        from django.http import Http404

        with pytest.raises(Http404):
            serve_media(RequestFactory().get("/media/x"), "../../etc/passwd")

    def test_debug_urlconf_routes_media_through_serve_media(self, settings):
        import importlib

        from django.urls import clear_url_caches

        import cms.urls

        settings.DEBUG = True
        try:
            module = importlib.reload(cms.urls)
            callbacks = [getattr(p, "callback", None) for p in module.urlpatterns]
            assert serve_media in callbacks
        finally:
            settings.DEBUG = False
            importlib.reload(cms.urls)
            clear_url_caches()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class TestRealServer:
    """Through a real WSGI server (the one runserver uses), as a podcast app sees it."""

    def test_range_and_head_over_http(self, live_server, podcast, media_root):
        episode = make_episode(podcast, upload=mp3_bytes(4))
        with default_storage.open(episode.audio_file.name, "rb") as handle:
            audio = handle.read()
        url = live_server.url + episode.audio_src
        with httpx.Client(timeout=10) as client:
            partial = client.get(url, headers={"Range": "bytes=0-99"})
            assert partial.status_code == 206
            assert partial.content == audio[:100]
            assert partial.headers["content-range"] == f"bytes 0-99/{len(audio)}"
            tail = client.get(url, headers={"Range": "bytes=-100"})
            assert tail.content == audio[-100:]
            head = client.head(url)
            assert head.status_code == 200
            assert head.headers["content-length"] == str(len(audio))
            assert head.headers["accept-ranges"] == "bytes"
            assert client.get(url, headers={"Range": "bytes=99999999-"}).status_code == 416
