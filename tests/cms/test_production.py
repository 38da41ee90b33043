"""The production settings and the README's production recipe, run as an operator would."""

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra) -> dict[str, str]:
    """The environment an operator gives the production settings (README's table)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # the test run's own (tests/conftest.py)
            "HTTPS",
            "SECURE_COOKIES",
            "CELERY_BROKER_URL",
        }
        and not key.startswith("HSTS_")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "berdaya.example",
            "CSRF_TRUSTED_ORIGINS": "https://berdaya.example",
        }
    )
    env.update(extra)
    return env


def _setting(env: dict[str, str], *names: str) -> list[str]:
    code = "import django; django.setup(); from django.conf import settings; " + "; ".join(
        f"print(repr(settings.{name}))" for name in names
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.split()


class TestCheckDeploy:
    def test_no_warnings_with_the_production_settings(self):
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=ROOT,
            env=production_env(),
            capture_output=True,
            text=True,
        )
        output = result.stdout + result.stderr
        assert result.returncode == 0, output
        assert "System check identified no issues (0 silenced)." in output

    def test_https_is_on_by_default(self):
        values = _setting(
            production_env(),
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
        )
        assert values == ["True", str(365 * 24 * 3600), "True", "True"]

    @pytest.mark.parametrize("switch", ["HTTPS", "SECURE_COOKIES"])
    def test_one_switch_for_plain_http(self, switch):
        """HTTPS=0 (or its older name SECURE_COOKIES=0) turns all of it off at once."""
        values = _setting(
            production_env(**{switch: "0"}),
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
        )
        assert values == ["False", "0", "False", "False"]


class TestCelery:
    def test_worker_without_settings_module_refuses_to_start_without_secrets(self, tmp_path):
        """No fall-back to the debug settings: like wsgi, the worker takes the production
        settings, which refuse to start without SECRET_KEY."""
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS"}
        }
        env["CELERY_QUEUE_DIR"] = str(tmp_path / "celery")
        try:
            result = subprocess.run(
                [sys.executable, "-m", "celery", "-A", "cms", "worker", "--pool=solo"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
        except subprocess.TimeoutExpired:
            pytest.fail("the worker started without DJANGO_SETTINGS_MODULE and without secrets")
        assert result.returncode != 0
        assert "SECRET_KEY must be set in production" in result.stdout + result.stderr

    @pytest.mark.redis
    def test_two_beats_send_each_job_once_and_the_standby_takes_over(self, redis_url, tmp_path):
        """The README's `celery -A cms beat` on two machines at once (production settings on
        Redis): the schedule's lock lets one send the minute tick (here every second) and keeps
        the other waiting; killed, the first is replaced by the standby within the lock's
        timeout, so jobs neither double nor stop."""
        import redis

        token = secrets.token_hex(4)
        env = production_env(
            CELERY_BROKER_URL=redis_url,
            CELERY_QUEUE_DIR=str(tmp_path / "fresh" / "celery"),
            CELERY_TASK_DEFAULT_QUEUE=f"beat-test-{token}",
            CELERY_REDBEAT_KEY_PREFIX=f"redbeat-test-{token}:",
            CELERY_REDBEAT_LOCK_TIMEOUT="4",
            CELERY_BEAT_MAX_LOOP_INTERVAL="1",
            NOTIFICATIONS_TICK_SECONDS="1",
        )
        logs = [tmp_path / "beat-a.log", tmp_path / "beat-b.log"]
        beats = []
        for log in logs:
            with open(log, "wb") as out:
                beats.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "celery", "-A", "cms", "beat", "-l", "INFO"],
                        cwd=ROOT,
                        env=env,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                    )
                )

        def ticks() -> list[int]:
            return [log.read_text().count("Sending due task notifications-tick") for log in logs]

        def wait_for(condition, timeout: float) -> bool:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if condition():
                    return True
                time.sleep(0.2)
            return False

        try:
            assert wait_for(lambda: sum(ticks()) >= 4, 60), [log.read_text() for log in logs]
            sent = ticks()
            active = 0 if sent[0] else 1
            standby = 1 - active
            assert sent[standby] == 0, f"both beats sent the tick: {sent}"
            assert all(beat.poll() is None for beat in beats), "the standby waits, running"

            beats[active].kill()  # kill -9: no clean release of the lock
            beats[active].wait(timeout=10)
            assert wait_for(lambda: ticks()[standby] >= 2, 30), logs[standby].read_text()
        finally:
            for beat in beats:
                if beat.poll() is None:
                    beat.terminate()
                    beat.wait(timeout=20)
            client = redis.Redis.from_url(redis_url)
            for key in client.scan_iter(f"redbeat-test-{token}:*"):
                client.delete(key)
            client.delete(f"beat-test-{token}")
