"""The embedded default: a worker on the folder broker runs queued work with no server."""

import os
import subprocess
import sys
import time
from pathlib import Path

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
