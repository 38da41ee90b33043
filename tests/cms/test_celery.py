"""The embedded default: a worker on the folder broker runs queued work with no server."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery.fixups.django import DjangoWorkerFixup
from celery.signals import task_postrun, task_prerun
from django.db import connection

from cms.celery import app

ROOT = Path(__file__).resolve().parents[2]


def test_worker_on_the_folder_broker_runs_a_task(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "CELERY_QUEUE_DIR": str(tmp_path / "celery"),
        "DATABASE_URL": "sqlite:///:memory:",
    }
    env.pop("CELERY_BROKER_URL", None)
    marker = tmp_path / "heartbeat.txt"
    send = (
        "import django; django.setup();"
        "from cms.tasks import write_heartbeat;"
        f"write_heartbeat.delay({str(marker)!r}, 'alive')"
    )
    subprocess.run([sys.executable, "-c", send], cwd=ROOT, env=env, check=True)
    assert not marker.exists()  # queued, not run in this process
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "cms", "worker", "--pool=solo", "-l", "WARNING"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert marker.read_text() == "alive"
        assert not (ROOT / "control").exists()  # broker state stays in its own folder
    finally:
        worker.terminate()
        worker.wait(timeout=20)


@pytest.fixture
def conn_max_age():
    """Set the connection's CONN_MAX_AGE for one test (it is read when the connection opens)."""
    saved = connection.settings_dict["CONN_MAX_AGE"]

    def set_to(seconds):
        connection.settings_dict["CONN_MAX_AGE"] = seconds
        connection.close()
        connection.ensure_connection()
        return connection.connection

    yield set_to
    connection.settings_dict["CONN_MAX_AGE"] = saved
    connection.close()


def _run_task_signals(task):
    """What a worker does around one task: Celery's Django fix-up, and the signals we handle."""
    fixup = DjangoWorkerFixup(app)
    fixup.on_task_prerun(sender=task)
    task_prerun.send(sender=task, task_id="t", task=task, args=(), kwargs={})
    task_postrun.send(sender=task, task_id="t", task=task, args=(), kwargs={}, retval=None)
    fixup.on_task_postrun(sender=task)


@pytest.mark.postgres  # SQLite's in-memory test database is never closed
# Serialized like the booking tests that may follow: without it, the flush after this test
# re-runs post_migrate, whose role groups then clash with their restored rows.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_keeps_a_healthy_connection_between_tasks_for_conn_max_age(conn_max_age):
    from cms.tasks import write_heartbeat

    kept = conn_max_age(60)
    _run_task_signals(write_heartbeat)
    assert connection.connection is kept  # no new connection for the next task

    connection.close_at = time.monotonic() - 1  # past its age
    _run_task_signals(write_heartbeat)
    assert connection.connection is None


@pytest.mark.postgres  # SQLite's in-memory test database is never closed
# Serialized like the booking tests that may follow: without it, the flush after this test
# re-runs post_migrate, whose role groups then clash with their restored rows.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_closes_the_connection_after_each_task_by_default(conn_max_age):
    from cms.tasks import write_heartbeat

    conn_max_age(0)
    _run_task_signals(write_heartbeat)
    assert connection.connection is None
