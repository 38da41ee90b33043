"""Celery tasks of the podcasts app: thin wrappers around services, safe to run twice."""

from celery import shared_task

from podcasts import services
from podcasts.models import FeedSource


@shared_task(ignore_result=True)
def import_feed_source(source_id: int) -> str:
    """Import one feed source ("import now" in the admin)."""
    source = FeedSource.objects.filter(pk=source_id).first()
    if source is None:
        return "gone"
    return services.feed_source_import(source=source).status


@shared_task(ignore_result=True)
def import_all_feeds() -> int:
    """The hourly job: import every feed source (an unchanged feed costs a 304)."""
    return len(services.feed_sources_import_all())


@shared_task(ignore_result=True, acks_late=True)
def index_episodes(pks: list[int]) -> int:
    """Search and reference indexing of a batch of imported episodes."""
    return services.episodes_index(pks)


@shared_task(ignore_result=True, acks_late=True)
def make_data_saver_audio(source_name: str) -> str:
    """Make the mono ≤48 kbps MP3 of an uploaded audio file with ffmpeg."""
    saver = services.data_saver_make(source_name=source_name)
    return saver.file.name if saver else ""
