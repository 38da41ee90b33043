"""Our own feed, read back by feedparser and by gPodder's podcastparser."""

import io
from datetime import UTC, datetime
from xml.etree import ElementTree

import feedparser
import podcastparser
import pytest
from django.core.files.images import ImageFile
from django.utils.http import http_date
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.podcasts.factories import make_episode, mp3_bytes

pytestmark = pytest.mark.django_db

FEED = "/podcasts/podcast-uji/feed.xml"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"


@pytest.fixture
def episodes(podcast, media_root):
    uploaded = make_episode(
        podcast,
        upload=mp3_bytes(3),
        title="Modal usaha pertama",
        published_at=datetime(2025, 9, 3, 8, tzinfo=UTC),
        transcript="Halo semua.",
        season_number=1,
        show_notes="<p>Catatan <b>penting</b></p>",
    )
    external = make_episode(
        podcast,
        title="Kemasan & label",
        published_at=datetime(2025, 9, 1, 8, tzinfo=UTC),
        audio_url="https://cdn.example.org/kemasan.mp3",
        audio_size=123456,
        audio_type="audio/mpeg",
        duration=754,
    )
    draft = make_episode(podcast, title="Belum terbit", live=False)
    return uploaded, external, draft


def _expected(episode) -> dict:
    return {
        "title": episode.title,
        "url": episode.audio_src
        if episode.audio_src.startswith("http")
        else "http://testserver" + episode.audio_src,
        "length": episode.audio_size,
        "type": episode.audio_type,
        "duration": episode.duration,
        "guid": episode.guid,
    }


class TestOurFeed:
    def test_feedparser_reads_every_episode(self, client, podcast, episodes):
        uploaded, external, _draft = episodes
        response = client.get(FEED)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/rss+xml; charset=utf-8"

        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == "rss20"
        assert parsed.feed.title == "Podcast Uji"
        assert parsed.feed.language == "id"
        assert parsed.feed.author_detail.name == "Tim Uji"
        assert parsed.feed.publisher_detail.email == "uji@example.org"
        assert [t.term for t in parsed.feed.tags] == ["Business", "Entrepreneurship"]

        got = [
            {
                "title": e.title,
                "url": e.enclosures[0].href,
                "length": int(e.enclosures[0].length),
                "type": e.enclosures[0].type,
                "duration": int(e.itunes_duration),
                "guid": e.id,
            }
            for e in parsed.entries
        ]
        assert got == [_expected(uploaded), _expected(external)]  # newest first, no draft
        assert uploaded.audio_size == len(mp3_bytes(3))
        assert uploaded.duration == 3

    def test_podcastparser_reads_every_episode(self, client, podcast, episodes):
        uploaded, external, _draft = episodes
        body = client.get(FEED).content
        parsed = podcastparser.parse("http://testserver" + FEED, io.BytesIO(body))

        assert parsed["title"] == "Podcast Uji"
        got = sorted(
            (
                {
                    "title": e["title"],
                    "url": e["enclosures"][0]["url"],
                    "length": e["enclosures"][0]["file_size"],
                    "type": e["enclosures"][0]["mime_type"],
                    "duration": e["total_time"],
                    "guid": e["guid"],
                }
                for e in parsed["episodes"]
            ),
            key=lambda e: e["title"],
            reverse=True,
        )
        assert got == [_expected(uploaded), _expected(external)]
        # podcastparser knows the Podcasting 2.0 namespace only by its old GitHub URI, so it
        # does not read podcast:transcript; test_namespaces_and_apple_requirements checks it.

    def test_namespaces_and_apple_requirements(self, client, podcast, episodes):
        text = client.get(FEED).content.decode()
        for needle in (
            'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"',
            'xmlns:podcast="https://podcastindex.org/namespace/1.0"',
            f"<podcast:guid>{podcast.podcast_guid}</podcast:guid>",
            "<itunes:explicit>false</itunes:explicit>",
            '<itunes:category text="Business"><itunes:category text="Entrepreneurship"/>',
            "<itunes:owner><itunes:name>Tim Uji</itunes:name>",
            '<guid isPermaLink="false">',
        ):
            assert needle in text, needle
        items = ElementTree.fromstring(text.encode()).findall("channel/item")
        transcripts = [item.find(f"{{{PODCAST_NS}}}transcript") for item in items]
        assert transcripts[0].attrib == {
            "url": f"http://testserver/podcasts/episodes/{episodes[0].pk}/transcript.txt",
            "type": "text/plain",
            "language": "id",
        }
        assert transcripts[1] is None

    def test_artwork_is_a_square_rendition(self, client, podcast, episodes):
        picture = PILImage.new("RGB", (1600, 1600), "teal")
        buffer = io.BytesIO()
        picture.save(buffer, "PNG")
        podcast.artwork = get_image_model().objects.create(
            title="Sampul", file=ImageFile(buffer, name="sampul.png")
        )
        podcast.save_revision().publish()

        body = client.get(FEED).content
        cover = podcastparser.parse("http://testserver" + FEED, io.BytesIO(body))["cover_url"]
        assert cover.startswith("http://testserver/media/images/")
        assert "fill-1400x1400" in cover
        assert f'<itunes:image href="{cover}"/>'.encode() in body

    def test_transcript_is_served(self, client, episodes):
        uploaded = episodes[0]
        response = client.get(f"/podcasts/episodes/{uploaded.pk}/transcript.txt")
        assert response.status_code == 200
        assert response.content.decode() == "Halo semua."

    def test_unknown_podcast_is_404(self, client, db):
        assert client.get("/podcasts/tidak-ada/feed.xml").status_code == 404
        assert client.get("/podcasts/podcast-uji/xx/feed.xml").status_code == 404


class TestConditionalFeed:
    def test_etag_and_last_modified_answer_304(self, client, podcast, episodes):
        first = client.get(FEED)
        etag, modified = first["ETag"], first["Last-Modified"]
        assert first["Cache-Control"].startswith("public")

        assert client.get(FEED, headers={"if-none-match": etag}).status_code == 304
        assert client.get(FEED, headers={"if-modified-since": modified}).status_code == 304
        stale = http_date(datetime(2000, 1, 1, tzinfo=UTC).timestamp())
        assert client.get(FEED, headers={"if-modified-since": stale}).status_code == 200

    def test_a_published_change_changes_the_etag(self, client, podcast, episodes):
        etag = client.get(FEED)["ETag"]
        external = episodes[1]
        external.title = "Kemasan, label dan harga"
        external.save_revision().publish()

        response = client.get(FEED, headers={"if-none-match": etag})
        assert response.status_code == 200
        assert response["ETag"] != etag
        assert b"Kemasan, label dan harga" in response.content

    def test_head(self, client, podcast, episodes):
        full = client.get(FEED)
        head = client.head(FEED)
        assert head.status_code == 200
        assert head.content == b""
        assert head["Content-Length"] == str(len(full.content))
