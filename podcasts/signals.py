"""Receivers of the podcasts app, connected in ``PodcastsConfig.ready()``.

Publishing an episode with an uploaded file queues its data-saver version (after commit, so
a rolled-back publish queues nothing). A saved episode is indexed for search as Wagtail would,
except inside a feed import's ``bulk_indexing`` (which indexes the batch afterwards).
"""

import logging
from functools import partial

from django.db import transaction
from modelsearch.signal_handlers import post_delete_signal_handler, post_save_signal_handler

from podcasts.models import DataSaverAudio, EpisodePage
from podcasts.services.indexing import indexing_deferred
from podcasts.tasks import make_data_saver_audio

logger = logging.getLogger(__name__)


def _queue(source_name: str, pending: set) -> None:
    pending.discard(source_name)
    # Checked at commit, not at publish: a loader that made it in the same transaction (the
    # demo) needs no task, and a worker should not encode it again to throw the copy away.
    if DataSaverAudio.objects.filter(source_name=source_name).exists():
        return
    try:
        make_data_saver_audio.delay(source_name)
    except Exception:  # the page is published; the broker being down must not undo that
        logger.exception("Could not queue the data-saver version of %s", source_name)


def queue_data_saver_on_publish(sender, instance: EpisodePage, **kwargs) -> None:
    name = instance.audio_file.name if instance.audio_file else ""
    if not name or DataSaverAudio.objects.filter(source_name=name).exists():
        return
    # An episode and its translation share the file: publishing both in one transaction
    # queues one task, not one per publish (two tasks at once would both run ffmpeg).
    pending = transaction.get_connection().__dict__.setdefault("_podcasts_saver_pending", set())
    if name in pending:
        return
    pending.add(name)
    transaction.on_commit(partial(_queue, name, pending))


def index_episode_on_save(sender, instance: EpisodePage, **kwargs) -> None:
    """Wagtail's search indexing of a saved episode, unless a batch indexes it afterwards
    (``EpisodePage.search_auto_update`` is off so that this receiver replaces Wagtail's)."""
    if not indexing_deferred():
        post_save_signal_handler(instance, **kwargs)


def unindex_episode_on_delete(sender, instance: EpisodePage, **kwargs) -> None:
    post_delete_signal_handler(instance, **kwargs)
