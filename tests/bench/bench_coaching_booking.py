"""Benchmark: 200 booking requests hit 10 sessions of 5 seats at once, on PostgreSQL.

Prints bookings per second and how many were confirmed (it must be exactly 50: 10 × 5). The
requests come from 32 threads, each with its own database connection (PostgreSQL allows ~100
connections and other work shares it), released together by a barrier.
"""

import statistics
import threading
import time
import uuid

import pytest
from django.db import connections

from coaching import services
from coaching.models import Booking

pytestmark = [
    pytest.mark.bench,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REQUESTS = 200
SESSIONS = 10
SEATS = 5
THREADS = 32


def test_200_requests_on_10_sessions_of_5_seats(expert_profile, make_session, make_participant):
    import datetime as dt

    sessions = [
        make_session(expert_profile, start_in=dt.timedelta(days=2, hours=2 * i), capacity=SEATS)
        for i in range(SESSIONS)
    ]
    people = [make_participant() for _ in range(REQUESTS)]
    jobs = [(people[i], sessions[i % SESSIONS], uuid.uuid4()) for i in range(REQUESTS)]
    chunks = [jobs[i::THREADS] for i in range(THREADS)]
    barrier = threading.Barrier(THREADS + 1)
    latencies: list[float] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(chunk):
        try:
            connections["default"].ensure_connection()
            barrier.wait()
            for person, session, key in chunk:
                started = time.perf_counter()
                services.booking_create(participant=person, session=session, request_key=key)
                with lock:
                    latencies.append(time.perf_counter() - started)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join(120)
    elapsed = time.perf_counter() - started

    confirmed = Booking.objects.filter(status="confirmed").count()
    waitlisted = Booking.objects.filter(status="waitlisted").count()
    per_session = {
        s.pk: Booking.objects.filter(session=s, status="confirmed").count() for s in sessions
    }
    latencies.sort()
    rows = [
        ("requests", f"{REQUESTS}", f"{SESSIONS} sessions × {SEATS} seats, {THREADS} connections"),
        ("elapsed", f"{elapsed:.2f} s", ""),
        ("bookings per second", f"{REQUESTS / elapsed:.0f}", "(no target; figure to watch)"),
        ("latency p50", f"{statistics.median(latencies) * 1000:.0f} ms", ""),
        ("latency p95", f"{latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms", ""),
        ("confirmed", f"{confirmed}", f"target {SESSIONS * SEATS}"),
        ("waitlisted", f"{waitlisted}", f"target {REQUESTS - SESSIONS * SEATS}"),
    ]
    print("\n\nCoaching booking benchmark (PostgreSQL)")
    for name, value, note in rows:
        print(f"  {name:<22}{value:>12}   {note}")
    print(f"  {confirmed} confirmed\n")

    assert errors == []
    assert confirmed == SESSIONS * SEATS
    assert set(per_session.values()) == {SEATS}
    assert waitlisted == REQUESTS - SESSIONS * SEATS
