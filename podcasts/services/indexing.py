"""Search and reference indexing of episodes, a batch at a time.

Wagtail indexes a page for search and records its references once per saved page, each a few
queries; a feed import that adds 1,000 episodes would spend most of its time there. Inside
``bulk_indexing()`` saves of episodes skip both, and the caller indexes the batch afterwards
with ``episodes_index`` (the import queues it in the worker, after commit). Everywhere else
episodes are indexed on save as any page is (``podcasts.signals``).
"""

from collections.abc import Iterable
from contextlib import contextmanager

from asgiref.local import Local
from modelsearch.backends import get_search_backends_with_name
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from podcasts.models import EpisodePage

_deferred = Local()


@contextmanager
def bulk_indexing():
    """Episodes saved inside are not indexed one by one; index them with ``episodes_index``."""
    _deferred.value = True
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        del _deferred.value


def indexing_deferred() -> bool:
    return getattr(_deferred, "value", False)


def episodes_index(pks: Iterable[int]) -> int:
    """Index these episodes for search and record their references. Safe to run twice."""
    episodes = list(EpisodePage.objects.filter(pk__in=list(pks)))
    if not episodes:
        return 0
    for _name, backend in get_search_backends_with_name(with_auto_update=True):
        backend.add_bulk(EpisodePage, episodes)
    for episode in episodes:
        ReferenceIndex.create_or_update_for_object(episode)
    return len(episodes)
