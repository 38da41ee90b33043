"""Hostile or broken values never make a podcast page answer 500: a feed item dated year 9999
is not imported as such, a row that already holds such a date still renders, and NUL bytes
in feed or audio URLs are a 404."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from podcasts import services
from podcasts.models import EpisodePage, FeedSource
from tests.podcasts.factories import make_episode, rss, standard_items
from tests.support.feed_server import Reply

pytestmark = pytest.mark.django_db

FAR = datetime(9999, 12, 31, 23, 0, tzinfo=UTC)


class TestDatesFromFeeds:
    @pytest.mark.parametrize(
        "pub", ["Fri, 31 Dec 9999 23:00:00 GMT", "Mon, 01 Jan 1900 00:00:00 GMT"]
    )
    def test_out_of_range_date_falls_back_to_the_import_time(
        self, client, podcast, feed_server, pub
    ):
        items = standard_items(2)
        items[0]["pub"] = pub
        feed_server.set("/feed.xml", Reply(body=rss(items)))
        source = FeedSource.objects.create(
            url=feed_server.url("/feed.xml"), index=podcast, publish_new=True
        )

        result = services.feed_source_import(source=source)

        assert result.created == 2, result.error
        odd = EpisodePage.objects.get(guid="guid-1")
        assert 2000 <= odd.published_at.year <= 2100
        assert EpisodePage.objects.get(guid="guid-2").published_at.year == 2025
        assert client.get(podcast.url).status_code == 200
        assert client.get(odd.url).status_code == 200
        assert client.get(podcast.feed_url).status_code == 200

    def test_reimport_of_the_same_bad_date_changes_nothing(self, podcast, feed_server):
        items = standard_items(1)
        items[0]["pub"] = "Fri, 31 Dec 9999 23:00:00 GMT"
        feed_server.set("/feed.xml", Reply(body=rss(items)))
        source = FeedSource.objects.create(url=feed_server.url("/feed.xml"), index=podcast)
        services.feed_source_import(source=source)
        result = services.feed_source_import(source=source)
        assert (result.created, result.updated, result.unchanged) == (0, 0, 1)


class TestExistingBadRows:
    def test_an_import_repairs_a_stored_bad_date(self, podcast, feed_server):
        items = standard_items(1)
        feed_server.set("/feed.xml", Reply(body=rss(items)))
        source = FeedSource.objects.create(
            url=feed_server.url("/feed.xml"), index=podcast, publish_new=True
        )
        services.feed_source_import(source=source)
        EpisodePage.objects.filter(guid="guid-1").update(published_at=FAR)
        items[0].update(title="Judul baru", pub="Fri, 31 Dec 9999 23:00:00 GMT")
        feed_server.set("/feed.xml", Reply(body=rss(items)))

        result = services.feed_source_import(source=source)

        assert result.updated == 1, result.error
        episode = EpisodePage.objects.get(guid="guid-1")
        assert episode.title == "Judul baru"
        assert 2000 <= episode.published_at.year <= 2100

    @pytest.fixture
    def far_episode(self, podcast):
        episode = make_episode(podcast, title="Dari masa depan")
        EpisodePage.objects.filter(pk=episode.pk).update(published_at=FAR)
        return episode

    def test_pages_and_feed_still_render(self, client, podcast, far_episode):
        index = client.get(podcast.url)
        assert index.status_code == 200
        assert "Dari masa depan" in index.content.decode()
        assert client.get(far_episode.url).status_code == 200
        feed = client.get(podcast.feed_url)
        assert feed.status_code == 200
        assert b"9999" not in feed.content

    def test_the_admin_refuses_such_a_date(self, podcast):
        episode = make_episode(podcast)
        episode.published_at = FAR
        with pytest.raises(ValidationError) as error:
            episode.full_clean()
        assert "published_at" in error.value.message_dict


class TestNulBytes:
    @pytest.mark.parametrize(
        "url",
        [
            "/podcasts/%00/feed.xml",
            "/podcasts/podcast-uji/%00/feed.xml",
            "/podcasts/podcast-uji%00/id/feed.xml",
            "/podcasts/audio/1.mp3%00",
        ],
    )
    def test_is_a_404(self, client, podcast, url):
        make_episode(podcast)
        assert client.get(url).status_code == 404

    def test_unknown_audio_extension_is_a_404(self, client, podcast):
        episode = make_episode(podcast)
        assert client.get(f"/podcasts/audio/{episode.pk}.exe").status_code == 404
        assert client.get(f"/podcasts/audio/{episode.pk}.mp3").status_code == 302
