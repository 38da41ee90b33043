"""Capacity under real concurrency: many PostgreSQL connections from threads, at once.

Commit order is observed independently of our code: each booking transaction also sends a
PostgreSQL NOTIFY, and PostgreSQL delivers notifications in the order transactions commit.
"""

import datetime as dt
import threading
import uuid

import psycopg
import pytest
from django.db import connection, connections, transaction

from coaching import services
from coaching.models import Booking, BookingStatus

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHANNEL = "coaching_booking_commits"


def _dsn() -> str:
    s = connection.settings_dict
    return (
        f"host={s['HOST'] or '127.0.0.1'} port={s['PORT'] or 5432} "
        f"dbname={s['NAME']} user={s['USER']}"
        + (f" password={s['PASSWORD']}" if s.get("PASSWORD") else "")
    )


def _book_all_at_once(session, people, *, same_key_twice=False):
    """Each person books from their own thread and connection; returns (commit order, errors)."""
    listener = psycopg.connect(_dsn(), autocommit=True)
    listener.execute(f"LISTEN {CHANNEL}")
    threads_total = len(people) * (2 if same_key_twice else 1)
    barrier = threading.Barrier(threads_total)
    errors: list[BaseException] = []
    keys = {person.pk: uuid.uuid4() for person in people}

    def book(person):
        try:
            barrier.wait()
            with transaction.atomic():
                result = services.booking_create(
                    participant=person, session=session, request_key=keys[person.pk]
                )
                if result.created:
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, str(person.pk)])
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(p,)) for p in people]
    if same_key_twice:
        threads += [threading.Thread(target=book, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    order = [int(n.payload) for n in listener.notifies(timeout=10, stop_after=len(people))]
    listener.close()
    return order, errors


@pytest.mark.parametrize(("seats", "crowd"), [(5, 50), (1, 20)])
def test_crowd_books_at_once_never_overbooks(
    seats, crowd, expert_profile, make_session, make_participant
):
    session = make_session(expert_profile, capacity=seats)
    people = [make_participant() for _ in range(crowd)]
    commit_order, errors = _book_all_at_once(session, people)

    assert errors == []
    assert len(commit_order) == crowd
    bookings = list(Booking.objects.filter(session=session))
    assert len(bookings) == crowd, "nobody twice, nobody lost"
    assert len({b.participant_id for b in bookings}) == crowd
    confirmed = [b for b in bookings if b.status == BookingStatus.CONFIRMED]
    waitlisted = sorted(
        (b for b in bookings if b.status == BookingStatus.WAITLISTED), key=lambda b: b.queue_number
    )
    assert len(confirmed) == seats
    assert len(waitlisted) == crowd - seats
    # The first to commit got the seats; the rest wait in the order they committed.
    assert {b.participant_id for b in confirmed} == set(commit_order[:seats])
    assert [b.participant_id for b in waitlisted] == commit_order[seats:]
    session.refresh_from_db()
    assert session.confirmed_count == seats


def test_retried_requests_with_the_same_key_book_once(
    expert_profile, make_session, make_participant
):
    """Every person's request arrives twice at the same moment (a flaky 2G link)."""
    session = make_session(expert_profile, capacity=3)
    people = [make_participant() for _ in range(10)]

    commit_order, errors = _book_all_at_once(session, people, same_key_twice=True)

    assert errors == []
    assert sorted(commit_order) == sorted(p.pk for p in people)
    assert Booking.objects.filter(session=session).count() == 10
    assert Booking.objects.filter(session=session, status="confirmed").count() == 3


def test_database_refuses_overbooking_even_without_the_service(expert_profile, make_session):
    """The check constraint is the last line: a direct UPDATE past capacity fails."""
    from django.db import IntegrityError
    from django.db.models import F

    from coaching.models import ClinicSession

    session = make_session(expert_profile, capacity=1)
    ClinicSession.objects.filter(pk=session.pk).update(confirmed_count=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClinicSession.objects.filter(pk=session.pk).update(confirmed_count=F("confirmed_count") + 1)


def _run_at_once(jobs):
    """Run callables at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except BaseException as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def test_one_person_booking_two_overlapping_sessions_at_once_gets_one(
    expert_profile, other_expert_profile, make_session, make_participant
):
    first = make_session(expert_profile)
    second = make_session(other_expert_profile, starts_at=first.starts_at)
    person = make_participant()
    results = _run_at_once(
        [
            lambda: services.booking_create(participant=person, session=first),
            lambda: services.booking_create(participant=person, session=second),
        ]
    )
    refused = [r for r in results if isinstance(r, services.CoachingError)]
    assert len(refused) == 1 and refused[0].code == "participant_overlap"
    assert Booking.objects.filter(participant=person).count() == 1


def test_cancellations_and_bookings_at_once_keep_the_count(
    expert_profile, make_session, make_participant
):
    """Seat holders cancel while others book: promotions and new bookings race, and lock in
    opposite orders (deadlocks are retried); the session still ends with exactly its seats."""
    session = make_session(expert_profile, capacity=3)
    holders = [make_participant() for _ in range(3)]
    seats = [services.booking_create(participant=p, session=session).booking for p in holders]
    waiting = [make_participant() for _ in range(4)]
    for person in waiting:
        services.booking_create(participant=person, session=session)
    newcomers = [make_participant() for _ in range(8)]

    jobs = [
        (lambda b=b, p=p: services.booking_cancel(by=p, booking=b))
        for b, p in zip(seats, holders, strict=True)
    ] + [(lambda p=p: services.booking_create(participant=p, session=session)) for p in newcomers]
    results = _run_at_once(jobs)

    assert [r for r in results if isinstance(r, BaseException)] == []
    session.refresh_from_db()
    confirmed = Booking.objects.filter(session=session, status=BookingStatus.CONFIRMED)
    assert confirmed.count() == 3 == session.confirmed_count
    # The freed seats went to the people who were already waiting, first in line first.
    assert set(confirmed.values_list("participant_id", flat=True)) == {p.pk for p in waiting[:3]}
    assert Booking.objects.filter(session=session, status="waitlisted").count() == 1 + 8


def _wait_until_blocked_on_a_lock(timeout: float = 20.0) -> None:
    """Until some other connection of this database waits for a row or index lock."""
    import time

    watcher = psycopg.connect(_dsn(), autocommit=True)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            waiting = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            ).fetchone()[0]
            if waiting:
                return
            time.sleep(0.02)
        raise AssertionError("the second request never waited for the first")
    finally:
        watcher.close()


def test_a_request_key_reused_by_someone_else_at_once_is_refused_cleanly(
    expert_profile, other_expert_profile, make_session, make_participant
):
    """Two people send the same request key at the same moment, for different clinics (a copied
    link, a shared phone). The second must get a clear refusal (not a 500) and change nothing:
    here its INSERT waits on the first one's uncommitted key, then hits the unique constraint."""
    from coaching.models import ClinicSession

    first_session = make_session(expert_profile)
    second_session = make_session(
        other_expert_profile, starts_at=first_session.starts_at + dt.timedelta(hours=3)
    )
    ani, budi = make_participant(), make_participant()
    key = uuid.uuid4()
    ani_booked, release = threading.Event(), threading.Event()
    outcome: dict = {}

    def ani_books():
        try:
            with transaction.atomic():
                outcome["ani"] = services.booking_create(
                    participant=ani, session=first_session, request_key=key
                )
                ani_booked.set()
                release.wait(30)  # commit only once Budi's insert waits for this transaction
        except BaseException as error:
            outcome["ani"] = error
            ani_booked.set()
        finally:
            connections.close_all()

    def budi_books():
        try:
            outcome["budi"] = services.booking_create(
                participant=budi, session=second_session, request_key=str(key)
            )
        except BaseException as error:
            outcome["budi"] = error
        finally:
            connections.close_all()

    first = threading.Thread(target=ani_books)
    first.start()
    assert ani_booked.wait(30)
    second = threading.Thread(target=budi_books)
    second.start()
    try:
        _wait_until_blocked_on_a_lock()
    finally:
        release.set()
        first.join(60)
        second.join(60)

    assert outcome["ani"].booking.participant_id == ani.pk
    refused = outcome["budi"]
    assert isinstance(refused, services.CoachingError), refused
    assert refused.code == "key"
    assert "already used" in " ".join(refused.messages) or "sudah dipakai" in " ".join(
        refused.messages
    )
    # Nothing of Budi's request stayed: no booking, the seat count and the queue untouched.
    assert not Booking.objects.filter(participant=budi).exists()
    second_session = ClinicSession.objects.get(pk=second_session.pk)
    assert (second_session.confirmed_count, second_session.queue_counter) == (0, 0)
    assert Booking.objects.get(request_key=key).participant_id == ani.pk


def test_the_same_follow_up_sent_twice_at_once_is_kept_once(
    expert_profile, make_session, make_participant
):
    """A double tap on a slow link: two identical follow-up requests at the same moment."""
    from django.utils import timezone

    from coaching.models import FollowUp

    session = make_session(expert_profile)
    booking = services.booking_create(participant=make_participant(), session=session).booking
    due_at = (timezone.now() + dt.timedelta(days=7)).replace(microsecond=0)

    def send():
        return services.follow_up_create(
            by=expert_profile.user,
            booking=booking,
            title="Buat daftar harga",
            instructions="Tulis harga tiga produk.",
            due_at=due_at,
        )

    results = _run_at_once([send, send])

    assert [r for r in results if isinstance(r, BaseException)] == []
    assert results[0].pk == results[1].pk
    assert FollowUp.objects.filter(booking=booking).count() == 1
