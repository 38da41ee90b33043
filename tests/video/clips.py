"""Test media made by ffmpeg on the spot (tiny, so the 2-core machine stays free)."""

import subprocess
from pathlib import Path

from video.ffmpeg import ffmpeg_exe


def make_clip(
    path: Path,
    *,
    seconds: float = 10,
    size: str | None = "320x180",
    audio: bool = True,
    rate: int = 25,
    preset: str = "ultrafast",
) -> Path:
    """An H.264/AAC MP4 (or an audio-only M4A when ``size`` is None) of moving test pictures."""
    if path.exists():
        return path
    command = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y"]
    if size:
        command += ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate={rate}:duration={seconds}"]
    if audio:
        command += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=44100:duration={seconds}"]
    if size:
        command += ["-c:v", "libx264", "-preset", preset, "-pix_fmt", "yuv420p"]
    if audio:
        command += ["-c:a", "aac", "-b:a", "64k"]
    command += ["-movflags", "+faststart", "-shortest", str(path)]
    subprocess.run(command, check=True, timeout=300)
    return path


def decode_errors(url_or_path: str) -> tuple[int, str]:
    """Decode a whole stream with ffmpeg; returns the exit code and whatever it complained of."""
    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-v", "error", "-xerror"]
        + ["-i", url_or_path, "-map", "0", "-f", "null", "-"],
        capture_output=True,
        timeout=300,
    )
    return result.returncode, result.stderr.decode("utf-8", "replace").strip()


def keyframe_times(path: str) -> list[float]:
    """Presentation times of the key frames of a stream's video."""
    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-skip_frame", "nokey", "-i", path]
        + ["-map", "0:v:0", "-vf", "showinfo", "-f", "null", "-"],
        capture_output=True,
        timeout=300,
    )
    import re

    text = result.stderr.decode("utf-8", "replace")
    return [float(value) for value in re.findall(r"pts_time:([\d.]+)", text)]
