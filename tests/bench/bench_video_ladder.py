"""Benchmark: the one-pass HLS ladder against encoding each rendition separately.

A generated 60-second 720p clip is turned into the whole ladder (audio only, 144p, 240p,
360p) by the pipeline's single ffmpeg process, and then the way the published Django HLS
packages do it: one ffmpeg process per rendition, each decoding the source again (same encoder
settings, via the same command builder with a one-rung plan). Median of three runs of each,
alternating, in the same session. Run with ``make bench`` or
``pytest tests/bench/bench_video_ladder.py -s``.
"""

import os
import resource
import shutil
import statistics
import subprocess
import time

import pytest

from tests.video.clips import make_clip
from video import ffmpeg

pytestmark = pytest.mark.bench

RUNS = 3
TARGET_RATIO = 0.75
TARGET_SPEED = 4.0


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _one_pass(source, work, info, cpu: list) -> float:
    out = work / "one-pass"
    shutil.rmtree(out, ignore_errors=True)
    started, cpu_started = time.perf_counter(), _cpu()
    ffmpeg.make_ladder(source, out / "hls", info)
    cpu.append(_cpu() - cpu_started)
    return time.perf_counter() - started


def _separate(source, work, info, cpu: list) -> float:
    out = work / "separate"
    shutil.rmtree(out, ignore_errors=True)
    started, cpu_started = time.perf_counter(), _cpu()
    for item in ffmpeg.plan_ladder(info):
        folder = out / item.name
        folder.mkdir(parents=True)
        command = ffmpeg.ladder_command(source, folder, info, [item])
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    cpu.append(_cpu() - cpu_started)
    return time.perf_counter() - started


def test_one_pass_ladder_against_separate_encodes(tmp_path):
    # Encoded like a phone's upload (High profile, CABAC, B-frames), not the cheap test preset.
    source = make_clip(
        tmp_path / "clip-720p.mp4", seconds=60, size="1280x720", rate=25, preset="veryfast"
    )
    info = ffmpeg.probe(source)
    assert [item.name for item in ffmpeg.plan_ladder(info)] == ["144p", "240p", "360p", "audio"]
    one_pass, separate, one_pass_cpu, separate_cpu = [], [], [], []
    for _run in range(RUNS):
        one_pass.append(_one_pass(source, tmp_path, info, one_pass_cpu))
        separate.append(_separate(source, tmp_path, info, separate_cpu))
    wall = statistics.median(one_pass)
    apart = statistics.median(separate)
    speed = info.duration / wall
    ratio = wall / apart
    cpu = statistics.median(one_pass_cpu)

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    rows = [
        ("one-pass ladder, wall time", f"{wall:.2f} s", "", ""),
        ("one-pass speed vs real time", f"{speed:.1f}×", f"≥ {TARGET_SPEED:.0f}×",
         verdict(speed >= TARGET_SPEED)),
        ("one-pass CPU time (all cores)", f"{cpu:.1f} s", "", ""),
        ("speed if it had 2 idle cores", f"{info.duration / (cpu / 2):.1f}×", "", "estimate"),
        ("separate encodes, wall time", f"{apart:.2f} s", "", ""),
        ("separate speed vs real time", f"{info.duration / apart:.1f}×", "", ""),
        ("separate CPU time (all cores)", f"{statistics.median(separate_cpu):.1f} s", "", ""),
        ("one-pass / separate", f"{ratio:.2f}", f"≤ {TARGET_RATIO}",
         verdict(ratio <= TARGET_RATIO)),
    ]  # fmt: skip
    print(f"\nHLS ladder from a {info.duration:.0f}-second {info.width}×{info.height} clip, "
          f"median of {RUNS} runs (one-pass runs: "
          f"{', '.join(f'{t:.2f}' for t in one_pass)} s; separate: "
          f"{', '.join(f'{t:.2f}' for t in separate)} s)")  # fmt: skip
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")  # fmt: skip
    print(f"{'figure':<32}{'value':>10}  {'target':<8}  result")
    for name, value, target, result in rows:
        print(f"{name:<32}{value:>10}  {target:<8}  {result}")
