"""The installable app's addresses: the manifest, the worker at the root and its headers, the
offline page, the Saved page, the page person header, and the pack "save for offline" gets
(who may have it, what is in it, and that its sizes are the real ones)."""

import gzip
import json

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cms.pwa.views import worker_body
from tests.support.offline import build_offline_module

WORKER_GZIP_BUDGET = 15_000


@pytest.fixture
def offline_module(media_root, db):
    return build_offline_module()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_manifest_in_each_language(client, db):
    response = client.get("/id/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    data = json.loads(response.content)
    assert data["lang"] == "id" and data["start_url"] == "/id/" and data["scope"] == "/"
    assert data["display"] == "standalone" and data["short_name"] == "Berdaya"
    assert data["theme_color"] == "#0b6e5d" and data["background_color"]
    sizes = {(icon["sizes"], icon["purpose"]) for icon in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    english = json.loads(client.get("/en/manifest.webmanifest").content)
    assert english["start_url"] == "/en/" and english["lang"] == "en"


def test_every_page_links_the_manifest_and_registers_the_worker(client, db):
    html = client.get("/id/accounts/login/").content.decode()
    assert '<link rel="manifest" href="/id/manifest.webmanifest">' in html
    assert 'src="/static/cms/pwa.js" defer' in html and 'name="theme-color"' in html


def test_worker_is_served_at_the_root_without_caching(client, db, settings):
    settings.PWA_WORKER_IMPORTS = ["cms/extra-worker.js"]
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript"
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    body = response.content.decode()
    assert body.startswith("self.BERDAYA_CONFIG = ")
    config = json.loads(body.splitlines()[0].removeprefix("self.BERDAYA_CONFIG = ")[:-1])
    assert config["offline"] == {"id": "/id/offline/", "en": "/en/offline/"}
    assert "/admin/" in config["never"]
    assert config["signOut"] == ["/id/accounts/logout/", "/en/accounts/logout/"]
    assert "/static/cms/site.css" in config["shell"]
    # the push section (notifications' hook) and the setting's scripts are imported
    assert body.rstrip().endswith(
        'importScripts("/static/notifications/sw-push.js", "/static/cms/extra-worker.js");'
    )
    assert client.post("/sw.js").status_code == 405


def test_worker_version_changes_with_what_it_imports(db, settings):
    before = worker_body()
    settings.PWA_WORKER_IMPORTS = ["cms/other.js"]
    assert worker_body().splitlines()[0] != before.splitlines()[0]


def test_worker_fits_its_budget(db):
    body = worker_body().encode()
    assert len(gzip.compress(body, 9)) <= WORKER_GZIP_BUDGET


def test_offline_page_in_the_persons_language_shows_nothing_of_them(client, participant):
    client.force_login(participant)
    page = client.get("/id/offline/").content.decode()
    assert "Ani Participant" not in page and participant.mobile not in page
    assert 'lang="id"' in page
    assert 'lang="en"' in client.get("/en/offline/").content.decode()


def test_html_pages_say_whose_page_they_are(client, participant, make_user):
    anonymous = client.get("/id/offline/")
    assert anonymous["X-Berdaya-User"] == ""
    client.force_login(participant)
    mine = client.get("/id/offline/")["X-Berdaya-User"]
    assert mine and str(participant.pk) != mine
    other = make_user("participants", "081311110009")
    client.force_login(other)
    assert client.get("/id/offline/")["X-Berdaya-User"] not in ("", mine)
    assert "X-Berdaya-User" not in client.get("/id/manifest.webmanifest")


def test_sign_out_tells_the_browser_to_forget_cached_pages(client, participant):
    client.force_login(participant)
    response = client.post(reverse("accounts:logout"))
    assert response["Clear-Site-Data"] == '"cache"'


def test_saved_page_renders_the_empty_state(client, participant):
    client.force_login(participant)
    page = client.get("/id/tersimpan/").content.decode()
    assert "data-saved-empty" in page and "/static/cms/offline.js" in page
    settings_page = client.get(reverse("accounts:settings")).content.decode()
    assert "/id/tersimpan/" in settings_page


def _pack(client, page, language="id") -> tuple[int, dict]:
    response = client.get(f"/{language}/tersimpan/paket/{page.pk}/")
    is_json = response["Content-Type"] == "application/json"
    return response.status_code, json.loads(response.content) if is_json else {}


def test_module_pack_lists_pages_and_files_with_real_sizes(client, participant, offline_module):
    from podcasts.models import DataSaverAudio

    client.force_login(participant)
    module, lesson, episode = (offline_module[k] for k in ("module", "lesson", "episode"))
    status, pack = _pack(client, module)
    assert status == 200
    urls = {item["url"]: item for item in pack["items"]}
    lessons = list(module.lessons)
    assert module.url in urls and all(lesson.url in urls for lesson in lessons)
    # pages: the bytes the person gets when opening them
    served = client.get(lesson.url)
    assert abs(urls[lesson.url]["bytes"] - len(served.content)) <= 0.02 * len(served.content)
    # the photo's renditions the lesson shows, with their file sizes
    renditions = [offline_module["image"].get_rendition(s) for s in ("width-360", "width-720")]
    for rendition in renditions:
        assert urls[rendition.url]["bytes"] == rendition.file.size > 0
        assert rendition.url in served.content.decode()
    # the data-saver audio, answering for the full file's address too
    saver = DataSaverAudio.objects.get()
    saver_url = reverse("podcasts:audio_saver", args=[episode.pk])
    assert urls[saver_url]["bytes"] == saver.size == saver.file.size
    assert urls[saver_url]["aliases"] == [episode.audio_src]
    assert episode.audio_src not in urls
    worksheet = next(u for u in urls if u.startswith("/documents/"))
    assert urls[worksheet]["bytes"] == 40_009
    assert pack["bytes"] == sum(item["bytes"] for item in pack["items"])
    assert pack["label"] == f"Simpan untuk offline · ≈ {pack['size']}" or (
        pack["label"] == f"Save for offline · ≈ {pack['size']}"  # before the catalogues are made
    )
    assert "," in pack["size"] and pack["size"].endswith(" MB")  # Indonesian: 0,2 MB
    english = _pack(client, module, "en")[1]
    assert "." in english["size"] and english["label"].startswith("Save for offline · ≈ ")


def test_pack_only_for_people_who_may_read_it(client, participant, offline_module):
    client.force_login(participant)
    # a locked stage: its lessons are refused, and so is their pack
    mastery_module = offline_module["mastery"].get_children().first()
    status, body = _pack(client, mastery_module)
    assert status == 403 and body["error"]
    # a private module: only for those the restriction lets in
    module = offline_module["module"]
    restriction = PageViewRestriction.objects.create(
        page=module, restriction_type=PageViewRestriction.LOGIN
    )
    assert _pack(client, module)[0] == 200
    client.logout()
    assert _pack(client, module)[0] == 403
    restriction.delete()
    # pages that are not saved for offline, drafts, and unknown ids
    assert _pack(client, offline_module["programme"])[0] == 404
    module.unpublish()
    assert _pack(client, module)[0] == 404
    assert client.get("/id/tersimpan/paket/999999/").status_code == 404


def test_episode_pack_is_its_page_and_audio(client, offline_module):
    episode = offline_module["episode"]
    status, pack = _pack(client, episode)
    assert status == 200
    assert [item["url"] for item in pack["items"]] == [
        episode.url,
        reverse("podcasts:audio_saver", args=[episode.pk]),
    ]


def test_a_video_is_saved_as_its_audio_rung(media_root, db):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from cms.pwa.packs import video_items
    from video.models import Video

    prefix = "videos/hls/9/9-abc"
    files = {
        "master.m3u8": "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=145200,RESOLUTION=256x144,"
        'CODECS="avc1.42c00c,mp4a.40.2"\n144p/index.m3u8\n'
        '#EXT-X-STREAM-INF:BANDWIDTH=35200,CODECS="mp4a.40.2"\naudio/index.m3u8\n',
        "audio/index.m3u8": "#EXTM3U\n#EXTINF:6.0,\nseg_000.ts\n#EXTINF:4.0,\nseg_001.ts\n"
        "#EXT-X-ENDLIST\n",
        "audio/seg_000.ts": "a" * 3000,
        "audio/seg_001.ts": "b" * 2000,
        "144p/index.m3u8": "#EXTM3U\n#EXTINF:6.0,\nseg_000.ts\n#EXT-X-ENDLIST\n",
    }
    for name, text in files.items():
        default_storage.save(f"{prefix}/{name}", ContentFile(text.encode()))
    video = Video.objects.create(
        title="Pasar",
        source="videos/source/x/pasar.mp4",
        status="ready",
        duration=10,
        hls_prefix=prefix,
        renditions=[
            {"name": "144p", "playlist": "144p/index.m3u8", "bandwidth": 145200, "height": 144},
            {"name": "audio", "playlist": "audio/index.m3u8", "bandwidth": 35200, "height": None},
        ],
    )
    items = {item.url: item for item in video_items(video)}
    base = f"/media/{prefix}"
    assert items[f"{base}/audio/seg_000.ts"].bytes == 3000
    assert items[f"{base}/audio/seg_001.ts"].bytes == 2000
    assert items[f"{base}/audio/index.m3u8"].bytes == len(files["audio/index.m3u8"])
    # the player's other addresses answer with the audio rung, written for offline
    master = items[f"{base}/master.m3u8"].text
    assert master.endswith('CODECS="mp4a.40.2"\naudio/index.m3u8\n') and "144p" not in master
    low = items[f"{base}/144p/index.m3u8"].text
    assert f"{base}/audio/seg_000.ts" in low and "#EXT-X-ENDLIST" in low
    assert not any("/144p/seg" in url for url in items)
    assert video_items(None) == []
