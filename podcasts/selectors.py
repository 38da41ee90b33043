"""Reads of the podcasts app: episode lists, the lessons using an episode, feed versions."""

import hashlib
from datetime import datetime

from django.db.models import Count, Max, QuerySet
from wagtail.models import Page, ReferenceIndex

from podcasts.models import DataSaverAudio, EpisodePage, PlaybackPosition, PodcastIndexPage


def podcast_episodes(*, index: PodcastIndexPage) -> QuerySet[EpisodePage]:
    """The live, public episodes of a podcast, newest first."""
    return (
        EpisodePage.objects.live()
        .public()
        .child_of(index)
        .select_related("artwork")
        .order_by("-published_at", "-pk")
    )


def feed_episodes(*, index: PodcastIndexPage) -> QuerySet[EpisodePage]:
    """What our RSS feed lists: live, public episodes that have audio."""
    return podcast_episodes(index=index).exclude(audio_file="", audio_url="")


def feed_version(*, index: PodcastIndexPage) -> tuple[str, datetime | None]:
    """An ETag and Last-Modified for the feed, from one aggregate query.

    Any published change to the podcast or an episode (edit, new, unpublished, deleted)
    changes the count or the newest timestamp, so the ETag changes with the feed.
    """
    stats = (
        feed_episodes(index=index)
        .order_by()
        .aggregate(count=Count("pk"), newest=Max("updated_at"), latest_pub=Max("last_published_at"))
    )
    stamps = [
        stamp
        for stamp in (stats["newest"], stats["latest_pub"], index.last_published_at)
        if stamp is not None
    ]
    modified = max(stamps) if stamps else None
    raw = f"{index.pk}:{index.latest_revision_id}:{stats['count']}:{modified}"
    return hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:20], modified


def episode_lessons(*, episode: EpisodePage) -> list[Page]:
    """The live pages (lessons) whose body embeds this episode, from Wagtail's reference index."""
    ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(episode).values_list(
            "object_id", flat=True
        )
        if str(object_id).isdigit()
    }
    ids.discard(episode.pk)
    if not ids:
        return []
    return list(Page.objects.live().public().filter(pk__in=ids).specific().order_by("path"))


def data_saver_for(*, episode: EpisodePage) -> DataSaverAudio | None:
    if not episode.audio_file:
        return None
    return DataSaverAudio.objects.filter(source_name=episode.audio_file.name).first()


def playback_position_get(*, user, episode: EpisodePage) -> PlaybackPosition | None:
    return PlaybackPosition.objects.filter(user=user, episode=episode).first()


def podcast_for_navigation() -> PodcastIndexPage | None:
    """The podcast the navigation's "Listen" opens: the first live one in the active language,
    else the first live one at all."""
    from wagtail.models import Locale

    podcasts = PodcastIndexPage.objects.live().public().order_by("path")
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = None
    return (locale and podcasts.filter(locale=locale).first()) or podcasts.first()
