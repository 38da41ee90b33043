"""The ladder, made by a real Celery worker on Redis against PostgreSQL, checked with m3u8
and decoded end to end by ffmpeg. The worker's storage refuses local paths, like S3."""

import time

import m3u8
import pytest
from django.core.files.storage import default_storage

from tests.video.clips import decode_errors, keyframe_times
from tests.video.conftest import wait_for
from video.models import Video

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

# name: (width, height, video kbps, audio kbps) for a 640×360 source
LADDER_360 = {
    "144p": (256, 144, 100, 32),
    "240p": (426, 240, 250, 48),
    "360p": (640, 360, 500, 64),
    "audio": (None, None, 0, 32),
}


def _path(video: Video, relative: str) -> str:
    return default_storage.path(f"{video.hls_prefix}/{relative}")


def _master(video: Video) -> m3u8.M3U8:
    return m3u8.load(_path(video, "master.m3u8"))


def test_ten_second_clip_becomes_the_whole_ladder(video_worker, clips, upload):
    source = clips("ten-360p.mp4", seconds=10, size="640x360")
    video_worker()
    video = upload(source, title="Pricing explained")
    seen: list[tuple[str, int]] = []
    wait_for(video, watch=lambda v: seen.append((v.status, v.progress)))

    assert video.status == "ready", video.failure_reason
    assert video.progress == 100
    assert video.duration == pytest.approx(10, abs=0.2)
    assert (video.source_width, video.source_height) == (640, 360)
    # Progress came from ffmpeg while it ran, not just 0 then 100.
    assert any(status == "processing" and 0 < progress < 100 for status, progress in seen), seen

    master = _master(video)
    assert master.is_variant
    variants = {playlist.uri.split("/")[0]: playlist for playlist in master.playlists}
    assert set(variants) == set(LADDER_360)
    for name, (width, height, video_kbps, audio_kbps) in LADDER_360.items():
        info = variants[name].stream_info
        nominal = (video_kbps + audio_kbps) * 1000
        assert nominal <= info.bandwidth <= nominal * 1.5, (name, info.bandwidth)
        assert "mp4a.40.2" in info.codecs
        if width:
            assert info.resolution == (width, height)
            assert "avc1." in info.codecs
        else:
            assert info.resolution is None
            assert "avc1" not in info.codecs
        # Nothing above the source's 360p.
        assert info.resolution is None or max(info.resolution[1], 0) <= 360

    for name in LADDER_360:
        media = m3u8.load(_path(video, f"{name}/index.m3u8"))
        assert media.playlist_type == "vod" and media.is_endlist
        assert media.target_duration == 6
        assert [round(segment.duration) for segment in media.segments] == [6, 4]
        code, errors = decode_errors(_path(video, f"{name}/index.m3u8"))
        assert code == 0 and errors == "", (name, errors)

    # Keyframes every 2 seconds in every picture rendition.
    for name in ("144p", "240p", "360p"):
        times = keyframe_times(_path(video, f"{name}/index.m3u8"))
        assert [round(t - times[0], 1) for t in times] == [0, 2, 4, 6, 8], (name, times)

    assert video.poster and default_storage.size(video.poster) > 1000
    assert [item["name"] for item in video.renditions] == ["144p", "240p", "360p", "audio"]


def test_small_and_audio_only_sources(video_worker, clips, upload):
    """Never above the source: 320×180 gets 144p and audio only; sound alone gets audio only."""
    small = upload(clips("small.mp4"), title="Small")
    sound = upload(clips("talk.m4a", size=None), title="Talk")
    silent = upload(clips("silent.mp4", audio=False, seconds=4), title="Silent")
    video_worker()
    for video in (small, sound, silent):
        wait_for(video)
        assert video.status == "ready", (video.title, video.failure_reason)

    assert [(r["name"], r["height"]) for r in small.renditions] == [("144p", 144), ("audio", None)]
    assert {p.stream_info.resolution for p in _master(small).playlists} == {(256, 144), None}

    master = _master(sound)
    assert [p.uri for p in master.playlists] == ["audio/index.m3u8"]
    assert master.playlists[0].stream_info.resolution is None
    assert master.playlists[0].stream_info.codecs == "mp4a.40.2"
    assert not sound.poster
    code, errors = decode_errors(_path(sound, "audio/index.m3u8"))
    assert code == 0 and errors == ""

    assert [r["name"] for r in silent.renditions] == ["144p"]
    assert "mp4a" not in _master(silent).playlists[0].stream_info.codecs


def test_bad_uploads_fail_with_a_reason(video_worker, clips, upload, tmp_path):
    good = clips("small.mp4").read_bytes()
    corrupt = tmp_path / "corrupt.mp4"
    corrupt.write_bytes(b"\x00garbage" * 512 + good[4096:])
    text = tmp_path / "notes.mp4"
    text.write_text("These are my notes, not a video.\n" * 40)
    big = tmp_path / "big.mp4"
    big.write_bytes(good + b"\x00" * 400_000)
    long = clips("long.mp4", seconds=30, size="160x90", rate=5)

    videos = {
        "corrupt": upload(corrupt),
        "text": upload(text),
        "big": upload(big),
        "long": upload(long),
    }
    video_worker(VIDEO_MAX_UPLOAD_BYTES=len(good) + 200_000, VIDEO_MAX_DURATION_SECONDS=20)
    for video in videos.values():
        wait_for(video)
    reasons = {key: video.failure_reason for key, video in videos.items()}
    assert {key: video.status for key, video in videos.items()} == dict.fromkeys(videos, "failed")
    # In the uploader's language; with none, the site's (Indonesian).
    assert "bukan berkas video atau audio" in reasons["corrupt"]
    assert "bukan berkas video atau audio" in reasons["text"]
    assert "batasnya" in reasons["big"] and "MB" in reasons["big"]
    assert reasons["long"] == "Durasi video 0:30; batasnya 0:20."
    for video in videos.values():
        assert not video.hls_prefix and not video.renditions
    # Nothing half-written was left in storage.
    assert not default_storage.exists("videos/hls") or all(
        not default_storage.listdir(f"videos/hls/{video.pk}")[1]
        for video in videos.values()
        if default_storage.exists(f"videos/hls/{video.pk}")
    )


def test_retry_switches_to_the_new_ladder_only_when_complete(video_worker, clips, upload):
    from video import services

    video = upload(clips("small.mp4"), title="Retry me")
    video_worker(VIDEO_OLD_LADDER_GRACE_SECONDS=3)
    wait_for(video)
    assert video.status == "ready"
    first_prefix = video.hls_prefix

    services.video_retry(video=video)
    moments = []

    def check(current):
        # Whatever the status, the ladder players are given is complete and stored.
        if current.hls_prefix:
            master = m3u8.load(_path(current, "master.m3u8"))
            for playlist in master.playlists:
                media = m3u8.load(_path(current, playlist.uri))
                assert media.is_endlist
                folder = playlist.uri.rsplit("/", 1)[0]
                for segment in media.segments:
                    assert default_storage.exists(f"{current.hls_prefix}/{folder}/{segment.uri}")
        moments.append((current.status, current.hls_prefix))

    wait_for(video, statuses=("ready",), watch=check, every=0.02)
    assert video.hls_prefix != first_prefix
    assert ("processing", first_prefix) in moments or ("waiting", first_prefix) in moments
    # A player given the old ladder just before the switch can still finish it...
    assert default_storage.exists(f"{first_prefix}/master.m3u8")
    # ...and after the grace period it is removed.
    deadline = time.monotonic() + 30
    while default_storage.exists(f"{first_prefix}/master.m3u8") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not default_storage.exists(f"{first_prefix}/master.m3u8")
    assert Video.objects.get(pk=video.pk).attempt == 2
