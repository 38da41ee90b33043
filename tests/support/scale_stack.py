"""The processes of a scaled-out site on one machine, for the scale benchmark
(tests/bench/bench_scale.py): gunicorn servers, Celery workers and beat in process groups of
their own (kill -9 takes a whole one), a redis-server of its own, and what they cost (CPU seconds,
database and Redis sizes)."""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.support.pgbouncer import free_port

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server")


def wait(condition, timeout=60.0, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


class Stack:
    """The processes of the scaled-out site, each in its own process group (kill -9 takes the
    whole of one server or worker, as losing its machine would)."""

    def __init__(self, folder: Path, env: dict):
        self.folder = folder
        self.env = env
        self.processes: dict[str, subprocess.Popen] = {}
        self.web_ports = [free_port(), free_port()]
        self.hosts = [f"http://127.0.0.1:{port}" for port in self.web_ports]

    def _spawn(self, name: str, command: list[str]) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        return process

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")

    def web(self, index: int):
        """Start gunicorn ``index``; returns the wait until it answers."""
        port = self.web_ports[index]
        self._spawn(
            f"web{index}",
            [sys.executable, "-m", "gunicorn", "cms.wsgi", "-b", f"127.0.0.1:{port}"]
            + ["-w", "2", "--timeout", "30", "--graceful-timeout", "5", "--no-control-socket"],
        )
        host = self.hosts[index]

        def answers():
            try:
                return httpx.get(host + "/id/accounts/login/", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        def ready():
            if not wait(answers, 120):
                raise RuntimeError(self.log(f"web{index}")[-3000:])

        return ready

    def worker(self, index: int):
        """Start Celery worker ``index``; returns the wait until it is ready."""
        name = f"worker{index}"
        before = len(self.log(name)) if (self.folder / f"{name}.log").exists() else 0
        self._spawn(
            name,
            [sys.executable, "-m", "celery", "-A", "cms", "worker", "--loglevel=INFO"]
            + ["--concurrency=2", "--pool=prefork", "-n", f"scale{index}@%h"]
            + ["--without-gossip", "--without-mingle"],
        )

        def ready():
            if not wait(lambda: "ready." in self.log(name)[before:], 120):
                raise RuntimeError(self.log(name)[-3000:])

        return ready

    def beat(self) -> None:
        self._spawn(
            "beat",
            [sys.executable, "-m", "celery", "-A", "cms", "beat", "--loglevel=INFO"]
            + ["-s", str(self.folder / "beat-schedule")],
        )

    def kill(self, name: str) -> None:
        process = self.processes[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for name, process in self.processes.items():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill(name)


class Redis:
    """A redis-server of the benchmark's own, with an append-only file, as production runs it
    (a restart keeps queued tasks and sessions)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--dir"]
            + [str(self.folder), "--appendonly", "yes", "--save", "", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait(lambda: self.command("PING") is True, 10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()  # redis-server's shutdown: the append-only file is synced
            self.process.wait(timeout=15)

    def command(self, *args):
        import redis

        try:
            return redis.Redis(
                port=self.port, decode_responses=True, socket_timeout=2
            ).execute_command(*args)
        except redis.RedisError:
            return None


def cpu_seen(seen: dict, key: tuple, pid: int, tree: bool = True) -> None:
    """Keep the most CPU seconds a process (and its children) has been seen to have used: a
    process killed later keeps what it had used by its last sample."""
    import psutil

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)] if tree else [root]
        used = sum(sum(p.cpu_times()[:2]) for p in processes)
    except psutil.Error:
        return
    seen[key] = max(seen.get(key, 0.0), used)


def db_size(cursor, name: str) -> int:
    cursor.execute("SELECT pg_database_size(%s)", [name])
    return cursor.fetchone()[0]


def row_sizes(cursor) -> list[tuple[str, int, int]]:
    """(table, rows, bytes with its indexes) of the tables that grow with participants."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    from coaching.models import Booking
    from learning.models import Enrolment, LessonCompletion, Submission
    from notifications.models import Delivery, Notification, Reminder

    models = (get_user_model(), Enrolment, Session, LessonCompletion, Submission, Booking)
    models += (Reminder, Notification, Delivery)
    result = []
    for table in (model._meta.db_table for model in models):
        cursor.execute(f'SELECT count(*), pg_total_relation_size(%s) FROM "{table}"', [table])
        rows, size = cursor.fetchone()
        result.append((table, rows, size))
    return result


def redis_bytes_per_session(server: Redis, count: int = 2000) -> float:
    """What one signed-in session would take in Redis, were sessions kept there (Django's cache
    session engine on RedisCache): ``count`` sessions written the way it writes them, and the
    growth of ``used_memory``."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.cache.backends.redis import RedisCache

    cache = RedisCache(server.url, {"KEY_PREFIX": "berdaya"})
    before = server.command("INFO", "memory")["used_memory"]
    for n in range(count):
        cache.set(
            f"django.contrib.sessions.cache{n:032x}",
            {
                SESSION_KEY: str(100_000 + n),
                BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: "f" * 64,
                "_language": "id",
            },
            14 * 24 * 3600,
        )
    after = server.command("INFO", "memory")["used_memory"]
    cache.delete_many([f"django.contrib.sessions.cache{n:032x}" for n in range(count)])
    return (after - before) / count
