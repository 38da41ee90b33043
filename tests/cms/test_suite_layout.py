"""The suite's own rules: benchmarks are not tests (``make test`` leaves them out, ``make bench``
runs them), and fixtures shared by several apps are defined once."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _collected(*args) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if "::" in line]


def test_benchmarks_run_only_when_asked():
    everything = _collected("tests")
    assert everything and not [n for n in everything if n.startswith("tests/bench/")]
    asked = _collected("tests/bench/bench_page_weight.py")
    assert asked and all(n.startswith("tests/bench/bench_page_weight.py::") for n in asked)


def test_shared_fixtures_are_defined_once():
    """make_participant, start_worker, ... live in tests/support/fixtures/, not in copies."""
    copies = {}
    for conftest in (ROOT / "tests").rglob("conftest.py"):
        for line in conftest.read_text().splitlines():
            if line.startswith("def ") and "(" in line:
                copies.setdefault(line[4 : line.index("(")], []).append(conftest)
    shared = ("make_participant", "make_facilitator", "start_worker", "make_session", "topic")
    assert not {name: paths for name, paths in copies.items() if name in shared}
