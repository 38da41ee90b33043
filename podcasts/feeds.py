"""Our own podcast feed: RSS 2.0 with the itunes and Podcasting 2.0 namespaces.

Everything Apple Podcasts asks of a show (title, description, artwork, language, category,
explicit, author, owner) and of an episode (title, enclosure with url/length/type, guid) is
written; Podcasting 2.0 adds podcast:guid and podcast:transcript.
"""

import io
from email.utils import format_datetime

from django.utils.xmlutils import SimplerXMLGenerator
from wagtail.rich_text import expand_db_html

from podcasts.models import EpisodePage, PodcastIndexPage

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
ATOM = "http://www.w3.org/2005/Atom"


def _artwork_url(request, image) -> str:
    if image is None:
        return ""
    rendition = image.get_rendition("fill-1400x1400|format-jpeg")
    return request.build_absolute_uri(rendition.url)


def _rfc822(moment) -> str:
    return format_datetime(moment, usegmt=True) if moment else ""


def _text(xml: SimplerXMLGenerator, name: str, value, attrs: dict | None = None) -> None:
    if value in (None, ""):
        return
    xml.addQuickElement(name, str(value), attrs or {})


def podcast_feed_render(
    *, request, index: PodcastIndexPage, episodes: list[EpisodePage], modified=None
) -> bytes:
    """The RSS document (UTF-8 bytes) for ``index`` and its ``episodes``."""
    out = io.StringIO()
    xml = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
    xml.startDocument()
    xml.startElement(
        "rss",
        {
            "version": "2.0",
            "xmlns:itunes": ITUNES,
            "xmlns:podcast": PODCAST,
            "xmlns:content": CONTENT,
            "xmlns:atom": ATOM,
        },
    )
    xml.startElement("channel", {})
    show_url = request.build_absolute_uri(index.get_url(request=request))
    artwork = _artwork_url(request, index.artwork)
    xml.addQuickElement(
        "atom:link",
        attrs={
            "href": request.build_absolute_uri(request.path),
            "rel": "self",
            "type": "application/rss+xml",
        },
    )
    _text(xml, "title", index.title)
    _text(xml, "link", show_url)
    _text(xml, "description", index.description)
    _text(xml, "itunes:summary", index.description)
    _text(xml, "language", index.language)
    _text(xml, "lastBuildDate", _rfc822(modified))
    _text(xml, "generator", "Berdaya (Wagtail)")
    _text(xml, "itunes:author", index.author)
    xml.startElement("itunes:owner", {})
    _text(xml, "itunes:name", index.owner_name)
    _text(xml, "itunes:email", index.owner_email)
    xml.endElement("itunes:owner")
    if artwork:
        xml.addQuickElement("itunes:image", attrs={"href": artwork})
        xml.startElement("image", {})
        _text(xml, "url", artwork)
        _text(xml, "title", index.title)
        _text(xml, "link", show_url)
        xml.endElement("image")
    main, sub = index.category_pair
    xml.startElement("itunes:category", {"text": main})
    if sub:
        xml.addQuickElement("itunes:category", attrs={"text": sub})
    xml.endElement("itunes:category")
    _text(xml, "itunes:explicit", "true" if index.explicit else "false")
    _text(xml, "itunes:type", "episodic")
    _text(xml, "podcast:guid", str(index.podcast_guid))
    _text(xml, "podcast:locked", "no", {"owner": index.owner_email})

    for episode in episodes:
        _episode(xml, request, episode, index.language)

    xml.endElement("channel")
    xml.endElement("rss")
    xml.endDocument()
    return out.getvalue().encode("utf-8")


def _episode(xml: SimplerXMLGenerator, request, episode: EpisodePage, language: str) -> None:
    audio = request.build_absolute_uri(episode.audio_src)
    xml.startElement("item", {})
    _text(xml, "title", episode.title)
    _text(xml, "itunes:title", episode.title)
    _text(xml, "link", request.build_absolute_uri(episode.get_url(request=request)))
    # Rich text is stored in Wagtail's database format; expand internal links for readers.
    notes = expand_db_html(episode.show_notes) if episode.show_notes else ""
    _text(xml, "description", notes or episode.summary)
    if notes:
        _text(xml, "content:encoded", notes)
    _text(xml, "itunes:summary", episode.summary)
    xml.addQuickElement(
        "enclosure",
        attrs={
            "url": audio,
            "length": str(episode.audio_size or 0),
            "type": episode.audio_type or "audio/mpeg",
        },
    )
    _text(xml, "guid", episode.guid, {"isPermaLink": "false"})
    _text(xml, "pubDate", _rfc822(episode.published_on))
    _text(xml, "itunes:duration", episode.duration)
    _text(xml, "itunes:season", episode.season_number)
    _text(xml, "itunes:episode", episode.episode_number)
    _text(xml, "itunes:episodeType", "full")
    _text(xml, "itunes:explicit", "true" if episode.explicit else "false")
    image = _artwork_url(request, episode.artwork) or episode.artwork_url
    if image:
        xml.addQuickElement("itunes:image", attrs={"href": image})
    transcript = episode.transcript_src
    if transcript:
        xml.addQuickElement(
            "podcast:transcript",
            attrs={
                "url": request.build_absolute_uri(transcript),
                "type": "text/plain",
                "language": language,
            },
        )
    xml.endElement("item")
