"""Benchmark: import a generated 1,000-episode feed from a server on 127.0.0.1, then import it
again unchanged (served without validators, so it is fetched and parsed in full), then once
more with an ETag (a 304). Prints time and queries of each beside the target.

    scripts/test.sh tests/bench/bench_podcasts_import.py -s
"""

import os
import re
import time
from collections import Counter

import pytest
from django.db import connection

from podcasts import services
from podcasts.models import EpisodePage, FeedSource
from tests.podcasts.factories import make_podcast, rss
from tests.support.feed_server import FeedServer, Reply

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

EPISODES = 1000
# Targets: a first import well inside the hourly job's slot; a re-import that writes nothing
# and costs a handful of queries whatever the feed's size.
TARGETS = {
    "first import": "< 10 s, <= 8 queries per episode",
    "indexing the batch (worker)": "after commit, off the import",
    "unchanged re-import (200)": "< 5 s, 0 writes",
    "unchanged re-import (304)": "< 1 s, 0 writes",
}


def _items(count: int) -> list[dict]:
    return [
        {
            "title": f"Episode {n}: cerita usaha nomor {n}",
            "guid": f"bench-{n}",
            "url": f"https://cdn.example.org/bench/{n}.mp3",
            "length": 1_000_000 + n,
            "duration": f"{n % 60:02d}:{n % 60:02d}",
            "pub": "Mon, 01 Sep 2025 08:00:00 GMT",
            "content": f"<p>Catatan <b>episode</b> {n} dengan <a href='/tautan/{n}'>tautan</a></p>",
        }
        for n in range(1, count + 1)
    ]


class QueryCounter:
    """Counts every query (CaptureQueriesContext keeps only the last 9,000)."""

    def __init__(self):
        self.total = 0
        self.writes = 0
        self.by_table: Counter = Counter()

    def __call__(self, execute, sql, params, many, context):
        self.total += 1
        verb = sql.lstrip().split(" ", 1)[0].upper()
        if verb in ("INSERT", "UPDATE", "DELETE") and "podcasts_feedsource" not in sql:
            self.writes += 1
        table = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)', sql)
        self.by_table[f"{verb} {table.group(1) if table else '?'}"] += 1
        return execute(sql, params, many, context)


def _run(source):
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        result = services.feed_source_import(source=source)
        elapsed = time.perf_counter() - started
    source.refresh_from_db()
    if os.environ.get("BENCH_VERBOSE"):
        print(counter.by_table.most_common(25))
    return result, elapsed, counter.total, counter.writes


def test_import_1000_episodes(settings):
    settings.PODCASTS_FEED_TIMEOUT = 30
    settings.PODCASTS_FEED_ALLOW_PRIVATE = True  # the feed server is on 127.0.0.1
    body = rss(_items(EPISODES))
    podcast = make_podcast()
    rows = []
    with FeedServer() as server:
        server.set("/feed.xml", Reply(body=body))
        source = FeedSource.objects.create(url=server.url("/feed.xml"), index=podcast)

        result, elapsed, queries, writes = _run(source)
        assert result.created == EPISODES, source.last_error
        rows.append(("first import", elapsed, queries, writes))
        first_per_episode = queries / EPISODES

        # What the import queues for the worker after commit: search and reference indexing.
        pks = list(EpisodePage.objects.child_of(podcast).values_list("pk", flat=True))
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            services.episodes_index(pks)
            rows.append(
                ("indexing the batch (worker)", time.perf_counter() - started, counter.total, 0)
            )

        result, elapsed, queries, writes = _run(source)
        assert (result.created, result.updated, result.unchanged) == (0, 0, EPISODES)
        assert writes == 0
        rows.append(("unchanged re-import (200)", elapsed, queries, writes))

        server.set("/feed.xml", Reply(body=body, etag='"bench"'))
        _run(source)  # learns the ETag
        result, elapsed, queries, writes = _run(source)
        assert result.status == "not_modified"
        rows.append(("unchanged re-import (304)", elapsed, queries, writes))

    assert EpisodePage.objects.child_of(podcast).count() == EPISODES
    print(f"\nPodcast feed import, {EPISODES} episodes, feed {len(body) / 1024:.0f} KiB")
    print(f"{'case':<30}{'time':>10}{'queries':>10}{'writes':>8}  target")
    for name, elapsed, queries, writes in rows:
        print(f"{name:<30}{elapsed:>9.2f}s{queries:>10}{writes:>8}  {TARGETS[name]}")
    print(f"queries per new episode: {first_per_episode:.1f} (target <= 8)")
    assert first_per_episode <= 8
