"""Benchmark: requests a second for a signed-in participant's pages, with a real load generator
(Debian's ``wrk -t2 -c20``) against gunicorn with 2 workers and the production settings, on
SQLite and on PostgreSQL, beside Wagtail's own demo (bakerydemo's blog page).

Targets, relative to bakerydemo's blog page: the lesson page at least 1.5 times as many
requests a second, the home page, the clinic list and the assignment list at least 1.2 times.

bakerydemo is measured in the same run, alternating with ours, when ``BAKERYDEMO_DIR`` names a
checkout of github.com/wagtail/bakerydemo with its own ``.venv`` (requirements, gunicorn,
``migrate``, ``load_initial_data`` and ``collectstatic`` done with its production settings; its
SQLite database, or ``BAKERYDEMO_DATABASE_URL``). Otherwise the figure below, measured on the
development machine, stands in for it. Its code is never part of this repository.

The machine's speed changes the figures, so they are printed beside their targets; on a
shared machine only the side-by-side ratio means anything.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from django.db import connection

from tests.support.servers import ROOT, _free_port, database_url

pytestmark = [pytest.mark.bench, pytest.mark.django_db(transaction=True)]

# bakerydemo's blog page (/blog/wild-yeast/) with gunicorn 2 workers, its production settings
# and SQLite, `wrk -t2 -c20`, on the 2-core development machine: 77-98 requests/s when the
# machine was quiet (the lower figure is kept). Measured again on 2026-11-30 (bakerydemo commit
# 8e2b625, Wagtail 7.4, Django 6.0) alternating with our pages, but under a load average of
# 12-20 from other test runs: 3-7 requests/s, and 40.5 requests/s at a load average of 4
# (our lesson page beside it: 70 requests/s). Only a side-by-side run (BAKERYDEMO_DIR) gives a
# ratio that means something on a shared machine.
BAKERYDEMO_FALLBACK_RPS = {"sqlite": 77.0, "postgresql": 77.0}
BAKERYDEMO_URL = os.environ.get("BAKERYDEMO_URL", "/blog/wild-yeast/")
TARGETS = {"lesson": 1.5, "home": 1.2, "clinic list": 1.2, "assignment list": 1.2}
SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "10"))
SECRET_KEY = "bench-only-" + "x" * 40
WRK = shutil.which("wrk")


def _production_env(database: str, static_root: Path, media_root: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "HTTPS": "0",
        "STATIC_ROOT": str(static_root),
        "DATABASE_URL": database,
        "MEDIA_ROOT": media_root,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CELERY_BROKER_URL": "memory://",  # what the seed queues goes nowhere
    }


def _sqlite_database(tmp_path: Path) -> str:
    """A migrated SQLite file: migrating takes a while, so a migrated copy is kept in var/bench/
    for as long as the migrations stay the same."""
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.read_bytes())
    template = ROOT / "var" / "bench" / f"migrated-{digest.hexdigest()[:16]}.sqlite3"
    if not template.exists():
        template.parent.mkdir(parents=True, exist_ok=True)
        partial = template.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": f"sqlite:///{partial}",
        }
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        partial.rename(template)
    target = tmp_path / "bench.sqlite3"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


def _seed(env: dict) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "tests.bench.pages_seed"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


class Gunicorn:
    """gunicorn with 2 sync workers; stopped when the block ends."""

    def __init__(self, args: list[str], env: dict, cwd: Path, log: Path, probe: str):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log, "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [*args, "-b", f"127.0.0.1:{self.port}", "-w", "2"],
            cwd=cwd,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.logfile = log
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + probe, timeout=2)
                return
            except httpx.HTTPError:
                if self.process.poll() is not None:
                    raise RuntimeError(log.read_text()) from None
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer: {log.read_text()[-2000:]}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)
        self.log.close()


def _wrk(url: str, headers: dict[str, str] | None = None) -> float:
    """Requests a second, after a short warm-up (both workers load their code and caches)."""
    args = [WRK, "-t2", "-c20", "--timeout", "30s"]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    subprocess.run([*args, "-d2s", url], check=True, capture_output=True)
    out = subprocess.run([*args, f"-d{SECONDS}s", url], check=True, capture_output=True, text=True)
    assert "Non-2xx" not in out.stdout, out.stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out.stdout).group(1))


def _bakerydemo(tmp_path: Path) -> Gunicorn | None:
    checkout = os.environ.get("BAKERYDEMO_DIR")
    if not checkout:
        return None
    checkout = Path(checkout)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "False",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if os.environ.get("BAKERYDEMO_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BAKERYDEMO_DATABASE_URL"]
    return Gunicorn(
        [str(checkout / ".venv" / "bin" / "gunicorn"), "bakerydemo.wsgi"],
        env,
        checkout,
        tmp_path / "bakerydemo.log",
        BAKERYDEMO_URL,
    )


@pytest.fixture
def database(request, tmp_path):
    """SQLite (a migrated file of its own) or PostgreSQL (this run's test database)."""
    if request.param == "sqlite":
        return _sqlite_database(tmp_path)
    if not connection.settings_dict["ENGINE"].endswith("postgresql"):
        pytest.skip("needs PostgreSQL: set DATABASE_URL")
    return database_url()


@pytest.mark.skipif(WRK is None, reason="needs Debian's wrk (scripts/system-deps.sh)")
@pytest.mark.parametrize("database", ["sqlite", "postgresql"], indirect=True)
def test_pages_beside_bakerydemo(database, collected_static, tmp_path, settings):
    kind = "sqlite" if database.startswith("sqlite") else "postgresql"
    env = _production_env(database, collected_static, str(settings.MEDIA_ROOT))
    seeded = _seed(env)
    ours = Gunicorn(
        [sys.executable, "-m", "gunicorn", "cms.wsgi"],
        env,
        ROOT,
        tmp_path / "gunicorn.log",
        "/id/accounts/login/",
    )
    bakery = _bakerydemo(tmp_path)
    cookie = {"Cookie": seeded["cookie"]}
    try:
        for url in seeded["urls"].values():  # signed in, and every page answers
            response = httpx.get(ours.url + url, headers=cookie, timeout=30)
            assert response.status_code == 200, (url, response.status_code)
            assert "/accounts/settings/" in response.text, url  # the signed-in header
        # Alternating: bakerydemo, our lesson page, bakerydemo, our other pages.
        baseline: list[float] = []
        figures: dict[str, float] = {}
        for name, url in seeded["urls"].items():
            if bakery is not None and name in ("lesson", "home"):
                baseline.append(_wrk(bakery.url + BAKERYDEMO_URL))
            figures[name] = _wrk(ours.url + url, cookie)
    finally:
        ours.stop()
        if bakery is not None:
            bakery.stop()

    if baseline:
        reference, source = sum(baseline) / len(baseline), "measured beside ours in this run"
    else:
        reference = BAKERYDEMO_FALLBACK_RPS[kind]
        source = "stored figure (set BAKERYDEMO_DIR to measure it in this run)"
    print(f"\nSigned-in pages, gunicorn 2 workers, production settings, {kind}, wrk -t2 -c20")
    print(f"  bakerydemo blog page: {reference:.1f} requests/s ({source})")
    print(f"  {'page':<18}{'requests/s':>12}{'× bakerydemo':>14}{'target':>10}")
    failures = []
    for name, rps in figures.items():
        ratio = rps / reference
        print(f"  {name:<18}{rps:>12.1f}{ratio:>14.2f}{'≥ ' + str(TARGETS[name]):>10}")
        if ratio < TARGETS[name]:
            failures.append(f"{name}: {ratio:.2f}× < {TARGETS[name]}×")
    if baseline:
        assert not failures, failures
    elif failures:
        # Against a figure from another day, machine and load, a ratio is only a hint: the
        # targets are judged side by side (BAKERYDEMO_DIR), as the issue asks.
        print(f"  below target against the stored figure (not judged): {failures}")
