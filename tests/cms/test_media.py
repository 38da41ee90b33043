"""Public media in the documented production setup (gunicorn, production settings), over HTTP.

Images and their renditions, the feed's artwork, video ladders and episode audio answer with
caching and byte ranges; nothing else under MEDIA_ROOT is served at MEDIA_URL.
"""

import io
import re

import httpx
import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.podcasts.factories import make_episode, make_podcast, mp3_bytes

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def server(media_root, production_server):
    """The production server, sharing this test's MEDIA_ROOT (set before it starts)."""
    with httpx.Client(base_url=production_server, timeout=20) as client:
        yield client


def _picture(name="sampul.png", size=(1600, 1600)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, "PNG")
    return get_image_model().objects.create(title="Sampul", file=ImageFile(buffer, name=name))


def test_public_media_is_served_with_caching_and_ranges(server):
    """One server for all of it: starting gunicorn is the slow part."""
    _images_and_renditions(server)
    _the_feeds_artwork(server)
    _episode_audio_ranges_uncompressed(server)
    _video_ladder_ranges(server)


def _images_and_renditions(server):
    image = _picture()
    rendition = image.get_rendition("fill-320x320|format-jpeg")
    response = server.get(rendition.url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert response.headers["cache-control"] == "public, max-age=86400"
    with default_storage.open(rendition.file.name, "rb") as handle:
        assert response.content == handle.read()
    assert PILImage.open(io.BytesIO(response.content)).size == (320, 320)

    again = server.get(rendition.url, headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304
    original = server.get(image.file.url)
    assert original.status_code == 200
    assert original.headers["content-type"] == "image/png"


def _the_feeds_artwork(server):
    podcast = make_podcast()
    podcast.artwork = _picture()
    podcast.save_revision().publish()
    feed = server.get(f"/podcasts/{podcast.slug}/feed.xml")
    assert feed.status_code == 200
    cover = re.search(r'<itunes:image href="([^"]+)"', feed.text).group(1)
    response = httpx.get(cover, timeout=20)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert PILImage.open(io.BytesIO(response.content)).size == (1400, 1400)


def _episode_audio_ranges_uncompressed(server):
    """A phone asks for gzip on everything; a 206 must still be the file's own bytes."""
    episode = make_episode(make_podcast(slug="podcast-audio"), upload=mp3_bytes(4))
    with default_storage.open(episode.audio_file.name, "rb") as handle:
        audio = handle.read()
    headers = {"Range": "bytes=100-199", "Accept-Encoding": "gzip, deflate, br"}
    response = server.get(episode.audio_src, headers=headers)
    assert response.status_code == 206
    assert "content-encoding" not in response.headers
    assert response.headers["content-range"] == f"bytes 100-199/{len(audio)}"
    assert response.headers["content-length"] == "100"
    assert response.content == audio[100:200]


def _video_ladder_ranges(server):
    segment = bytes(range(256)) * 40
    name = default_storage.save("videos/hls/7/1-abc/240p/segment-000.ts", ContentFile(segment))
    response = server.get(f"/media/{name}", headers={"Range": "bytes=-10"})
    assert response.status_code == 206
    assert response.content == segment[-10:]


def test_other_media_is_not_served(server):
    """Private files, and files a view checks access to, exist on disk but are 404 at
    MEDIA_URL, however the path is written."""
    for name in [
        "submissions/3/0123456789abcdef.pdf",
        "documents/rencana.pdf",
        "videos/source/abc/asli.mp4",
        "podcasts/audio/2026/01/draft.mp3",
    ]:
        default_storage.save(name, ContentFile(b"%PDF-1.4 private\n"))
        assert server.get(f"/media/{name}").status_code == 404
        assert server.get(f"/media/images/..%2F{name}").status_code == 404
        assert server.get(f"/media/images/%2E%2E/{name}").status_code == 404
