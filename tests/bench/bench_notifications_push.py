"""Benchmark: 5,000 reminders sent through the Celery workers to the test push service, next to
a plain loop calling pywebpush one message at a time in one process, in the same run.

Both send to the same test push service (its own process, on the same two cores), which checks
each VAPID token and decrypts each payload. Prints reminders per second for both, the ratio
(target: at least 1.5×), and where the time goes: signing, encryption, HTTP and database on the
workers' side, from the per-batch timings the workers log; and the CPU per message of every
process involved (sender, push service, PostgreSQL, Redis), which on two shared cores is what
bounds the workers' rate.
"""

import datetime
import json
import os
import re
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from pywebpush import webpush

from notifications import kinds
from notifications.models import (
    Delivery,
    DeliveryStatus,
    NotificationSettings,
    PushSubscription,
    Reminder,
)
from notifications.tasks import tick
from tests.notifications import conftest as notification_fixtures

# The test VAPID keys in the settings for every benchmark here, as in tests/notifications/.
vapid_settings = notification_fixtures.vapid_settings

pytestmark = [
    pytest.mark.bench,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

REMINDERS = 5000
PEOPLE = 1000  # five reminders each, one device each
WORKER_PROCESSES = 3
THREADS = 1  # pushes in flight per worker process
TARGET_RATIO = 1.5


def _setup(push_service):
    User = get_user_model()
    people = User.objects.bulk_create(
        [
            User(
                mobile=f"+62813{index:08d}",
                name=f"Bench {index}",
                preferred_language="id" if index % 3 else "en",
                time_zone="Asia/Makassar" if index % 2 else "Asia/Jakarta",
            )
            for index in range(PEOPLE)
        ]
    )
    NotificationSettings.objects.bulk_create(
        [
            NotificationSettings(
                user=person, quiet_start=datetime.time(0), quiet_end=datetime.time(0)
            )
            for person in people
        ]
    )
    infos = push_service.subscribe(PEOPLE)
    PushSubscription.objects.bulk_create(
        [
            PushSubscription(
                user=person,
                endpoint=info["endpoint"],
                p256dh=info["keys"]["p256dh"],
                auth=info["keys"]["auth"],
            )
            for person, info in zip(people, infos, strict=True)
        ]
    )
    now = timezone.now()
    # Created in bulk here; the scheduling itself is not what is measured.
    from django.contrib.contenttypes.models import ContentType

    user_type = ContentType.objects.get_for_model(User)
    Reminder.objects.bulk_create(
        [
            Reminder(
                recipient=person,
                kind="bench_reminder",
                content_type=user_type,
                object_id=str(person.pk),
                scheduled_for=now - datetime.timedelta(minutes=slot + 1),
                expires_at=now + datetime.timedelta(hours=1),
                url=f"/id/coaching/{slot}/",
                params={"topic": "Akses modal", "start": {"__datetime__": now.isoformat()}},
            )
            for person in people
            for slot in range(REMINDERS // PEOPLE)
        ]
    )
    return infos


def _plain_loop(infos, payload: bytes, private_key: str, contact: str, count: int) -> dict:
    """What a simple implementation does: one pywebpush.webpush() call per message."""
    started = time.perf_counter()
    for index in range(count):
        webpush(
            subscription_info=infos[index % len(infos)],
            data=payload,
            vapid_private_key=private_key,
            vapid_claims={"sub": contact},
            ttl=3600,
            headers={"Urgency": "high"},
        )
    return {"seconds": time.perf_counter() - started}


def _loop_breakdown(infos, payload: bytes, private_key: str, contact: str, sample=300) -> dict:
    """Per-message cost of the loop's signing and encryption, measured apart on a sample."""
    from py_vapid import Vapid
    from pywebpush import WebPusher

    started = time.perf_counter()
    for _ in range(sample):
        Vapid.from_string(private_key).sign(
            {"sub": contact, "aud": "http://127.0.0.1", "exp": int(time.time()) + 3600}
        )
    signing = (time.perf_counter() - started) / sample
    started = time.perf_counter()
    for index in range(sample):
        WebPusher(infos[index % len(infos)]).encode(payload, "aes128gcm")
    encryption = (time.perf_counter() - started) / sample
    return {"signing": signing, "encryption": encryption}


def _processes() -> dict[int, tuple[str, int, float, float]]:
    """Every process from /proc: pid → (name, parent pid, own CPU s, reaped children's CPU s)."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            name, rest = Path(f"/proc/{entry}/stat").read_text().split(" (", 1)[1].rsplit(")", 1)
        except (OSError, ValueError):
            continue  # gone meanwhile
        fields = rest.split()
        found[int(entry)] = (
            name,
            int(fields[1]),
            (int(fields[11]) + int(fields[12])) / ticks,
            (int(fields[13]) + int(fields[14])) / ticks,
        )
    return found


def _tree_cpu(root: int) -> float:
    """CPU seconds of a process and its children (the Celery pool)."""
    return sum(cpu for pid, (_, parent, cpu, _) in _processes().items() if root in (pid, parent))


def _server_cpu(name: str) -> float | None:
    """CPU seconds of a local server (``postgres``, ``redis-server``) and its finished children.

    PostgreSQL forks a backend per connection; when one ends, its CPU time moves to the
    postmaster's children's time (``cutime``/``cstime``), so nothing is lost. None if the server
    is not on this machine.
    """
    processes = _processes()
    ours = {pid: row for pid, row in processes.items() if row[0] == name}
    if not ours:
        return None
    total = 0.0
    for _pid, (_, parent, cpu, reaped) in ours.items():
        total += cpu
        if parent not in ours:  # the server's root process: add its reaped children
            total += reaped
    return total


def _worker_timings(log_dir) -> dict:
    totals = {"signing": 0.0, "encryption": 0.0, "http": 0.0, "database": 0.0, "total": 0.0}
    batches = 0
    ticks = 0.0
    for log in log_dir.glob("worker-*.log"):
        for line in log.read_text(errors="replace").splitlines():
            match = re.search(r"push batch (\{.*\})", line)
            if match:
                seconds = json.loads(match.group(1))["seconds"] or {}
                for key in totals:
                    totals[key] += seconds.get(key, 0.0)
                batches += 1
            match = re.search(r"tick (\{.*\})", line)
            if match:
                ticks += json.loads(match.group(1))["seconds"]
    return {**totals, "batches": batches, "reminders_to_notifications": ticks}


def test_5000_reminders_through_the_workers_versus_a_plain_loop(
    start_worker, push_service, tmp_path, vapid_settings
):
    kinds.register(
        "bench_reminder",
        title="Klinik Anda mulai dalam 1 jam",
        body="%(topic)s · %(start)s",
        ttl=3600,
        urgency="high",
    )
    infos = _setup(push_service)
    private_key = vapid_settings.WEBPUSH_VAPID_PRIVATE_KEY
    contact = vapid_settings.WEBPUSH_CONTACT
    sample_payload = json.dumps(
        {
            "title": "Klinik Anda mulai dalam 1 jam",
            "body": "Akses modal · Sab 21 Nov, 10:00 WITA",
            "url": "/id/coaching/1/",
            "tag": "x" * 16,
            "id": 123456,
        }
    ).encode()

    # 1. The plain loop, in this process: half before the workers run and half after, so both
    # see the same machine on average (other processes come and go on these two cores).
    def run_loop(count):
        service_before, cpu_before = push_service.cpu_seconds(), time.process_time()
        seconds = _plain_loop(infos, sample_payload, private_key, contact, count)["seconds"]
        return (
            seconds,
            time.process_time() - cpu_before,
            push_service.cpu_seconds() - service_before,
        )

    first_half = run_loop(REMINDERS // 2)
    assert push_service.count() == REMINDERS // 2
    loop_breakdown = _loop_breakdown(infos, sample_payload, private_key, contact)
    push_service.http.post(f"{push_service.origin}/_control/reset")

    # 2. The platform: reminders due in the database, one beat tick, the workers send.
    env = {
        **notification_fixtures.vapid_env(),
        "WEBPUSH_BATCH_SIZE": "50",
        "WEBPUSH_CONCURRENCY": str(THREADS),
        # As in production: workers keep their database connection between tasks.
        "DB_CONN_MAX_AGE": "60",
    }
    worker = start_worker(env=env, concurrency=WORKER_PROCESSES)
    service_cpu = push_service.cpu_seconds()
    worker_cpu = _tree_cpu(worker.pid)
    servers_before = {name: _server_cpu(name) for name in ("postgres", "redis-server")}
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    tick.delay()
    deadline = time.monotonic() + 300
    while push_service.count() < REMINDERS and time.monotonic() < deadline:
        time.sleep(0.05)
    # Done when every outcome is recorded too, not only when the last push arrived.
    delivered_rows = Delivery.objects.filter(status=DeliveryStatus.DELIVERED)
    while delivered_rows.count() < REMINDERS and time.monotonic() < deadline:
        time.sleep(0.02)
    ours = time.perf_counter() - started
    our_service_cpu = push_service.cpu_seconds() - service_cpu
    worker_cpu = _tree_cpu(worker.pid) - worker_cpu
    servers = {
        name: None if before is None else _server_cpu(name) - before
        for name, before in servers_before.items()
    }
    load_after = os.getloadavg()[0]
    delivered = Delivery.objects.filter(status=DeliveryStatus.DELIVERED).count()
    received = push_service.received()

    push_service.http.post(f"{push_service.origin}/_control/reset")
    second_half = run_loop(REMINDERS - REMINDERS // 2)
    assert push_service.count() == REMINDERS - REMINDERS // 2
    loop = {"seconds": first_half[0] + second_half[0]}
    loop_cpu = first_half[1] + second_half[1]
    loop_service_cpu = first_half[2] + second_half[2]

    loop_rate = REMINDERS / loop["seconds"]
    our_rate = REMINDERS / ours
    ratio = our_rate / loop_rate
    timings = _worker_timings(tmp_path)
    worker_busy = timings["total"] or 1.0
    print()
    print(f"{'':42}{'figure':>14}{'target':>12}")
    print(f"{'plain pywebpush loop, 1 process (2 halves)':42}{loop_rate:>10.0f} /s{'':>12}")
    print(
        f"{'Celery workers (' + str(WORKER_PROCESSES) + ' processes), via DB':42}"
        f"{our_rate:>10.0f} /s{'':>12}"
    )
    print(f"{'ratio':42}{ratio:>12.2f} ×{'≥ ' + str(TARGET_RATIO) + ' ×':>12}")
    print(f"{'delivered (DB) / received (service)':42}{delivered:>7} / {len(received):<6}")
    print()
    print("Where the time goes, per message (ms):")
    per = 1000 / REMINDERS
    print(f"  {'':28}{'loop':>10}{'workers':>10}")
    print(
        f"  {'VAPID signing':28}{loop_breakdown['signing'] * 1000:>10.3f}"
        f"{timings['signing'] * per:>10.3f}   (workers sign once per origin per hour)"
    )
    print(
        f"  {'encryption (aes128gcm)':28}{loop_breakdown['encryption'] * 1000:>10.3f}"
        f"{timings['encryption'] * per:>10.3f}"
    )
    loop_http = loop["seconds"] / REMINDERS - sum(loop_breakdown.values())
    print(
        f"  {'HTTP incl. service decrypt':28}{loop_http * 1000:>10.3f}"
        f"{timings['http'] * per:>10.3f}   (workers keep connections alive)"
    )
    print(
        f"  {'database (claim, outcome)':28}{'-':>10}{timings['database'] * per:>10.3f}"
        f"   + {timings['reminders_to_notifications']:.2f} s turning reminders into notifications"
    )
    print(
        f"  {'push service CPU (verify+decrypt)':28}{loop_service_cpu * 1000 / REMINDERS:>10.3f}"
        f"{our_service_cpu * 1000 / REMINDERS:>10.3f}   (its own process, same two cores)"
    )
    print("CPU per message (ms), all processes, on this machine's two cores:")
    print(
        f"  {'sender (loop / Celery workers)':28}{loop_cpu * 1000 / REMINDERS:>10.3f}"
        f"{worker_cpu * 1000 / REMINDERS:>10.3f}"
    )
    print(
        f"  {'push service':28}{loop_service_cpu * 1000 / REMINDERS:>10.3f}"
        f"{our_service_cpu * 1000 / REMINDERS:>10.3f}"
    )
    for name, label in (("postgres", "PostgreSQL"), ("redis-server", "Redis (broker)")):
        spent = servers[name]
        figure = "not local" if spent is None else f"{spent * 1000 / REMINDERS:.3f}"
        print(f"  {label:28}{'-':>10}{figure:>10}")
    loop_total = loop_cpu + loop_service_cpu
    our_total = worker_cpu + our_service_cpu + sum(v for v in servers.values() if v)
    print(
        f"  {'all of them':28}{loop_total * 1000 / REMINDERS:>10.3f}"
        f"{our_total * 1000 / REMINDERS:>10.3f}"
        f"   (cores kept busy: loop {loop_total / loop['seconds']:.2f},"
        f" workers {our_total / ours:.2f} of {os.cpu_count()})"
    )
    print(
        f"Machine load average {load_before:.1f} → {load_after:.1f} on {os.cpu_count()} cores:"
        " other processes compete for the same cores; the kernel shares CPU per session"
        " (autogroup), so when the machine is busy the workers' parallelism buys little and"
        " CPU per message decides."
    )
    print(
        f"  worker busy time {worker_busy:.1f} s over {WORKER_PROCESSES} processes in "
        f"{ours:.1f} s wall; {timings['batches']} batches"
    )
    assert delivered == REMINDERS
    assert len(received) == REMINDERS
    assert len({r["payload"]["id"] for r in received}) == REMINDERS
