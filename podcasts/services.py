"""Operations of the podcasts app: importing feeds, data-saver audio, listening positions.

A feed import fetches with httpx (timeouts, a size cap, conditional GET), parses the bytes
with feedparser, and writes every episode change in one transaction; any failure leaves the
site as it was and records a clear error on the feed source.
"""

import html
import logging
import re
import tempfile
import time
import xml.sax
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import feedparser
import httpx
import mutagen
import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.net import (
    PrivateAddressError,
    UnknownHostError,
    private_networks_allowed,
    public_addresses,
)
from podcasts.audio import DATA_SAVER_BITRATE, data_saver_encode
from podcasts.models import (
    DataSaverAudio,
    EpisodePage,
    FeedSource,
    FeedStatus,
    PlaybackPosition,
)

logger = logging.getLogger(__name__)

MAX_FEED_BYTES = 10 * 1024 * 1024
USER_AGENT = "BerdayaPodcastImporter/1.0 (+https://github.com/)"
NOTES_TAGS = {"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li", "h2", "h3", "blockquote"}
AUDIO_SUFFIXES = (".mp3", ".m4a", ".mp4", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac")


class FeedError(Exception):
    """A feed could not be imported; the message is shown to staff as it is."""


@dataclass(frozen=True)
class FetchedFeed:
    status: int
    url: str
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""


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


@dataclass
class ImportResult:
    status: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    error: str = ""

    @property
    def summary(self) -> str:
        if self.status == FeedStatus.NOT_MODIFIED:
            return _("Unchanged since the last import (304).")
        if self.status == FeedStatus.ERROR:
            return _("Import failed; nothing was changed.")
        return _(
            "%(created)d new, %(updated)d updated, %(unchanged)d unchanged, "
            "%(skipped)d skipped (no audio)."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }


# --- fetching ------------------------------------------------------------------------------
def _is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _private_networks_allowed() -> bool:
    return private_networks_allowed("PODCASTS_FEED_ALLOW_PRIVATE")


def _refuse_private_hosts(request: httpx.Request) -> None:
    """Every request, redirects included, goes through the shared outbound guard."""
    host = request.url.host
    try:
        public_addresses(host, allow_private=_private_networks_allowed())
    except UnknownHostError as error:
        raise FeedError(
            _("The feed could not be fetched: %(error)s") % {"error": f"unknown host {host}"}
        ) from error
    except PrivateAddressError as error:
        raise FeedError(
            _("The feed address points into a private network (%(host)s); it was not fetched.")
            % {"host": host}
        ) from error


def feed_fetch(*, url: str, etag: str = "", last_modified: str = "") -> FetchedFeed:
    """GET a feed: http(s) only, redirects followed, at most 10 MB, conditional on the validators.

    Raises FeedError with a message for staff on any failure.
    """
    if not _is_web_url(url):
        raise FeedError(_("Only http:// and https:// feed addresses can be imported."))
    timeout = float(getattr(settings, "PODCASTS_FEED_TIMEOUT", 10))
    max_bytes = int(getattr(settings, "PODCASTS_FEED_MAX_BYTES", MAX_FEED_BYTES))
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    # httpx's timeout is per read; a server that drips bytes is stopped by this deadline.
    deadline = time.monotonic() + timeout * 3
    too_large = _("The feed is larger than %(mb)d MB; it was not imported.") % {
        "mb": max_bytes // (1024 * 1024)
    }
    try:
        with (
            httpx.Client(
                timeout=httpx.Timeout(timeout),
                follow_redirects=True,
                max_redirects=5,
                event_hooks={"request": [_refuse_private_hosts]},
            ) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            final_url = str(response.url)
            if response.status_code == 304:
                return FetchedFeed(304, final_url, etag=etag, last_modified=last_modified)
            if not 200 <= response.status_code < 300:
                raise FeedError(
                    _("The feed server answered %(status)d %(reason)s.")
                    % {"status": response.status_code, "reason": response.reason_phrase}
                )
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FeedError(too_large)
            chunks, total = [], 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > max_bytes:
                    raise FeedError(too_large)
                if time.monotonic() > deadline:
                    raise FeedError(
                        _("The feed server took longer than %(s)d seconds to send the feed.")
                        % {"s": int(timeout * 3)}
                    )
                chunks.append(chunk)
            return FetchedFeed(
                response.status_code,
                final_url,
                b"".join(chunks),
                etag=response.headers.get("ETag", ""),
                last_modified=response.headers.get("Last-Modified", ""),
            )
    except httpx.TimeoutException as error:
        raise FeedError(
            _("The feed server did not answer within %(s)d seconds.") % {"s": int(timeout)}
        ) from error
    except httpx.TooManyRedirects as error:
        raise FeedError(_("The feed address redirects too many times.")) from error
    except httpx.UnsupportedProtocol as error:
        raise FeedError(
            _("The feed redirected to an address that is not http or https.")
        ) from error
    except httpx.HTTPError as error:
        raise FeedError(_("The feed could not be fetched: %(error)s") % {"error": error}) from error


# --- parsing -------------------------------------------------------------------------------
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
    try:
        return datetime(*parsed[:6], tzinfo=UTC) if parsed else None
    except (TypeError, ValueError, OverflowError):
        return None


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


# --- writing -------------------------------------------------------------------------------
_SYNCED_FIELDS = (
    "title",
    "summary",
    "show_notes",
    "audio_url",
    "audio_size",
    "audio_type",
    "duration",
    "season_number",
    "episode_number",
    "artwork_url",
    "transcript_url",
    "explicit",
)


def _unique_slug(title: str, taken: set[str]) -> str:
    base = slugify(title, allow_unicode=True)[:70] or "episode"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _episodes_sync(*, source: FeedSource, entries: list[EntryData]) -> ImportResult:
    result = ImportResult(status=FeedStatus.IMPORTED)
    podcast = source.index
    existing = list(EpisodePage.objects.child_of(podcast))
    by_guid = {episode.guid: episode for episode in existing if episode.guid}
    by_url = {episode.audio_url: episode for episode in existing if episode.audio_url}
    children = Page.objects.child_of(podcast)
    taken = set(children.values_list("slug", flat=True))
    # New episodes go after the podcast's last child. Their tree paths are counted on from it
    # here (treebeard's add_child would look the last child up again for every episode), and
    # the podcast's child count is raised once at the end.
    last_path = children.order_by("-path").values_list("path", flat=True).first()
    next_step = Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1
    seen: set[str] = set()
    now = timezone.now()
    for entry in entries:
        key = entry.guid or entry.audio_url
        if key in seen:
            continue  # the same episode twice in one feed
        seen.add(key)
        episode = (by_guid.get(entry.guid) if entry.guid else None) or by_url.get(entry.audio_url)
        if episode is not None:
            changes = {
                name: getattr(entry, name)
                for name in _SYNCED_FIELDS
                if getattr(episode, name) != getattr(entry, name)
            }
            if entry.published_at and episode.published_at != entry.published_at:
                changes["published_at"] = entry.published_at
            if not changes:
                result.unchanged += 1
                continue
            for name, value in changes.items():
                setattr(episode, name, value)
            if "title" in changes and not episode.live:
                episode.draft_title = episode.title
            episode.save()
            result.updated += 1
            continue
        values = {name: getattr(entry, name) for name in _SYNCED_FIELDS}
        episode = EpisodePage(
            **values,
            slug=_unique_slug(entry.title, taken),
            guid=entry.guid or entry.audio_url,
            published_at=entry.published_at or now,
            source=source,
            locale_id=podcast.locale_id,
            live=source.publish_new,
            has_unpublished_changes=not source.publish_new,
            first_published_at=now if source.publish_new else None,
            last_published_at=now if source.publish_new else None,
            draft_title=entry.title,
            depth=podcast.depth + 1,
            path=Page._get_path(podcast.path, podcast.depth + 1, next_step),
            numchild=0,
        )
        next_step += 1
        episode._cached_parent_obj = podcast
        # Fields were validated when the entry was read, slugs are unique among the siblings.
        episode.save(clean=False)
        by_guid[episode.guid] = episode
        by_url[episode.audio_url] = episode
        result.created += 1
    if result.created:
        Page.objects.filter(pk=podcast.pk).update(numchild=F("numchild") + result.created)
        podcast.numchild += result.created
    return result


def _record(source_id: int, **fields) -> None:
    FeedSource.objects.filter(pk=source_id).update(last_fetched_at=timezone.now(), **fields)


def feed_source_import(*, source: FeedSource) -> ImportResult:
    """Import one feed source now. Never raises for a bad feed: the error is recorded."""
    try:
        fetched = feed_fetch(url=source.url, etag=source.etag, last_modified=source.last_modified)
        if fetched.status == 304:
            result = ImportResult(status=FeedStatus.NOT_MODIFIED)
            _record(source.pk, last_status=result.status, last_result=result.summary, last_error="")
            return result
        parsed = feed_parse(fetched=fetched)
        entries, skipped = [], 0
        for raw in parsed.entries:
            entry = feed_entry_read(raw, base=fetched.url)
            if entry is None:
                skipped += 1
            else:
                entries.append(entry)
        with transaction.atomic():
            locked = (
                FeedSource.objects.select_for_update().select_related("index").get(pk=source.pk)
            )
            result = _episodes_sync(source=locked, entries=entries)
            result.skipped = skipped
            _record(
                source.pk,
                etag=fetched.etag[:500],
                last_modified=fetched.last_modified[:100],
                last_status=result.status,
                last_result=result.summary,
                last_error="",
            )
        return result
    except FeedError as error:
        result = ImportResult(status=FeedStatus.ERROR, error=str(error))
    except Exception as error:  # a bug or the database: still leave a trace for staff
        logger.exception("Feed import of %s failed", source.url)
        result = ImportResult(
            status=FeedStatus.ERROR,
            error=_("The import failed unexpectedly: %(error)s") % {"error": error},
        )
    _record(
        source.pk, last_status=result.status, last_result=result.summary, last_error=result.error
    )
    return result


def feed_sources_import_all() -> list[ImportResult]:
    """Import every feed source once (the hourly job). Safe to run twice."""
    return [feed_source_import(source=source) for source in FeedSource.objects.all()]


# --- data-saver audio ----------------------------------------------------------------------
def data_saver_make(*, source_name: str) -> DataSaverAudio | None:
    """Make (once) the mono ≤48 kbps MP3 of an uploaded file. Idempotent."""
    existing = DataSaverAudio.objects.filter(source_name=source_name).first()
    if existing is not None:
        return existing
    if not default_storage.exists(source_name):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source_path = Path(tmp) / ("source" + Path(source_name).suffix)
        target_path = Path(tmp) / "saver.mp3"
        with default_storage.open(source_name, "rb") as source, open(source_path, "wb") as out:
            for chunk in iter(lambda: source.read(1024 * 1024), b""):
                out.write(chunk)
        data_saver_encode(source_path, target_path, bitrate=DATA_SAVER_BITRATE)
        info = mutagen.File(target_path).info
        stem = Path(source_name).stem
        with open(target_path, "rb") as handle:
            saver = DataSaverAudio(
                source_name=source_name,
                size=target_path.stat().st_size,
                bitrate=int(getattr(info, "bitrate", DATA_SAVER_BITRATE)),
            )
            saver.file.save(f"{stem}-saver.mp3", File(handle), save=False)
    try:
        with transaction.atomic():
            saver.save()
    except IntegrityError:  # another worker made it at the same time
        default_storage.delete(saver.file.name)
        return DataSaverAudio.objects.get(source_name=source_name)
    return saver


# --- listening -----------------------------------------------------------------------------
def playback_position_save(*, user, episode: EpisodePage, seconds: float) -> None:
    """Remember where ``user`` stopped in ``episode`` (one row per person and episode)."""
    PlaybackPosition.objects.bulk_create(
        [PlaybackPosition(user=user, episode=episode, seconds=max(0.0, float(seconds)))],
        update_conflicts=True,
        unique_fields=["user", "episode"],
        update_fields=["seconds", "updated_at"],
    )
