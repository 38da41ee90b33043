"""Operations of the podcasts app, one subject a module: fetching and parsing feeds, importing
them into episode pages, data-saver audio, listening positions.

The public names are re-exported here, so callers keep writing ``from podcasts.services import X``.
"""

from podcasts.services.data_saver import data_saver_make
from podcasts.services.fetching import MAX_FEED_BYTES, FeedError, FetchedFeed, feed_fetch
from podcasts.services.importing import ImportResult, feed_source_import, feed_sources_import_all
from podcasts.services.indexing import bulk_indexing, episodes_index
from podcasts.services.listening import playback_position_save
from podcasts.services.parsing import EntryData, feed_entry_read, feed_parse

__all__ = [
    "MAX_FEED_BYTES",
    "EntryData",
    "FeedError",
    "FetchedFeed",
    "ImportResult",
    "bulk_indexing",
    "data_saver_make",
    "episodes_index",
    "feed_entry_read",
    "feed_fetch",
    "feed_parse",
    "feed_source_import",
    "feed_sources_import_all",
    "playback_position_save",
]
