"""Feed imports against a real HTTP server on 127.0.0.1: each case ends in the right episodes
or in a clear error recorded on the feed source, with nothing changed."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from podcasts import services
from podcasts.models import EpisodePage, FeedSource, FeedStatus
from podcasts.services import importing
from tests.podcasts.factories import make_episode, rss, standard_items
from tests.support.feed_server import Reply

pytestmark = pytest.mark.django_db


def _source(podcast, url: str, **fields) -> FeedSource:
    return FeedSource.objects.create(url=url, index=podcast, **fields)


def _import(source: FeedSource):
    result = services.feed_source_import(source=source)
    source.refresh_from_db()
    return result


def _episodes(podcast):
    return list(EpisodePage.objects.child_of(podcast).order_by("guid"))


def _writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "podcasts_feedsource" not in q["sql"]
    ]


def _snapshot(podcast):
    return [
        (e.pk, e.guid, e.title, e.audio_url, e.audio_size, e.duration, e.show_notes, e.live)
        for e in _episodes(podcast)
    ]


class TestNormalFeed:
    def test_imports_every_episode_as_draft(self, podcast, feed_server):
        feed_server.set("/feed.xml", Reply(body=rss(standard_items(3))))
        source = _source(podcast, feed_server.url("/feed.xml"))

        result = _import(source)

        assert (result.status, result.created, result.updated) == (FeedStatus.IMPORTED, 3, 0)
        episodes = _episodes(podcast)
        assert [e.guid for e in episodes] == ["guid-1", "guid-2", "guid-3"]
        first = episodes[0]
        assert first.title == "Episode impor 1"
        assert first.audio_url == "https://cdn.example.org/impor-1.mp3"
        assert (first.audio_size, first.audio_type, first.duration) == (1001, "audio/mpeg", 90)
        assert first.published_at.isoformat() == "2025-09-01T08:00:00+00:00"
        assert first.show_notes == "<p>Catatan episode 1</p>"
        assert first.source == source
        assert not any(e.live for e in episodes), "new episodes wait as drafts by default"
        assert source.last_status == FeedStatus.IMPORTED
        assert source.last_error == ""
        assert "3 new" in source.last_result
        assert source.last_fetched_at is not None
        # the page tree stays consistent (paths, depth, child counts, url paths)
        podcast.refresh_from_db()
        assert podcast.numchild == 3
        assert all(not problems for problems in Page.find_problems())
        assert [e.url_path for e in episodes] == [f"{podcast.url_path}{e.slug}/" for e in episodes]
        make_episode(podcast, title="Dibuat editor")  # the tree still takes new children
        assert EpisodePage.objects.child_of(podcast).count() == 4

    def test_publish_new_publishes(self, podcast, feed_server):
        feed_server.set("/feed.xml", Reply(body=rss(standard_items(2))))
        source = _source(podcast, feed_server.url("/feed.xml"), publish_new=True)
        _import(source)
        assert all(e.live for e in _episodes(podcast))
        assert EpisodePage.objects.live().child_of(podcast).count() == 2

    def test_reimport_changes_nothing(self, podcast, feed_server):
        feed_server.set("/feed.xml", Reply(body=rss(standard_items(3))))
        source = _source(podcast, feed_server.url("/feed.xml"))
        _import(source)
        before = _snapshot(podcast)

        with CaptureQueriesContext(connection) as queries:
            result = _import(source)

        assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
        assert _writes(queries.captured_queries) == []
        assert _snapshot(podcast) == before

    def test_changed_episode_is_updated_not_duplicated(self, podcast, feed_server):
        items = standard_items(3)
        feed_server.set("/feed.xml", Reply(body=rss(items)))
        source = _source(podcast, feed_server.url("/feed.xml"))
        _import(source)
        pk = _episodes(podcast)[1].pk

        items[1]["title"] = "Judul baru"
        items[1]["length"] = 99999
        feed_server.set("/feed.xml", Reply(body=rss(items)))
        result = _import(source)

        assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
        changed = EpisodePage.objects.get(pk=pk)
        assert (changed.title, changed.audio_size, changed.guid) == ("Judul baru", 99999, "guid-2")
        assert EpisodePage.objects.child_of(podcast).count() == 3


class TestOnlyThisSourcesEpisodes:
    """An import may only ever touch episodes that came from that same feed source."""

    def test_a_feed_reusing_an_editors_guid_cannot_overwrite_it(self, podcast, feed_server):
        editors = make_episode(podcast, title="Dibuat editor", summary="Asli")
        editors.save_revision().publish()
        revisions, audio = editors.revisions.count(), editors.audio_url
        hostile = {
            **standard_items(1)[0],
            "guid": editors.guid,  # our own feed publishes it
            "title": "Diambil alih",
            "url": "https://evil.example/audio.mp3",
        }
        feed_server.set("/feed.xml", Reply(body=rss([hostile, *standard_items(3)[1:]])))
        source = _source(podcast, feed_server.url("/feed.xml"), publish_new=True)

        result = _import(source)

        assert (result.created, result.updated, result.refused) == (2, 0, 1)
        assert "1 refused" in source.last_result
        editors = EpisodePage.objects.get(pk=editors.pk)
        assert (editors.title, editors.audio_url, editors.live) == ("Dibuat editor", audio, True)
        assert editors.source is None
        assert editors.revisions.count() == revisions
        assert EpisodePage.objects.filter(guid=editors.guid).count() == 1
        assert not EpisodePage.objects.filter(audio_url="https://evil.example/audio.mp3").exists()

    def test_another_sources_episode_is_not_touched(self, podcast, feed_server):
        feed_server.set("/a.xml", Reply(body=rss(standard_items(2))))
        first = _source(podcast, feed_server.url("/a.xml"))
        _import(first)
        before = _snapshot(podcast)
        copied = [{**item, "title": "Salinan"} for item in standard_items(2)]
        feed_server.set("/b.xml", Reply(body=rss(copied)))
        second = _source(podcast, feed_server.url("/b.xml"))

        result = _import(second)

        assert (result.created, result.updated, result.refused) == (0, 0, 2)
        assert _snapshot(podcast) == before
        assert {e.source_id for e in _episodes(podcast)} == {first.pk}

    def test_a_feed_change_to_a_live_episode_is_kept_as_a_revision(self, podcast, feed_server):
        items = standard_items(2)
        feed_server.set("/feed.xml", Reply(body=rss(items)))
        source = _source(podcast, feed_server.url("/feed.xml"), publish_new=True)
        _import(source)
        episode = EpisodePage.objects.get(guid="guid-1")

        items[0]["title"] = "Judul dari feed"
        feed_server.set("/feed.xml", Reply(body=rss(items)))
        result = _import(source)

        assert result.updated == 1
        episode.refresh_from_db()
        assert (episode.title, episode.live, episode.has_unpublished_changes) == (
            "Judul dari feed",
            True,
            False,
        )
        assert episode.live_revision is not None
        assert episode.live_revision.as_object().title == "Judul dari feed"
        assert all(not problems for problems in Page.find_problems())


class TestConditionalGet:
    def test_unchanged_feed_costs_a_304_and_no_writes(self, podcast, feed_server):
        stamp = "Mon, 01 Sep 2025 08:00:00 GMT"
        feed_server.set(
            "/feed.xml", Reply(body=rss(standard_items(2)), etag='"v1"', last_modified=stamp)
        )
        source = _source(podcast, feed_server.url("/feed.xml"))
        _import(source)
        assert (source.etag, source.last_modified) == ('"v1"', stamp)
        before = _snapshot(podcast)

        with CaptureQueriesContext(connection) as queries:
            result = _import(source)

        sent = feed_server.requests[-1].headers
        assert sent["If-None-Match"] == '"v1"'
        assert sent["If-Modified-Since"] == stamp
        assert result.status == FeedStatus.NOT_MODIFIED
        assert source.last_status == FeedStatus.NOT_MODIFIED
        assert _writes(queries.captured_queries) == []
        assert _snapshot(podcast) == before


class TestMatching:
    def test_feed_without_guids_matches_by_enclosure_url(self, podcast, feed_server):
        items = [{**item, "guid": ""} for item in standard_items(3)]
        feed_server.set("/feed.xml", Reply(body=rss(items)))
        source = _source(podcast, feed_server.url("/feed.xml"))
        _import(source)
        episodes = _episodes(podcast)
        assert {e.guid for e in episodes} == {i["url"] for i in items}

        items[0]["title"] = "Diubah"
        feed_server.set("/feed.xml", Reply(body=rss(items)))
        result = _import(source)

        assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
        assert EpisodePage.objects.child_of(podcast).count() == 3

    def test_items_without_audio_are_skipped(self, podcast, feed_server):
        items = standard_items(2)
        items.append({"title": "Hanya teks", "guid": "text-only"})
        feed_server.set("/feed.xml", Reply(body=rss(items)))
        result = _import(_source(podcast, feed_server.url("/feed.xml")))
        assert (result.created, result.skipped) == (2, 1)


class TestOddValues:
    def test_odd_numbers_and_dates_do_not_break_the_import(self, podcast, feed_server):
        items = standard_items(2)
        items[0].update(length="99999999999999999999999", duration="abc", pub="kemarin sore")
        items[1].update(length="-5", duration="1:02:03")
        extra = '<item><title>Musim aneh</title><guid isPermaLink="false">odd</guid>'
        extra += '<enclosure url="https://cdn.example.org/odd.mp3" length="1" type="audio/mpeg"/>'
        extra += "<itunes:season>99999999999</itunes:season><itunes:episode>-1</itunes:episode>"
        extra += "</item>"
        feed_server.set("/feed.xml", Reply(body=rss(items, extra=extra)))
        result = _import(_source(podcast, feed_server.url("/feed.xml")))

        assert result.created == 3, result.error
        by_guid = {e.guid: e for e in _episodes(podcast)}
        assert by_guid["guid-1"].audio_size is None
        assert by_guid["guid-1"].duration is None
        assert by_guid["guid-1"].published_at is not None  # falls back to the import time
        assert by_guid["guid-2"].audio_size is None
        assert by_guid["guid-2"].duration == 3723
        assert (by_guid["odd"].season_number, by_guid["odd"].episode_number) == (None, None)


class TestBadUrls:
    def test_entries_with_unusable_audio_urls_are_skipped(self, podcast, feed_server):
        items = standard_items(3)
        items[0]["url"] = "https://cdn example org/x.mp3"
        items[1]["url"] = "https://" + "a" * 990 + ".org/x.mp3"
        items[2]["url"] = "https://cdn.example.org/dengan spasi/é.mp3"
        feed_server.set("/feed.xml", Reply(body=rss(items)))
        result = _import(_source(podcast, feed_server.url("/feed.xml")))
        assert (result.created, result.skipped) == (1, 2), result.error
        (episode,) = _episodes(podcast)
        assert episode.audio_url == "https://cdn.example.org/dengan%20spasi/%C3%A9.mp3"


class TestContent:
    def test_html_is_sanitised(self, podcast, feed_server):
        evil = (
            '<p onclick="steal()">Halo <script>alert(1)</script><b>tebal</b></p>'
            '<img src="x" onerror="steal()"><a href="javascript:steal()">klik</a>'
            '<a href="https://example.org/ok" onmouseover="steal()">baik</a>'
            '<iframe src="https://evil.example"></iframe><style>body{}</style>'
        )
        item = {**standard_items(1)[0], "content": evil, "title": "<b>Judul</b> & <i>lagi</i>"}
        feed_server.set("/feed.xml", Reply(body=rss([item])))
        _import(_source(podcast, feed_server.url("/feed.xml")))

        episode = _episodes(podcast)[0]
        notes = episode.show_notes.lower()
        for bad in (
            "<script",
            "alert(",
            "onclick",
            "onerror",
            "onmouseover",
            "javascript:",
            "<iframe",
            "<style",
            "<img",
        ):
            assert bad not in notes, bad
        assert "<b>tebal</b>" in notes
        assert 'href="https://example.org/ok"' in notes
        assert episode.title == "Judul & lagi"

    def test_relative_urls_are_resolved(self, podcast, feed_server):
        item = {
            **standard_items(1)[0],
            "url": "audio/ep1.mp3",
            "content": '<p><a href="/tentang">Tentang</a> <a href="lain.html">lain</a></p>',
        }
        feed_server.set("/shows/feed.xml", Reply(body=rss([item])))
        _import(_source(podcast, feed_server.url("/shows/feed.xml")))

        episode = _episodes(podcast)[0]
        assert episode.audio_url == feed_server.url("/shows/audio/ep1.mp3")
        assert f'href="{feed_server.url("/tentang")}"' in episode.show_notes
        assert f'href="{feed_server.url("/shows/lain.html")}"' in episode.show_notes

    def test_redirect_is_followed(self, podcast, feed_server):
        feed_server.redirect("/old.xml", "/new/feed.xml")
        item = {**standard_items(1)[0], "url": "ep.mp3"}
        feed_server.set("/new/feed.xml", Reply(body=rss([item]), etag='"r1"'))
        source = _source(podcast, feed_server.url("/old.xml"))

        result = _import(source)

        assert result.created == 1
        assert [r.path for r in feed_server.requests] == ["/old.xml", "/new/feed.xml"]
        # relative links resolve against where the feed really is
        assert _episodes(podcast)[0].audio_url == feed_server.url("/new/ep.mp3")
        assert source.etag == '"r1"'


class TestFailuresChangeNothing:
    """Every failing import leaves the episodes as they were and records a clear error."""

    @pytest.fixture
    def imported(self, podcast, feed_server):
        feed_server.set("/feed.xml", Reply(body=rss(standard_items(2))))
        source = _source(podcast, feed_server.url("/feed.xml"))
        _import(source)
        return source, _snapshot(podcast)

    def _fails(self, podcast, source, before, message: str):
        result = _import(source)
        assert result.status == FeedStatus.ERROR
        assert source.last_status == FeedStatus.ERROR
        assert message in source.last_error, source.last_error
        assert _snapshot(podcast) == before
        return result

    def test_timeout(self, podcast, feed_server, imported, settings):
        settings.PODCASTS_FEED_TIMEOUT = 0.5
        source, before = imported
        feed_server.set("/feed.xml", Reply(body=rss(standard_items(5)), delay=2))
        self._fails(podcast, source, before, "did not answer within")

    def test_headers_dripped_one_byte_at_a_time(self, podcast, feed_server, imported, settings):
        # Each byte comes well inside the 1 s read timeout; the whole fetch may take 3 s.
        settings.PODCASTS_FEED_TIMEOUT = 1
        source, before = imported
        feed_server.set("/feed.xml", Reply(body=rss(standard_items(5)), drip=0.2))
        started = time.monotonic()
        self._fails(podcast, source, before, "response headers were not complete after 3 seconds")
        # Not a timing target: the dripped headers alone would take more than 15 minutes.
        assert time.monotonic() - started < 10

    def test_20_mb_response_with_length(self, podcast, feed_server, imported):
        source, before = imported
        feed_server.set("/feed.xml", Reply(stream_size=20 * 1024 * 1024))
        self._fails(podcast, source, before, "larger than 10 MB")

    def test_20_mb_response_streamed_without_length(self, podcast, feed_server, imported):
        source, before = imported
        feed_server.set("/feed.xml", Reply(stream_size=20 * 1024 * 1024, declare_length=False))
        self._fails(podcast, source, before, "larger than 10 MB")

    def test_invalid_xml(self, podcast, feed_server, imported):
        source, before = imported
        broken = rss(standard_items(4)).replace(b"</item>", b"", 1)
        feed_server.set("/feed.xml", Reply(body=broken))
        self._fails(podcast, source, before, "not well-formed XML")

    def test_html_page_instead_of_feed(self, podcast, feed_server, imported):
        source, before = imported
        page = b"<!DOCTYPE html><html><head><title>Hai</title></head><body><p>Hai</p></body></html>"
        feed_server.set("/feed.xml", Reply(body=page, content_type="text/html"))
        self._fails(podcast, source, before, "web page (HTML), not a podcast feed")

    def test_not_found(self, podcast, feed_server, imported):
        source, before = imported
        del feed_server.routes["/feed.xml"]
        self._fails(podcast, source, before, "answered 404")

    def test_unreachable(self, podcast, imported):
        source, before = imported
        source.url = "http://127.0.0.1:9/feed.xml"  # discard port: nothing listens
        source.save()
        self._fails(podcast, source, before, "could not be fetched")

    @pytest.mark.parametrize("url", ["ftp://example.org/feed.xml", "file:///etc/passwd"])
    def test_only_http_and_https(self, podcast, imported, url):
        source, before = imported
        FeedSource.objects.filter(pk=source.pk).update(url=url)
        source.refresh_from_db()
        self._fails(podcast, source, before, "Only http:// and https://")

    @pytest.mark.parametrize(
        "url", ["{server}/feed.xml", "http://169.254.169.254/latest/meta-data/", "http://[::1]/"]
    )
    def test_private_networks_are_refused(self, podcast, feed_server, imported, settings, url):
        settings.PODCASTS_FEED_ALLOW_PRIVATE = False
        source, before = imported
        FeedSource.objects.filter(pk=source.pk).update(url=url.format(server=feed_server.base_url))
        source.refresh_from_db()
        requests = len(feed_server.requests)
        self._fails(podcast, source, before, "points into a private network")
        assert len(feed_server.requests) == requests, "nothing was sent"

    def test_failure_midway_rolls_back_the_whole_import(
        self, podcast, feed_server, imported, monkeypatch
    ):
        source, before = imported
        feed_server.set("/feed.xml", Reply(body=rss(standard_items(6))))
        calls = {"n": 0}
        real = importing._unique_slug

        def flaky(title, taken):
            calls["n"] += 1
            if calls["n"] == 3:
                raise RuntimeError("disk full")
            return real(title, taken)

        monkeypatch.setattr(importing, "_unique_slug", flaky)
        self._fails(podcast, source, before, "disk full")
        assert calls["n"] == 3, "two episodes were created before the failure and rolled back"


class TestManyNewEpisodes:
    """New episodes are added in one pass: a fixed number of queries each, a sound page tree,
    their creation in the history, and search and reference indexing for the batch after
    commit."""

    def test_queries_per_new_episode_stay_within_budget(self, podcast, feed_server):
        feed_server.set("/feed.xml", Reply(body=rss(standard_items(40))))
        source = _source(podcast, feed_server.url("/feed.xml"))

        with CaptureQueriesContext(connection) as queries:
            result = _import(source)

        assert result.created == 40
        per_episode = (len(queries) - 10) / 40  # fetch bookkeeping and the sync's own reads
        assert per_episode <= 8, f"{per_episode:.1f} queries per new episode (budget 8)"

    def test_tree_is_sound_after_imports_beside_an_editors_episode(self, podcast, feed_server):
        make_episode(podcast, title="Written by an editor", guid="editor-1")
        feed_server.set("/feed.xml", Reply(body=rss(standard_items(3))))
        source = _source(podcast, feed_server.url("/feed.xml"))
        _import(source)
        feed_server.set("/feed.xml", Reply(body=rss(standard_items(5))))
        _import(source)

        assert Page.find_problems() == ([], [], [], [], [])
        podcast.refresh_from_db()
        children = list(Page.objects.child_of(podcast).order_by("path"))
        assert podcast.numchild == len(children) == 6
        assert children[0].title == "Written by an editor"
        for child in children:
            assert child.url_path == f"{podcast.url_path}{child.slug}/"
            assert child.get_parent().pk == podcast.pk
        # the editor's page stays live; imported ones are drafts unless the source publishes
        assert [p.title for p in podcast.get_children().live()] == ["Written by an editor"]

    def test_creation_is_in_each_episodes_history(self, podcast, feed_server):
        from wagtail.models import PageLogEntry

        feed_server.set("/feed.xml", Reply(body=rss(standard_items(3))))
        _import(_source(podcast, feed_server.url("/feed.xml")))

        for episode in _episodes(podcast):
            entry = PageLogEntry.objects.get(page=episode, action="wagtail.create")
            assert entry.label == episode.title

    def test_new_episodes_are_found_by_search_once_indexed(
        self, podcast, feed_server, django_capture_on_commit_callbacks, settings
    ):
        settings.CELERY_TASK_ALWAYS_EAGER = True
        from cms.celery import app

        app.conf.task_always_eager = True
        try:
            items = standard_items(2)
            items[0]["title"] = "Menjual keripik lewat WhatsApp"
            feed_server.set("/feed.xml", Reply(body=rss(items)))
            source = _source(podcast, feed_server.url("/feed.xml"))
            with django_capture_on_commit_callbacks(execute=False) as callbacks:
                _import(source)
            assert not EpisodePage.objects.search("keripik"), "not indexed before commit"
            for callback in callbacks:
                callback()
        finally:
            app.conf.task_always_eager = False
        found = list(EpisodePage.objects.search("keripik"))
        assert [episode.title for episode in found] == ["Menjual keripik lewat WhatsApp"]

    def test_an_editors_save_is_still_indexed_at_once(self, podcast):
        episode = make_episode(podcast, title="Label halal untuk sambal", guid="editor-2")
        assert [e.pk for e in EpisodePage.objects.search("sambal")] == [episode.pk]
