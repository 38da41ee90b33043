"""Shared fixtures: users per role, the demo curriculum, real services, a headless Chromium.

Tests marked ``postgres``, ``redis``, ``browser`` or ``pgbouncer`` are skipped when the part is
missing, with the reason; with REQUIRE_SERVICES=1 (as CI sets) any such skip fails the run instead.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.support.pgbouncer import EXECUTABLE as pgbouncer_executable

# Fixtures shared by the tests of several apps: one definition each, registered here for all.
pytest_plugins = [
    "tests.support.servers",
    "tests.support.fixtures.people",
    "tests.support.fixtures.learning",
    "tests.support.fixtures.coaching",
    "tests.support.fixtures.workers",
    "tests.support.fixtures.push",
    "tests.support.fixtures.gateway",
]

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
REQUIRED_MARKERS = ("postgres", "redis", "browser", "pgbouncer")
BENCH = ROOT / "tests" / "bench"
PGBOUNCER = pgbouncer_executable

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# body are still synchronous, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _redis_url() -> str | None:
    return os.environ.get("REDIS_URL")


def _redis_answers() -> bool:
    url = _redis_url()
    if not url:
        return False
    from urllib.parse import urlparse

    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def pytest_addoption(parser):
    parser.addoption(
        "--bench",
        action="store_true",
        help="also run the benchmarks in tests/bench/ (they run when a path in it is given)",
    )


def _benchmarks_asked(config) -> bool:
    """``--bench``, or a path in tests/bench/ on the command line (``make bench``)."""
    if config.getoption("bench"):
        return True
    here = config.invocation_params.dir
    for arg in config.args:
        path = (here / arg.split("::")[0]).resolve()
        if path == BENCH or BENCH in path.parents:
            return True
    return False


def pytest_ignore_collect(collection_path, config):
    """Benchmarks are not tests: ``make test`` leaves them out, ``make bench`` runs them."""
    path = Path(collection_path)
    if (path == BENCH or BENCH in path.parents) and not _benchmarks_asked(config):
        return True
    return None


def pytest_collection_modifyitems(config, items):
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    have_redis = _redis_answers()
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL"))
        if "redis" in item.keywords and not have_redis:
            item.add_marker(pytest.mark.skip(reason="needs Redis: set REDIS_URL"))
        if "browser" in item.keywords and not CHROMIUM:
            item.add_marker(pytest.mark.skip(reason="needs Debian's chromium package"))
        if "pgbouncer" in item.keywords and not PGBOUNCER:
            item.add_marker(pytest.mark.skip(reason="needs Debian's pgbouncer package"))
    _serialized_first(items)


_required_skips: list[str] = []


def pytest_sessionstart(session):
    """Compile translations (cheap when up to date) so a bare `pytest` shows real strings."""
    from django.core.management import call_command

    call_command("compile_translations", verbosity=0)


_bench_output: list[tuple[str, str]] = []


def pytest_runtest_logreport(report):
    if report.skipped and any(m in report.keywords for m in REQUIRED_MARKERS):
        _required_skips.append(report.nodeid)
    # A benchmark prints its figures beside its targets: keep what it printed for the summary,
    # so CI's log shows the tables even though pytest captures output.
    if report.when == "call" and "bench" in report.keywords and report.capstdout:
        _bench_output.append((report.nodeid, report.capstdout))


def pytest_terminal_summary(terminalreporter):
    if not _bench_output:
        return
    terminalreporter.section("Benchmarks")
    for nodeid, text in _bench_output:
        terminalreporter.write_line(nodeid, bold=True)
        terminalreporter.write(text.rstrip("\n") + "\n\n")


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("REQUIRE_SERVICES") == "1" and _required_skips:
        print(
            "\nThese tests need PostgreSQL, Redis, Chromium or PgBouncer and were skipped:",
            file=sys.stderr,
        )
        for nodeid in _required_skips:
            print(f"  {nodeid}", file=sys.stderr)
        session.exitstatus = 1


# --- data -------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _notification_kinds_restored():
    """Kinds a test registers (or the demo loader registers) end with it.

    The registry is process-wide; without this, a page test's live server showed every test's
    kinds ("x", "T", ...) among a participant's reminder settings.
    """
    from notifications import kinds, message_templates

    saved = dict(kinds._registry)
    saved_templates = dict(message_templates._registry)
    yield
    kinds._registry.clear()
    kinds._registry.update(saved)
    message_templates._registry.clear()
    message_templates._registry.update(saved_templates)


@pytest.fixture(autouse=True)
def _rate_limits_reset():
    """Rate-limit counts (in the default cache) start from nothing in every test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_content_type_cache(request):
    """Keep the ContentType cache in step with the database.

    Transactional tests flush the database and post_migrate recreates content types with new
    ids, so a cache left from before breaks foreign keys: clear it when a test starts. At the
    end, refill it from the database instead of leaving it empty, because restoring the next
    test's serialized snapshot saves Wagtail models that look content types up, and an empty
    cache would make them create rows the snapshot then inserts again.
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        models = apps.get_models()
        ContentType.objects.get_for_models(*models)
        ContentType.objects.get_for_models(*models, for_concrete_models=False)


@pytest.fixture
def demo_site(db):
    """The demo programme in both languages and the demo users."""
    from cms.demo import Loader

    Loader().run()
    from cms.models import HomePage

    return HomePage.objects.get(locale__language_code="id")


def _make_user(role: str, mobile: str, **extra):
    from django.contrib.auth.models import Group

    from cms.models import User

    defaults = {
        "name": extra.pop("name", role.title()),
        "sex": "female",
        "age_band": "25_34",
        "district": "lombok_timur",
        "migrant_status": "returnee",
        "time_zone": "Asia/Makassar",
    }
    defaults.update(extra)
    user = User.objects.create_user(mobile, "a-Strong-pass-123", **defaults)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def make_user(db):
    """make_user(role, mobile, **fields): a user in a role group, password a-Strong-pass-123."""
    return _make_user


@pytest.fixture
def participant(db):
    return _make_user("participants", "081311110001", name="Ani Participant")


@pytest.fixture
def facilitator(db):
    return _make_user("facilitators", "081311110002", name="Fajar Facilitator", is_staff=True)


@pytest.fixture
def expert(db):
    return _make_user("experts", "081311110003", name="Eko Expert", is_staff=True)


@pytest.fixture
def manager(db):
    return _make_user("programme managers", "081311110004", name="Maya Manager", is_staff=True)


# --- real services ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def redis_url():
    if not _redis_answers():
        pytest.skip("needs Redis: set REDIS_URL")
    return _redis_url()


@pytest.fixture
def celery_worker_process(transactional_db, redis_url, tmp_path):
    """A real Celery worker (``celery -A cms worker``) on Redis against the test database.

    Yields a function ``start(extra_args=(), env=None) -> subprocess.Popen`` so a test can run
    several workers or kill one; every worker is stopped at teardown. ``start.finished(result)``
    waits until a worker has run the task sent as ``result = task.delay()``. Needs a
    transactional test (the worker is another process and sees only committed rows).
    """
    db_settings = connection.settings_dict
    processes: list[subprocess.Popen] = []
    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"

    def start(extra_args=(), env=None, concurrency=1):
        worker_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "CELERY_BROKER_URL": redis_url,
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "DATABASE_URL": _database_url(db_settings),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            **(env or {}),
        }
        log = open(tmp_path / f"worker-{len(processes)}.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "cms",
                "worker",
                "--loglevel=INFO",
                f"--concurrency={concurrency}",
                "--pool=prefork",
                "-Q",
                queue,
                "-n",
                f"w{len(processes)}-{queue}@%h",
                *extra_args,
            ],
            cwd=ROOT,
            env=worker_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        processes.append(process)
        _wait_for_worker(tmp_path / f"worker-{len(processes) - 1}.log", process)
        return process

    def finished(result, timeout: float = 30.0) -> bool:
        """Wait until a worker has logged the task ``result`` (from ``.delay()``) as succeeded:
        the event to wait for, where a fixed sleep would guess (results are not stored)."""
        needle = f"[{result.id}] succeeded".encode()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index in range(len(processes)):
                log = tmp_path / f"worker-{index}.log"
                if log.exists() and needle in log.read_bytes():
                    return True
            time.sleep(0.05)
        return False

    start.finished = finished

    from cms.celery import app

    saved = {
        key: app.conf[key]
        for key in (
            "task_default_queue",
            "broker_url",
            "broker_transport_options",
            "task_always_eager",
        )
    }
    saved_setting = settings.CELERY_TASK_DEFAULT_QUEUE
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    app.conf.task_default_queue = queue
    app.conf.broker_url = redis_url
    app.conf.broker_transport_options = {"visibility_timeout": 3600}
    app.conf.task_always_eager = False
    _reset_celery_pool(app)
    try:
        yield start
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        app.conf.update(saved)
        settings.CELERY_TASK_DEFAULT_QUEUE = saved_setting
        _reset_celery_pool(app)


def _reset_celery_pool(app) -> None:
    """Close the producer connections and let Celery make a new pool for the new broker.

    (``force_close_all`` alone leaves the pool closed for the rest of the session.)
    """
    from kombu import pools

    app.pool.force_close_all()
    pools.reset()
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


def _database_url(db: dict) -> str:
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def _wait_for_worker(log_path: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Celery worker exited:\n{log_path.read_text()}")
        if log_path.exists() and b"ready." in log_path.read_bytes():
            return
        time.sleep(0.2)
    raise RuntimeError(f"Celery worker did not start:\n{log_path.read_text()}")


# --- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.skip("needs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    """A fresh browser context at phone size (360×740), like a cheap Android phone."""
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("serialized_rollback")
    ):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return "transactional_db" in fixtures or "live_server" in fixtures


def _restores_saved_rows(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker is not None and marker.kwargs.get("serialized_rollback"))


def _serialized_first(items) -> None:
    """Among the transactional tests (which pytest-django runs after the others), those that
    restore the database's saved rows (``serialized_rollback``) run first. A transactional
    test without it ends in a flush that re-runs the post_migrate handlers, which seed the
    role groups and the districts again under new ids; a restore after that collides with
    them on their unique names. The others cope with an emptied database (their fixtures
    seed what they need). Nothing else moves."""
    positions = [i for i, item in enumerate(items) if _transactional(item)]
    block = sorted((items[i] for i in positions), key=lambda item: not _restores_saved_rows(item))
    for position, item in zip(positions, block, strict=True):
        items[position] = item
