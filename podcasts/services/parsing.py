"""Reading a fetched feed: feedparser for the document, then each entry's episode fields,
cleaned and bounded (plain titles, sanitised notes, well-formed URLs, sensible numbers)."""

import html
import re
import xml.sax
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, urljoin, urlsplit

import feedparser
import nh3
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from cms.validators import validate_sensible_date
from podcasts.services.fetching import FeedError, FetchedFeed

NOTES_TAGS = {"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li", "h2", "h3", "blockquote"}
AUDIO_SUFFIXES = (".mp3", ".m4a", ".mp4", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac")


@dataclass
class EntryData:
    """The fields of one feed entry that become an episode page."""

    guid: str
    title: str
    summary: str
    show_notes: str
    audio_url: str
    audio_size: int | None
    audio_type: str
    duration: int | None
    published_at: datetime | None
    season_number: int | None
    episode_number: int | None
    artwork_url: str
    transcript_url: str
    explicit: bool


def feed_parse(*, fetched: FetchedFeed) -> feedparser.FeedParserDict:
    """Parse the bytes with feedparser; raise FeedError if they are not a well-formed feed."""
    parsed = feedparser.parse(
        fetched.body,
        response_headers={"content-location": fetched.url},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    error = parsed.get("bozo_exception")
    if not parsed.get("version"):
        start = fetched.body[:512].lstrip().lower()
        if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
            raise FeedError(_("This address returns a web page (HTML), not a podcast feed."))
        raise FeedError(_("This address does not return an RSS or Atom feed."))
    if isinstance(error, xml.sax.SAXParseException):
        raise FeedError(
            _("The feed is not well-formed XML (line %(line)s: %(message)s).")
            % {"line": error.getLineNumber(), "message": error.getMessage()}
        )
    return parsed


def _plain(text: str, limit: int) -> str:
    cleaned = html.unescape(nh3.clean(text or "", tags=set()))
    return re.sub(r"\s+", " ", cleaned).strip()[:limit]


def _notes(raw: str, base: str) -> str:
    def absolute(tag, attribute, value):
        if attribute == "href":
            resolved = urljoin(base, value)
            return resolved if urlsplit(resolved).scheme in ("http", "https", "mailto") else None
        return value

    return nh3.clean(
        raw or "",
        tags=NOTES_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=absolute,
    ).strip()


_url_validator = URLValidator(schemes=["http", "https"])


def _valid_url(url: str) -> str:
    """The URL if it is a well-formed http(s) URL that fits our fields, else ""."""
    # Feeds often carry unencoded spaces or non-ASCII letters in paths; encode, keep the rest.
    url = quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~")
    if not url or len(url) > 1000:
        return ""
    try:
        _url_validator(url)
    except ValidationError:
        return ""
    return url


def _int(value, limit: int = 2**31 - 1) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= limit else None


def _moment(parsed) -> datetime | None:
    """The entry's date, or None (the import time is used) when missing or outside 2000-2100:
    a year-9999 date would sort first for ever and break time-zone arithmetic on our pages."""
    try:
        moment = datetime(*parsed[:6], tzinfo=UTC) if parsed else None
        validate_sensible_date(moment)
    except (TypeError, ValueError, OverflowError, ValidationError):
        return None
    return moment


def _duration(value) -> int | None:
    if not value:
        return None
    try:
        parts = [float(part) for part in str(value).strip().split(":")]
    except ValueError:
        return None
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + part
    return round(seconds) if 0 <= seconds < 10**7 else None


def _enclosure(entry) -> dict | None:
    enclosures = [e for e in entry.get("enclosures", []) if e.get("href")]
    for enclosure in enclosures:
        kind = (enclosure.get("type") or "").lower()
        if kind.startswith("audio/") or enclosure["href"].lower().endswith(AUDIO_SUFFIXES):
            return enclosure
    return enclosures[0] if enclosures else None


def feed_entry_read(entry, *, base: str) -> EntryData | None:
    """The episode fields of one parsed entry, or None when it has no usable audio."""
    enclosure = _enclosure(entry)
    if enclosure is None:
        return None
    audio_url = _valid_url(urljoin(base, enclosure["href"].strip()))
    if not audio_url:
        return None
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    content = entry.get("content") or []
    notes = content[0].get("value", "") if content else entry.get("summary", "")
    image = entry.get("image") or {}
    transcript = entry.get("podcast_transcript") or ""
    explicit = str(entry.get("itunes_explicit") or "").lower() in ("true", "yes", "explicit", "1")
    return EntryData(
        guid=(entry.get("id") or "").strip()[:500],
        title=_plain(entry.get("title", ""), 255) or _("Untitled episode"),
        summary=_plain(entry.get("itunes_subtitle") or entry.get("summary", ""), 300),
        show_notes=_notes(notes, base),
        audio_url=audio_url,
        audio_size=_int(enclosure.get("length"), limit=2**62),
        audio_type=(enclosure.get("type") or "audio/mpeg")[:100],
        duration=_duration(entry.get("itunes_duration")),
        published_at=_moment(published),
        season_number=_int(entry.get("itunes_season")),
        episode_number=_int(entry.get("itunes_episode")),
        artwork_url=_valid_url(urljoin(base, image.get("href", ""))) if image.get("href") else "",
        transcript_url=_valid_url(urljoin(base, transcript)) if isinstance(transcript, str) else "",
        explicit=explicit,
    )
