"""Test data for podcasts: a home page, a podcast, episodes, generated MP3s and RSS documents."""

import functools
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from podcasts.audio import ffmpeg_path
from podcasts.models import EpisodePage, PodcastIndexPage


def make_home() -> HomePage:
    # After another test flushed and restored the database, cached content type ids may be
    # stale; clear the cache only then (a needless clear makes later lookups create rows).
    cached = ContentType.objects.get_for_model(HomePage)
    if not ContentType.objects.filter(pk=cached.pk, model="homepage").exists():
        ContentType.objects.clear_cache()
    home = HomePage.objects.first()
    if home is not None:
        return home
    Locale.objects.get_or_create(language_code="id")
    # A flushed transactional test database may have lost Wagtail's root page too.
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Beranda", slug="beranda"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home


def make_podcast(home: HomePage | None = None, **fields) -> PodcastIndexPage:
    home = home or make_home()
    values = {
        "title": "Podcast Uji",
        "slug": "podcast-uji",
        "description": "Episode untuk pengujian.",
        "author": "Tim Uji",
        "owner_name": "Tim Uji",
        "owner_email": "uji@example.org",
        "category": "Business/Entrepreneurship",
        **fields,
    }
    return home.add_child(instance=PodcastIndexPage(**values))


@functools.cache
def mp3_bytes(seconds: int = 5, channels: int = 2, bitrate: str = "128k") -> bytes:
    """A real MP3 (a tone) made by ffmpeg; cached per test session."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "tone.mp3"
        subprocess.run(
            [
                ffmpeg_path(),
                "-nostdin",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                f"sine=frequency=330:duration={seconds}",
                "-ac",
                str(channels),
                "-ar",
                "44100",
                "-codec:a",
                "libmp3lame",
                "-b:a",
                bitrate,
                str(target),
            ],
            check=True,
            capture_output=True,
        )
        return target.read_bytes()


def make_episode(podcast: PodcastIndexPage, *, upload: bytes | None = None, **fields):
    n = EpisodePage.objects.child_of(podcast).count() + 1
    values = {
        "title": f"Episode {n}",
        "slug": f"episode-{n}",
        "summary": f"Ringkasan episode {n}",
        "episode_number": n,
    }
    values.update(fields)
    if upload is not None:
        values["audio_file"] = ContentFile(upload, name=f"episode-{n}.mp3")
    elif "audio_url" not in values:
        values.update(
            audio_url=f"https://cdn.example.org/ep{n}.mp3",
            audio_size=1000 * n,
            audio_type="audio/mpeg",
            duration=60 * n,
        )
    episode = podcast.add_child(instance=EpisodePage(**values))
    return episode


def rss(items: list[dict], *, title: str = "Feed luar", extra: str = "") -> bytes:
    """An RSS 2.0 podcast feed. Each item: title, guid?, url, length?, type?, duration?, notes?"""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        f"<channel><title>{escape(title)}</title><link>https://example.org/</link>",
        "<description>Feed untuk uji impor</description>",
        extra,
    ]
    for item in items:
        parts.append("<item>")
        parts.append(f"<title>{escape(item['title'])}</title>")
        if item.get("guid"):
            parts.append(f'<guid isPermaLink="false">{escape(item["guid"])}</guid>')
        if item.get("url"):
            parts.append(
                f'<enclosure url={quoteattr(item["url"])} length="{item.get("length", 1234)}"'
                f' type="{item.get("type", "audio/mpeg")}"/>'
            )
        if item.get("duration"):
            parts.append(f"<itunes:duration>{item['duration']}</itunes:duration>")
        if item.get("pub"):
            parts.append(f"<pubDate>{item['pub']}</pubDate>")
        if item.get("notes"):
            parts.append(f"<description>{escape(item['notes'])}</description>")
        if item.get("content"):
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode("utf-8")


def standard_items(count: int = 3, base: str = "https://cdn.example.org") -> list[dict]:
    return [
        {
            "title": f"Episode impor {n}",
            "guid": f"guid-{n}",
            "url": f"{base}/impor-{n}.mp3",
            "length": 1000 + n,
            "duration": f"00:0{n}:30",
            "pub": f"Mon, 0{n} Sep 2025 08:00:00 GMT",
            "notes": f"<p>Catatan episode {n}</p>",
        }
        for n in range(1, count + 1)
    ]
