"""The pipeline's ffmpeg module on its own: finding ffmpeg, probing, planning the ladder."""

import subprocess

import pytest

from tests.video.clips import make_clip
from video import ffmpeg
from video.ffmpeg import MediaError, Probe, plan_ladder


def _plan(width, height, audio=True):
    info = Probe(duration=10, video_index=0, audio_index=1 if audio else None)
    info.width, info.height = width, height
    return [(item.name, item.width, item.height) for item in plan_ladder(info)]


def test_ladder_never_goes_above_the_source():
    assert _plan(1920, 1080) == [
        ("144p", 256, 144),
        ("240p", 426, 240),
        ("360p", 640, 360),
        ("audio", None, None),
    ]
    assert _plan(426, 240) == [("144p", 256, 144), ("240p", 426, 240), ("audio", None, None)]
    # A portrait phone video: the short side decides, the picture stays upright.
    assert _plan(720, 1280)[2] == ("360p", 360, 640)
    # Smaller than the lowest rung: one rendition at the source's own size.
    assert _plan(160, 90, audio=False) == [("144p", 160, 90)]


def test_ffmpeg_comes_from_the_wheel_when_the_path_has_none(monkeypatch, clips):
    monkeypatch.setattr(ffmpeg.shutil, "which", lambda name: None)
    exe = ffmpeg.ffmpeg_exe()
    assert "imageio_ffmpeg" in exe
    version = subprocess.run([exe, "-version"], capture_output=True, check=True).stdout
    assert version.startswith(b"ffmpeg version")
    info = ffmpeg.probe(clips("small.mp4"))  # probing needs no ffprobe
    assert (info.width, info.height, info.has_audio) == (320, 180, True)
    assert info.duration == pytest.approx(10, abs=0.1)


def test_probe_reads_sound_only_files_and_refuses_text(clips, tmp_path):
    info = ffmpeg.probe(clips("talk.m4a", size=None))
    assert not info.has_video and info.has_audio
    text = tmp_path / "notes.mp4"
    text.write_text("not a video\n" * 100)
    with pytest.raises(MediaError):
        ffmpeg.probe(text)


def test_probe_swaps_sides_of_rotated_phone_videos(tmp_path):
    source = make_clip(tmp_path / "flat.mp4", seconds=1, size="320x180", audio=False)
    rotated = tmp_path / "rotated.mp4"
    subprocess.run(
        [ffmpeg.ffmpeg_exe(), "-v", "error", "-display_rotation", "90", "-i", str(source)]
        + ["-c", "copy", str(rotated)],
        check=False,
        capture_output=True,
    )
    if not rotated.exists():
        rotated = tmp_path / "rotated-meta.mp4"
        subprocess.run(
            [ffmpeg.ffmpeg_exe(), "-v", "error", "-i", str(source), "-c", "copy"]
            + ["-metadata:s:v:0", "rotate=90", str(rotated)],
            check=True,
        )
    info = ffmpeg.probe(rotated)
    assert (info.width, info.height) == (180, 320)
