"""Importing a feed source: fetch, parse, then write every episode change in one transaction.

Any failure leaves the site as it was and records a clear error on the feed source.
"""

import logging
from dataclasses import dataclass
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry

from cms.validators import validate_sensible_date
from podcasts.models import EpisodePage, FeedSource, FeedStatus, PodcastIndexPage
from podcasts.services.fetching import FeedError, feed_fetch
from podcasts.services.indexing import bulk_indexing, episodes_index
from podcasts.services.parsing import EntryData, feed_entry_read, feed_parse

logger = logging.getLogger(__name__)


@dataclass
class ImportResult:
    status: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    refused: int = 0
    error: str = ""

    @property
    def summary(self) -> str:
        if self.status == FeedStatus.NOT_MODIFIED:
            return _("Unchanged since the last import (304).")
        if self.status == FeedStatus.ERROR:
            return _("Import failed; nothing was changed.")
        summary = _(
            "%(created)d new, %(updated)d updated, %(unchanged)d unchanged, "
            "%(skipped)d skipped (no audio)."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }
        if self.refused:
            summary += " " + _(
                "%(refused)d refused: their GUID belongs to an episode that did not come "
                "from this feed."
            ) % {"refused": self.refused}
        return summary


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


def _sensible(moment) -> bool:
    try:
        validate_sensible_date(moment)
    except ValidationError:
        return False
    return moment is not None


def _unique_slug(title: str, taken: set[str]) -> str:
    base = slugify(title, allow_unicode=True)[:70] or "episode"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _episode_update(episode: EpisodePage, changes: dict) -> None:
    """Apply a feed's changes to an imported episode and keep them as a revision.

    A live episode gets the change published (its history shows what the feed changed, and
    ``page_published`` is sent as for an editor's edit); a draft gets its row and a new draft
    revision, so the next import compares against what the feed sent last.
    """
    for name, value in changes.items():
        setattr(episode, name, value)
    if episode.live:
        episode.save_revision(log_action=True).publish()
    else:
        episode.draft_title = episode.title
        episode.save()
        episode.save_revision(log_action=True)


def _episodes_sync(*, source: FeedSource, entries: list[EntryData]) -> ImportResult:
    result = ImportResult(status=FeedStatus.IMPORTED)
    # Lock the podcast page first: add_child takes the same lock, so no editor adds a sibling
    # while the slugs taken are counted here.
    podcast = PodcastIndexPage.objects.select_for_update().get(pk=source.index_id)
    # Only episodes that came from this very source can be matched and changed.
    mine = list(EpisodePage.objects.child_of(podcast).filter(source=source))
    by_guid = {episode.guid: episode for episode in mine if episode.guid}
    by_url = {episode.audio_url: episode for episode in mine if episode.audio_url}
    # Our own feed publishes every episode's guid, so a hostile feed can copy an editor's. An
    # entry whose guid already belongs to any other episode is refused, never merged.
    ours = {episode.pk for episode in mine}
    keys = {entry.guid or entry.audio_url for entry in entries}
    foreign = {
        guid
        for guid, pk in EpisodePage.objects.filter(guid__in=keys).values_list("guid", "pk")
        if pk not in ours
    }
    taken = set(Page.objects.child_of(podcast).values_list("slug", flat=True))
    seen: set[str] = set()
    new: list[EpisodePage] = []
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
            elif not _sensible(episode.published_at):
                # Stored before imports refused such dates: repair it once, so that the
                # validation of the revision below does not fail the whole import.
                first = episode.first_published_at
                changes["published_at"] = first if _sensible(first) else now
            if not changes:
                result.unchanged += 1
                continue
            _episode_update(episode, changes)
            result.updated += 1
            continue
        if key in foreign:
            result.refused += 1
            continue
        values = {name: getattr(entry, name) for name in _SYNCED_FIELDS}
        episode = EpisodePage(
            **values,
            slug=_unique_slug(entry.title, taken),
            guid=key,
            published_at=entry.published_at or now,
            source=source,
            locale_id=podcast.locale_id,
            live=source.publish_new,
            has_unpublished_changes=not source.publish_new,
            first_published_at=now if source.publish_new else None,
            last_published_at=now if source.publish_new else None,
            draft_title=entry.title,
        )
        new.append(episode)
        by_guid[episode.guid] = episode
        by_url[episode.audio_url] = episode
        result.created += 1
    _episodes_insert(podcast, new)
    return result


def _episodes_insert(podcast: PodcastIndexPage, episodes: list[EpisodePage]) -> None:
    """Add new episodes as the podcast's last children, in one pass.

    Treebeard's ``add_child`` locks the parent, finds its last child and counts the new one in
    ``numchild`` for every page; here that is done once for the lot (the caller holds the lock
    on the podcast). Each episode's fields are validated (``clean_fields``: lengths, the
    sensible date); the slug is unique among its siblings by construction, and the guid was
    checked against every episode above, so the unique checks of ``full_clean``, one query
    each, are not repeated. Search and reference indexing, which Wagtail would run once per
    saved page, run for the whole batch (``episodes_index``), after commit, in the worker.
    """
    if not episodes:
        return
    last = podcast.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    depth = podcast.depth + 1
    # The relations are set here to rows known to exist; checking each costs a query.
    relations = [field.name for field in EpisodePage._meta.concrete_fields if field.is_relation]
    with bulk_indexing():
        for n, episode in enumerate(episodes, start=step + 1):
            episode.depth = depth
            episode.path = Page._get_path(podcast.path, depth, n)
            episode.url_path = f"{podcast.url_path}{episode.slug}/"
            episode._cached_parent_obj = podcast
            episode._is_site_root = False  # a new leaf is no site's root: spares a query each
            episode.clean_fields(exclude=relations)
            # Logged below, for the batch at once.
            episode.save(clean=False, log_action=None)
    Page.objects.filter(pk=podcast.pk).update(numchild=F("numchild") + len(episodes))
    podcast.numchild += len(episodes)
    context = get_active_log_context()
    content_type = ContentType.objects.get_for_model(EpisodePage, for_concrete_model=False)
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            page=episode,
            content_type=content_type,
            label=episode.get_admin_display_title(),
            action="wagtail.create",
            timestamp=episode.first_published_at or timezone.now(),
            data={},
            user=context.user,
            uuid=context.uuid,
            content_changed=True,
        )
        for episode in episodes
    )
    pks = [episode.pk for episode in episodes]
    transaction.on_commit(partial(_queue_index, pks))


def _queue_index(pks: list[int]) -> None:
    from podcasts.tasks import index_episodes

    try:
        index_episodes.delay(pks)
    except Exception:  # the broker is down: index them here rather than not at all
        logger.exception("Could not queue the indexing of %d imported episodes", len(pks))
        episodes_index(pks)


def _record(source_id: int, **fields) -> None:
    if "last_result" in fields:
        fields["last_result"] = fields["last_result"][:300]
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
            locked = FeedSource.objects.select_for_update().get(pk=source.pk)
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
