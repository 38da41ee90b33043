"""Feed sources in the Wagtail admin: state and errors shown, import now offered."""

import pytest

from podcasts.models import FeedSource, FeedStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, manager):
    manager.is_superuser = True
    manager.save()
    client.force_login(manager)
    return client


def test_listing_shows_state_and_error(staff_client, podcast):
    source = FeedSource.objects.create(
        url="https://feeds.example.org/rusak.xml",
        index=podcast,
        last_status=FeedStatus.ERROR,
        last_error="The feed is not well-formed XML (line 3: mismatched tag).",
    )
    html = staff_client.get("/admin/podcasts/feed-sources/").content.decode()
    assert source.url in html
    assert "not well-formed XML (line 3: mismatched tag)" in html
    assert f"/admin/podcasts/feed-sources/import/{source.pk}/" in html


def test_edit_view_shows_state_read_only(staff_client, podcast):
    source = FeedSource.objects.create(
        url="https://feeds.example.org/a.xml", index=podcast, etag='"v9"'
    )
    response = staff_client.get(f"/admin/podcasts/feed-sources/edit/{source.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '"v9"' in html or "&quot;v9&quot;" in html
    assert "Import now" in html or "Impor sekarang" in html
    # state fields are not editable: posting them changes nothing
    staff_client.post(
        f"/admin/podcasts/feed-sources/edit/{source.pk}/",
        {"url": source.url, "index": podcast.pk, "etag": "forged", "last_error": "x"},
    )
    source.refresh_from_db()
    assert (source.etag, source.last_error) == ('"v9"', "")


def test_participants_cannot_import(client, participant, podcast, monkeypatch):
    from podcasts import tasks

    queued = []
    monkeypatch.setattr(tasks.import_feed_source, "delay", queued.append)
    source = FeedSource.objects.create(url="https://feeds.example.org/a.xml", index=podcast)
    client.force_login(participant)
    response = client.post(f"/admin/podcasts/feed-sources/import/{source.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert queued == []


def test_import_now_queues_after_commit(
    staff_client, podcast, monkeypatch, django_capture_on_commit_callbacks
):
    from podcasts import tasks

    queued = []
    monkeypatch.setattr(tasks.import_feed_source, "delay", queued.append)
    source = FeedSource.objects.create(url="https://feeds.example.org/a.xml", index=podcast)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"/admin/podcasts/feed-sources/import/{source.pk}/")
    assert queued == [source.pk]


def test_page_editors_render(staff_client, podcast):
    from tests.podcasts.factories import make_episode

    episode = make_episode(podcast)
    home = podcast.get_parent()
    for url in (
        f"/admin/pages/add/podcasts/podcastindexpage/{home.pk}/",
        f"/admin/pages/add/podcasts/episodepage/{podcast.pk}/",
        f"/admin/pages/{episode.pk}/edit/",
        f"/admin/pages/{podcast.pk}/edit/",
        "/admin/podcasts/feed-sources/new/",
    ):
        response = staff_client.get(url)
        assert response.status_code == 200, url
    html = staff_client.get(f"/admin/pages/add/podcasts/episodepage/{podcast.pk}/").content
    assert b'enctype="multipart/form-data"' in html
    assert b'name="audio_file"' in html


def test_preview_of_a_draft_episode(podcast, media_root):
    from tests.podcasts.factories import make_episode, mp3_bytes

    episode = make_episode(podcast, upload=mp3_bytes(2), live=False)
    response = episode.make_preview_request()
    assert response.status_code == 200
    assert f'src="/podcasts/audio/{episode.pk}.mp3"'.encode() in response.content
