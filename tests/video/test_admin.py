"""Videos in the Wagtail admin: upload queues the conversion after commit, limits and bad
files get a clear message, the listing shows status and progress, retry, chooser, rights."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection

from video.models import Video

pytestmark = pytest.mark.django_db


def _upload(client, name="talk.mp4", content=b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, **data):
    root = Collection.get_first_root_node()
    return client.post(
        reverse("video:add"),
        {
            "title": data.get("title", "Pricing"),
            "collection": root.pk,
            "source": SimpleUploadedFile(name, content, content_type="video/mp4"),
        },
    )


def _ready_video(**fields) -> Video:
    defaults = {
        "title": "Ready one",
        "source": "videos/source/x/ready.mp4",
        "status": "ready",
        "progress": 100,
        "duration": 60,
        "hls_prefix": "videos/hls/1/1-abc",
        "poster": "videos/hls/1/1-abc/poster.jpg",
        "renditions": [
            {"name": "144p", "playlist": "144p/index.m3u8", "bandwidth": 145200, "height": 144},
            {"name": "360p", "playlist": "360p/index.m3u8", "bandwidth": 620400, "height": 360},
            {"name": "audio", "playlist": "audio/index.m3u8", "bandwidth": 35200, "height": None},
        ],
    }
    defaults.update(fields)
    return Video.objects.create(**defaults)


def _conversions(callbacks) -> list:
    """The after-commit callbacks that queue a conversion (others, such as the curriculum
    cache's renewal after any video change, are not the video app's)."""
    return [c for c in callbacks if c.__qualname__.startswith("video_queue")]


def test_upload_queues_the_conversion_after_commit(
    client, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks() as callbacks:
        response = _upload(client)
    assert response.status_code == 302, response.content.decode()[:2000]
    video = Video.objects.get()
    assert (video.title, video.status, video.attempt) == ("Pricing", "waiting", 1)
    assert video.uploaded_by_user == manager
    assert video.source.name.endswith("/talk.mp4")
    assert len(_conversions(callbacks)) == 1  # the task, sent only once the row is committed


def test_upload_refuses_big_and_unknown_files_with_a_message(client, manager, settings):
    client.force_login(manager)
    settings.VIDEO_MAX_UPLOAD_BYTES = 1000
    response = _upload(client, content=b"\x00" * 2000)
    assert response.status_code == 200
    assert "batasnya 0.0 MB" in response.content.decode()  # Indonesian: the admin default
    settings.VIDEO_MAX_UPLOAD_BYTES = 10_000
    response = _upload(client, name="slides.pdf")
    assert response.status_code == 200
    assert "Unggah berkas video atau audio" in response.content.decode()
    assert not Video.objects.exists()


def test_listing_shows_status_progress_and_reason(client, manager):
    Video.objects.create(title="Busy", source="v/a.mp4", status="processing", progress=42)
    Video.objects.create(
        title="Broken", source="v/b.mp4", status="failed", failure_reason="Not a video."
    )
    client.force_login(manager)
    html = client.get(reverse("video:index")).content.decode()
    assert 'value="42"' in html and "42%" in html
    assert "Not a video." in html
    assert reverse("video:retry", args=[Video.objects.get(title="Broken").pk]) in html

    busy = Video.objects.get(title="Busy")
    data = json.loads(client.get(reverse("video:status"), {"ids": str(busy.pk)}).content)
    assert data[str(busy.pk)]["progress"] == 42


def test_retry_requeues_and_keeps_the_current_ladder(
    client, manager, django_capture_on_commit_callbacks
):
    video = _ready_video()
    client.force_login(manager)
    assert client.get(reverse("video:retry", args=[video.pk])).status_code == 200
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("video:retry", args=[video.pk]))
    assert response.status_code == 302
    video.refresh_from_db()
    assert (video.status, video.attempt, len(_conversions(callbacks))) == ("waiting", 1, 1)
    assert video.is_playable  # the old ladder plays on until the new one is complete


def test_edit_page_shows_status_and_replacing_the_source_requeues(
    client, manager, django_capture_on_commit_callbacks
):
    video = _ready_video()
    client.force_login(manager)
    html = client.get(reverse("video:edit", args=[video.pk])).content.decode()
    assert "144p" in html and "145200" in html
    root = Collection.get_first_root_node()
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(
            reverse("video:edit", args=[video.pk]),
            {"title": "Renamed", "collection": root.pk},
        )
    video.refresh_from_db()
    assert (video.title, video.attempt, len(_conversions(callbacks))) == ("Renamed", 0, 0)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(
            reverse("video:edit", args=[video.pk]),
            {
                "title": "Renamed",
                "collection": root.pk,
                "source": SimpleUploadedFile("new.mp4", b"\x00" * 100),
            },
        )
    video.refresh_from_db()
    assert (video.status, video.attempt, len(_conversions(callbacks))) == ("waiting", 1, 1)


def test_chooser_lists_videos_with_a_collection_filter(client, manager):
    root = Collection.get_first_root_node()
    talks = root.add_child(name="Talks")
    _ready_video(title="In talks", collection=talks)
    _ready_video(title="At root")
    client.force_login(manager)
    response = client.get(reverse("video_chooser:choose"))
    html = json.loads(response.content)["html"]
    assert "In talks" in html and "At root" in html and "collection_id" in html
    response = client.get(reverse("video_chooser:choose_results"), {"collection_id": talks.pk})
    assert "In talks" in response.content.decode()
    assert "At root" not in response.content.decode()


def test_only_editors_with_rights_reach_the_video_admin(client, participant, facilitator):
    video = _ready_video()
    client.force_login(participant)
    assert client.get(reverse("video:index")).status_code in (302, 403)
    client.force_login(facilitator)  # may use the admin, but has no video rights
    assert client.get(reverse("video:index")).status_code in (302, 403)
    assert client.post(reverse("video:retry", args=[video.pk])).status_code in (302, 403, 404)
    video.refresh_from_db()
    assert video.attempt == 0


def test_lesson_editor_offers_the_video_block(client, demo_site, manager):
    from cms.models import LessonPage

    lesson = LessonPage.objects.filter(locale__language_code="id").first()
    client.force_login(manager)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "VideoChooser" in html or "video_chooser" in html


def test_status_needs_the_admin(client, participant):
    video = _ready_video()
    response = client.get(reverse("video:status"), {"ids": str(video.pk)})
    assert response.status_code == 302
    client.force_login(participant)
    response = client.get(reverse("video:status"), {"ids": str(video.pk)})
    assert response.status_code in (302, 403)


def test_deleting_a_video_deletes_its_files(django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    video = Video(title="Gone")
    video.source.save("gone.mp4", ContentFile(b"x" * 10), save=False)
    video.hls_prefix = "videos/hls/test-delete/1-abc"
    for name in ("master.m3u8", "144p/index.m3u8", "144p/seg_000.ts"):
        default_storage.save(f"{video.hls_prefix}/{name}", ContentFile(b"#EXTM3U"))
    video.save()
    with django_capture_on_commit_callbacks(execute=True):
        video.delete()
    assert not default_storage.exists(video.source.name)
    assert not default_storage.exists(f"{video.hls_prefix}/144p/seg_000.ts")
    assert not default_storage.exists(f"{video.hls_prefix}/master.m3u8")
