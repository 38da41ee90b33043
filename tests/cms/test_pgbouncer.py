"""Behind PgBouncer in transaction pooling (DATABASE_POOLER=pgbouncer): real Celery workers send
reminders through a real pgbouncer, and carry on after it restarts.

The pooler gets one server connection, so both workers' transactions take turns on it: a
prepared statement (psycopg names them ``_pg3_0``, ``_pg3_1``... per client) or a session
``SET`` left by one worker would meet the other one's there.
"""

import datetime
import time
from collections import Counter

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from notifications import services
from notifications.models import Delivery, DeliveryStatus, NotificationSettings
from notifications.tasks import tick
from tests.support.fixtures.push import vapid_env
from tests.support.pgbouncer import PgBouncer

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.pgbouncer,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def pgbouncer():
    bouncer = PgBouncer(server=connection.settings_dict, pool_size=1)
    bouncer.start()
    yield bouncer
    bouncer.close()


def _reminders_due(make_user, subscribe, count: int, first: int = 0) -> None:
    now = timezone.now()
    for index in range(first, first + count):
        person = make_user("participants", f"0813300{index:05d}", preferred_language="id")
        NotificationSettings.objects.create(
            user=person, quiet_start=datetime.time(0), quiet_end=datetime.time(0)
        )
        subscribe(person)
        services.reminder_schedule(
            recipient=person, kind="test_reminder", obj=person, at=now, url=f"/id/p/{index}/"
        )


def _wait(condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_workers_behind_pgbouncer_send_each_reminder_once_across_a_pooler_restart(
    pgbouncer, start_worker, make_user, subscribe, push_service, vapid_settings
):
    env = {
        **vapid_env(),
        "DATABASE_URL": pgbouncer.url(connection.settings_dict["NAME"]),
        "DATABASE_POOLER": "pgbouncer",
        # kept connections, so the restart below breaks them and the health check must notice
        "DB_CONN_MAX_AGE": "600",
        "WEBPUSH_BATCH_SIZE": "5",
    }
    start_worker(env=env, concurrency=2)
    start_worker(env=env, concurrency=1)

    _reminders_due(make_user, subscribe, 30)
    ticks = [tick.delay() for _ in range(3)]
    assert all(start_worker.finished(t) for t in ticks)
    assert _wait(lambda: push_service.count() >= 30), pgbouncer.log()[-2000:]

    pgbouncer.restart()  # every kept connection of both workers is cut

    _reminders_due(make_user, subscribe, 30, first=30)
    ticks = [tick.delay() for _ in range(3)]
    assert all(start_worker.finished(t) for t in ticks)
    assert _wait(lambda: push_service.count() >= 60), pgbouncer.log()[-2000:]
    assert _wait(lambda: Delivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == 60, 30)

    # Each reminder reached its device once; nothing failed on a leftover prepared statement.
    ids = Counter(message["payload"]["id"] for message in push_service.messages())
    assert len(ids) == 60
    assert set(ids.values()) == {1}
    assert not Delivery.objects.exclude(status=DeliveryStatus.DELIVERED).exists()

    # A fresh client of the pooler finds the server connection as the workers found it: no
    # session setting left behind, no prepared statement kept.
    with psycopg.connect(pgbouncer.url(connection.settings_dict["NAME"]), autocommit=True) as db:
        assert db.execute("SHOW synchronous_commit").fetchone()[0] == "on"
        assert db.execute("SELECT count(*) FROM pg_prepared_statements").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM cms_user").fetchone()[0] == 60


def _pooled_connection(bouncer: PgBouncer, settings_dict: dict, alias: str, options: dict):
    """A Django connection of its own to the test database through ``bouncer``."""
    from django.db.backends.postgresql.base import DatabaseWrapper

    return DatabaseWrapper(
        {
            **settings_dict,
            "HOST": "127.0.0.1",
            "PORT": bouncer.port,
            "OPTIONS": {**settings_dict.get("OPTIONS", {}), **options},
        },
        alias,
    )


@pytest.mark.parametrize(
    ("pooler", "options", "clash"),
    [
        # what DATABASE_POOLER=pgbouncer sets up (cms/settings/base.py)
        ("pgbouncer", {"prepare_threshold": None}, False),
        # the code's own guard, should OPTIONS turn prepared statements back on (Django leaves
        # them off unless OPTIONS sets a threshold; a direct connection may well set one)
        ("pgbouncer", {"prepare_threshold": 5}, False),
        # a direct connection's settings wrongly used behind a pooler: the clash is real
        ("", {"prepare_threshold": 5}, True),
    ],
    ids=["settings", "code-guard", "no-pooler-setting"],
)
def test_delivery_outcomes_prepare_statements_only_without_a_pooler(
    pgbouncer, settings, monkeypatch, pooler, options, clash
):
    """Two processes recording push outcomes through one server connection: a statement the
    first prepared (psycopg calls it ``_pg3_0`` in every client) is there when the second
    prepares its own. Behind the pooler nothing is prepared and both succeed; the last case
    shows this test would see a prepared statement slip back in."""
    from django.db import DatabaseError

    from notifications.delivery import outcomes

    settings.DATABASE_POOLER = pooler
    first, second = (
        _pooled_connection(pgbouncer, connection.settings_dict, name, options)
        for name in ("a", "b")
    )
    fields = {"status": DeliveryStatus.DELIVERED, "updated_at": timezone.now()}
    try:
        monkeypatch.setattr(outcomes, "connections", {"default": first})
        outcomes.outcome_write(1, "token", fields)
        monkeypatch.setattr(outcomes, "connections", {"default": second})
        if clash:
            with pytest.raises(DatabaseError, match="already exists"):
                outcomes.outcome_write(1, "token", fields)
        else:
            outcomes.outcome_write(1, "token", fields)
    finally:
        first.close()
        second.close()
