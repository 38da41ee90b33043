"""ffmpeg for lesson videos: probing a file, and making the whole HLS ladder in ONE process.

This module knows nothing about models or storage: it reads a local file and writes into a
local working folder (``services.py`` copies the source out of storage and the results back).

The ladder is made the way a careful encoder does it by hand: the source is decoded once and
scaled once to the top rung, the picture ``split`` into one branch per rung, each branch
``scale``d and encoded; the audio is decoded once and encoded at each rung's bitrate; and
ffmpeg's HLS muxer writes every variant's segments and VOD playlist plus a master playlist
(``-var_stream_map``, ``-master_pl_name``) with BANDWIDTH, RESOLUTION and CODECS. Encoding
each rendition in its own process, as the published Django HLS packages do, decodes (and
scales) the full-size source once per rung.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

SEGMENT_SECONDS = 6
KEYFRAME_SECONDS = 2
MAX_FPS = 30
MASTER_PLAYLIST = "master.m3u8"
MEDIA_PLAYLIST = "index.m3u8"
POSTER = "poster.jpg"


@dataclass(frozen=True)
class Rung:
    """One rendition of the ladder: ``height`` is the short side (None for audio only)."""

    name: str
    height: int | None
    video_kbps: int
    audio_kbps: int


AUDIO_RUNG = Rung("audio", None, 0, 32)
VIDEO_RUNGS = (
    Rung("144p", 144, 100, 32),
    Rung("240p", 240, 250, 48),
    Rung("360p", 360, 500, 64),
)


class MediaError(Exception):
    """The file cannot become a lesson video; ``str(error)`` is shown to the editor."""


@dataclass
class Probe:
    """What ``ffmpeg -i`` says about a file."""

    duration: float | None
    video_index: int | None = None
    audio_index: int | None = None
    width: int | None = None
    height: int | None = None
    fps: float | None = None

    @property
    def has_video(self) -> bool:
        return self.video_index is not None

    @property
    def has_audio(self) -> bool:
        return self.audio_index is not None


@dataclass
class PlannedRendition:
    rung: Rung
    width: int | None = None
    height: int | None = None

    @property
    def name(self) -> str:
        return self.rung.name


@dataclass
class Ladder:
    """What ``make_ladder`` wrote into its folder."""

    renditions: list[dict] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def ffmpeg_exe() -> str:
    """ffmpeg from the PATH, else the binary the ``imageio-ffmpeg`` wheel ships."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


# --- probing -------------------------------------------------------------------------------

_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
_STREAM = re.compile(r"^\s*Stream #0:(\d+)[^:]*: (Video|Audio): (.*)$", re.MULTILINE)
_SIZE = re.compile(r"\b(\d{2,5})x(\d{2,5})\b")
_FPS = re.compile(r"([\d.]+) fps")
_ROTATION = re.compile(r"rotation of (-?[\d.]+) degrees")


def probe(path: Path | str) -> Probe:
    """Read duration and streams from ``ffmpeg -i`` (ffprobe is not always there).

    Raises ``MediaError`` for anything that is not audio or video ffmpeg can read.
    """
    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path)],
        capture_output=True,
        timeout=120,
    )
    text = result.stderr.decode("utf-8", "replace")
    streams = _STREAM.findall(text)
    if not streams:
        raise MediaError(
            _("This file is not a video or audio file that can be read (it may be damaged).")
        )
    info = Probe(duration=_parse_duration(text))
    for index, kind, details in streams:
        if kind == "Video" and info.video_index is None and "attached pic" not in details:
            size = _SIZE.search(details)
            if not size:
                continue
            info.video_index = int(index)
            info.width, info.height = int(size.group(1)), int(size.group(2))
            fps = _FPS.search(details)
            info.fps = float(fps.group(1)) if fps else None
        elif kind == "Audio" and info.audio_index is None:
            info.audio_index = int(index)
    if not info.has_video and not info.has_audio:
        raise MediaError(_("This file has neither pictures nor sound that can be read."))
    rotation = _ROTATION.search(text)
    if info.has_video and rotation and round(abs(float(rotation.group(1)))) % 180 == 90:
        info.width, info.height = info.height, info.width
    if info.duration is None:
        info.duration = _measure_duration(path)
    if not info.duration or info.duration <= 0:
        raise MediaError(_("The length of this file cannot be read (it may be damaged)."))
    return info


def _parse_duration(text: str) -> float | None:
    match = _DURATION.search(text)
    if not match:
        return None
    hours, minutes, seconds = match.groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _measure_duration(path: Path | str) -> float | None:
    """For files whose header has no duration (browser recordings): copy the packets to null."""
    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-v", "error", "-i", str(path)]
        + ["-map", "0", "-c", "copy", "-f", "null", "-progress", "pipe:1", "-"],
        capture_output=True,
        timeout=600,
    )
    times = re.findall(rb"out_time_us=(\d+)", result.stdout)
    return int(times[-1]) / 1_000_000 if times else None


# --- the ladder ----------------------------------------------------------------------------


def _even(value: float) -> int:
    return max(2, int(round(value / 2)) * 2)


def plan_ladder(info: Probe) -> list[PlannedRendition]:
    """The renditions to make: every video rung not above the source, then audio only.

    A source smaller than the lowest rung gets one video rendition at its own size.
    """
    plan: list[PlannedRendition] = []
    if info.has_video:
        short = min(info.width, info.height)
        heights = [rung for rung in VIDEO_RUNGS if rung.height <= short]
        if not heights:
            heights = [Rung(VIDEO_RUNGS[0].name, _even(short), *_rates(VIDEO_RUNGS[0]))]
        for rung in heights:
            scale = rung.height / short
            plan.append(
                PlannedRendition(
                    rung, width=_even(info.width * scale), height=_even(info.height * scale)
                )
            )
    if info.has_audio:
        plan.append(PlannedRendition(AUDIO_RUNG))
    return plan


def _rates(rung: Rung) -> tuple[int, int]:
    return rung.video_kbps, rung.audio_kbps


def ladder_command(
    source: Path | str, out_dir: Path, info: Probe, plan: list[PlannedRendition]
) -> list[str]:
    """One ffmpeg invocation that writes every rendition and the master playlist."""
    videos = [item for item in plan if item.rung.height is not None]
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error"]
    command += ["-nostats", "-progress", "pipe:1", "-i", str(source)]
    maps: list[str] = []
    codec_args: list[str] = []
    stream_map: list[str] = []
    audio_out = 0
    if videos:
        fps = f"fps={MAX_FPS}," if info.fps and info.fps > MAX_FPS + 0.5 else ""
        # Scale once to the top rung, split, and make the smaller rungs from that: one
        # expensive downscale of the full-size picture instead of one per rung.
        top = videos[-1]
        branches = "".join(f"[s{i}]" for i in range(len(videos)))
        graph = [
            f"[0:{info.video_index}]{fps}scale={top.width}:{top.height}:flags=area,"
            f"setsar=1,format=yuv420p,split={len(videos)}{branches}"
        ]
        for i, item in enumerate(videos):
            if item is top:
                graph.append(f"[s{i}]null[v{i}]")
            else:
                graph.append(f"[s{i}]scale={item.width}:{item.height}:flags=area,setsar=1[v{i}]")
        command += ["-filter_complex", ";".join(graph)]
        frame_rate = min(info.fps or 25, MAX_FPS)
        gop = str(max(1, round(frame_rate * KEYFRAME_SECONDS)))
        codec_args += ["-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main"]
        codec_args += ["-g", gop, "-keyint_min", gop, "-sc_threshold", "0"]
        codec_args += ["-force_key_frames", f"expr:gte(t,n_forced*{KEYFRAME_SECONDS})"]
        for i, item in enumerate(videos):
            kbps = item.rung.video_kbps
            maps += ["-map", f"[v{i}]"]
            codec_args += [f"-b:v:{i}", f"{kbps}k", f"-maxrate:v:{i}", f"{kbps * 6 // 5}k"]
            codec_args += [f"-bufsize:v:{i}", f"{kbps * 2}k"]
            entry = f"v:{i}"
            if info.has_audio:
                maps += ["-map", f"0:{info.audio_index}"]
                codec_args += [f"-b:a:{audio_out}", f"{item.rung.audio_kbps}k"]
                entry += f",a:{audio_out}"
                audio_out += 1
            stream_map.append(f"{entry},name:{item.name}")
    if info.has_audio:
        maps += ["-map", f"0:{info.audio_index}"]
        codec_args += [f"-b:a:{audio_out}", f"{AUDIO_RUNG.audio_kbps}k"]
        stream_map.append(f"a:{audio_out},name:{AUDIO_RUNG.name}")
        # Mono at one sample rate on every rung: talk sounds better mono at these bitrates,
        # and players switch between rungs without resampling.
        codec_args += ["-c:a", "aac", "-ac", "1", "-ar", "44100"]
    command += maps + codec_args
    command += ["-f", "hls", "-hls_time", str(SEGMENT_SECONDS), "-hls_playlist_type", "vod"]
    command += ["-hls_flags", "independent_segments", "-hls_segment_type", "mpegts"]
    command += ["-master_pl_name", MASTER_PLAYLIST, "-var_stream_map", " ".join(stream_map)]
    command += ["-hls_segment_filename", str(out_dir / "%v" / "seg_%03d.ts")]
    command += [str(out_dir / "%v" / MEDIA_PLAYLIST)]
    return command


def make_ladder(
    source: Path | str,
    out_dir: Path,
    info: Probe,
    on_progress: Callable[[int], None] | None = None,
) -> Ladder:
    """Run the one ffmpeg process, reporting whole percents as ffmpeg reports its position."""
    plan = plan_ladder(info)
    if not plan:
        raise MediaError(_("This file has neither pictures nor sound that can be read."))
    out_dir.mkdir(parents=True, exist_ok=True)
    log_path = out_dir.parent / "ffmpeg.log"
    command = ladder_command(source, out_dir, info, plan)
    last = -1
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log)
        assert process.stdout is not None
        for raw in process.stdout:
            key, _sep, value = raw.decode("ascii", "replace").strip().partition("=")
            if key != "out_time_us" or not value.lstrip("-").isdigit():
                continue
            percent = max(0, min(99, int(int(value) / 1_000_000 / info.duration * 100)))
            if on_progress and percent != last:
                last = percent
                on_progress(percent)
        code = process.wait()
    if code != 0:
        detail = log_path.read_text("utf-8", "replace").strip().splitlines()
        raise MediaError(
            _("The video could not be converted: %(detail)s")
            % {"detail": (detail[-1] if detail else f"ffmpeg exit {code}")[:300]}
        )
    return Ladder(renditions=_read_master(out_dir, plan), files=_files(out_dir))


_STREAM_INF = re.compile(r"#EXT-X-STREAM-INF:(.*)\n([^\n#]+)")
_ATTRIBUTE = re.compile(r'([A-Z-]+)=("[^"]*"|[^,]*)')


def _read_master(out_dir: Path, plan: list[PlannedRendition]) -> list[dict]:
    """The renditions as the master playlist lists them, checked against the plan."""
    master = out_dir / MASTER_PLAYLIST
    if not master.exists():
        raise MediaError(_("The video could not be converted: no playlist was written."))
    by_name = {item.name: item for item in plan}
    renditions = []
    for attributes, uri in _STREAM_INF.findall(master.read_text()):
        values = {key: value.strip('"') for key, value in _ATTRIBUTE.findall(attributes)}
        name = uri.strip().split("/")[0]
        item = by_name[name]
        playlist = out_dir / uri.strip()
        if not playlist.exists() or "#EXT-X-ENDLIST" not in playlist.read_text():
            raise MediaError(_("The video could not be converted: a playlist is incomplete."))
        renditions.append(
            {
                "name": name,
                "playlist": uri.strip(),
                "bandwidth": int(values.get("BANDWIDTH", 0)),
                "codecs": values.get("CODECS", ""),
                "width": item.width,
                "height": item.height,
                "video_kbps": item.rung.video_kbps if item.height else 0,
                "audio_kbps": item.rung.audio_kbps,
            }
        )
    if len(renditions) != len(plan):
        raise MediaError(_("The video could not be converted: some renditions are missing."))
    return renditions


def _files(out_dir: Path) -> list[str]:
    return sorted(str(path.relative_to(out_dir)) for path in out_dir.rglob("*") if path.is_file())


def make_poster(source: Path | str, out_path: Path, info: Probe) -> bool:
    """A JPEG frame from a tenth of the way in (past a black first frame), at most 360p."""
    if not info.has_video:
        return False
    short = min(info.width, info.height)
    target = min(360, short)
    scale = f"scale={_even(info.width * target / short)}:{_even(info.height * target / short)}"
    at = f"{min(info.duration * 0.1, 5):.2f}"
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error"]
    command += ["-ss", at, "-i", str(source), "-map", f"0:{info.video_index}"]
    command += ["-frames:v", "1", "-vf", scale, "-q:v", "6", str(out_path)]
    result = subprocess.run(command, capture_output=True, timeout=120)
    return result.returncode == 0 and out_path.exists() and out_path.stat().st_size > 0
