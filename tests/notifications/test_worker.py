"""The scheduler with a real Celery worker on Redis and PostgreSQL: each reminder sent once."""

import datetime
import os
import signal
import time
from collections import Counter

import pytest
from django.db.models import F
from django.utils import timezone

from coaching import notices as clinic_rules
from coaching import services as coaching
from notifications import conf, services
from notifications.models import (
    Delivery,
    DeliveryStatus,
    Notification,
    NotificationSettings,
    Reminder,
    ReminderStatus,
)
from notifications.tasks import tick

from .conftest import vapid_env

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]


def _people_with_reminders(make_user, subscribe, count: int, *, per_person: int = 1):
    """``count`` reminders due now, for people with one device each and no quiet hours."""
    now = timezone.now()
    people = []
    for index in range(count // per_person):
        person = make_user("participants", f"0813200{index:05d}", preferred_language="id")
        NotificationSettings.objects.create(
            user=person, quiet_start=datetime.time(0), quiet_end=datetime.time(0)
        )
        subscribe(person)
        people.append(person)
        for slot in range(per_person):
            services.reminder_schedule(
                recipient=person,
                kind="test_reminder",
                obj=person,
                at=now - datetime.timedelta(minutes=slot + 1),
                url=f"/id/r/{index}/{slot}/",
            )
    return people


def _wait(condition, timeout=60.0, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def _settled() -> bool:
    """Nothing left that could still push: no reminder due, no delivery waiting or in flight."""
    due = Reminder.objects.filter(
        status=ReminderStatus.SCHEDULED, scheduled_for__lte=timezone.now()
    )
    unsettled = Delivery.objects.filter(
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.RETRYING]
    )
    return not due.exists() and not unsettled.exists()


def _assert_each_reminder_once(push_service, count):
    assert Reminder.objects.filter(status=ReminderStatus.SENT).count() == count
    assert Notification.objects.count() == count
    assert Delivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == count
    # What the devices end up with: one message per notification, none lost.
    ids = Counter(message["payload"]["id"] for message in push_service.messages())
    assert len(ids) == count
    assert set(ids.values()) == {1}
    assert set(ids) == set(Notification.objects.values_list("pk", flat=True))


def test_a_notification_is_pushed_by_the_worker_after_commit(
    start_worker, participant, subscribe, push_service
):
    start_worker(env=vapid_env())
    NotificationSettings.objects.create(
        user=participant, quiet_start=datetime.time(0), quiet_end=datetime.time(0)
    )
    subscribe(participant)
    notification = services.notify(recipient=participant, kind="anything", url="/id/")
    received = push_service.wait_for(1)
    assert [r["payload"]["id"] for r in received] == [notification.pk]
    assert _wait(lambda: Delivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == 1, 10)


def test_two_ticks_at_once_send_each_reminder_once(
    start_worker, make_user, subscribe, push_service
):
    _people_with_reminders(make_user, subscribe, 120, per_person=2)
    start_worker(env=vapid_env(), concurrency=2)
    start_worker(env=vapid_env(), concurrency=1)
    # Two beats by mistake: both ticks run at the same moment on different workers.
    ticks = [tick.delay(), tick.delay(), tick.delay()]
    assert _wait(lambda: push_service.count() >= 120, 60)
    # Any duplicate that was going to happen has arrived once the ticks are done and nothing
    # is left to push: then look.
    assert all(start_worker.finished(t) for t in ticks)
    assert _wait(_settled, 30)
    assert push_service.count() == 120
    _assert_each_reminder_once(push_service, 120)


def test_a_worker_killed_mid_batch_loses_nothing_and_repeats_nothing(
    start_worker, make_user, subscribe, push_service
):
    """With the default claim timeout (a minute): the dead worker's pushes go out once their
    claims are that old, each once; only the one in flight at the kill can reach the push
    service twice, and then with the same Topic, so the second copy replaces the first."""
    _people_with_reminders(make_user, subscribe, 100)
    push_service.plan([], delay=0.03)  # a slow push service: the batch takes a few seconds
    env = {**vapid_env(), "WEBPUSH_BATCH_SIZE": "100"}
    worker = start_worker(["--pool=solo"], env=env)
    tick.delay()
    assert _wait(lambda: push_service.count() >= 20, 30)
    os.kill(worker.pid, signal.SIGKILL)  # no chance to finish, ack or clean up
    worker.wait(timeout=10)
    sent_before_kill = push_service.count()
    assert 20 <= sent_before_kill < 100, "the worker must die in the middle of the batch"
    in_db = Delivery.objects.filter(status=DeliveryStatus.DELIVERED).count()
    assert Delivery.objects.filter(status=DeliveryStatus.SENDING).count() == 100 - in_db

    push_service.plan([], delay=0)
    start_worker(env=env, concurrency=2)
    # The dead worker's claims go stale after the default claim timeout (a minute, as the
    # issue asks): move their clock on by that much rather than wait it out.
    timeout = conf.get("WEBPUSH_CLAIM_TIMEOUT")
    assert timeout <= 60
    Delivery.objects.filter(status=DeliveryStatus.SENDING).update(
        claimed_at=F("claimed_at") - datetime.timedelta(seconds=timeout + 1)
    )
    tick.delay()  # the next beat
    assert _wait(
        lambda: Delivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == 100, 60
    )
    _assert_each_reminder_once(push_service, 100)
    received = push_service.received()
    topics: dict[int, set] = {}
    for message in received:
        topics.setdefault(message["payload"]["id"], set()).add(message["topic"])
    assert all(len(seen) == 1 for seen in topics.values()), "a repeat must carry the same Topic"
    assert len(received) - len(topics) <= 1  # WEBPUSH_CONCURRENCY is 1: one push in flight


def test_a_long_batch_keeps_its_claim_while_other_workers_tick(
    start_worker, make_user, subscribe, push_service
):
    """A batch that takes longer than the claim timeout renews its claim, so the ticks of other
    workers do not take its pushes over and send them a second time."""
    _people_with_reminders(make_user, subscribe, 30)
    push_service.plan([], delay=0.25)  # 30 pushes take about 8 s: twice the claim timeout
    env = {**vapid_env(), "WEBPUSH_CLAIM_TIMEOUT": "4", "WEBPUSH_BATCH_SIZE": "30"}
    start_worker(env=env, concurrency=2)
    tick.delay()
    delivered = Delivery.objects.filter(status=DeliveryStatus.DELIVERED)
    deadline = time.monotonic() + 90
    while delivered.count() < 30 and time.monotonic() < deadline:
        tick.delay()
        time.sleep(1)
    assert delivered.count() == 30
    assert _wait(_settled, 30)  # a duplicate that was going to arrive has arrived
    assert push_service.count() == 30
    _assert_each_reminder_once(push_service, 30)


def test_a_booking_61_minutes_before_a_clinic_gives_exactly_one_1_hour_reminder(
    start_worker, expert_profile, make_session, make_participant, subscribe, push_service
):
    start_worker(env=vapid_env(), concurrency=2)
    ani = make_participant(name="Ani", preferred_language="id", time_zone="Asia/Makassar")
    # Quiet hours are tested on their own; this test must not depend on the hour it runs at.
    NotificationSettings.objects.create(
        user=ani, quiet_start=datetime.time(0), quiet_end=datetime.time(0)
    )
    subscribe(ani)
    booked_at = timezone.now()
    session = make_session(
        expert_profile,
        starts_at=booked_at + datetime.timedelta(minutes=61),
        minutes=30,
        notice_hours=0,
    )
    coaching.booking_create(participant=ani, session=session, request_key=str(booked_at))
    reminder = Reminder.objects.get(recipient=ani, kind=clinic_rules.BEFORE_1H)
    assert reminder.scheduled_for == session.starts_at - datetime.timedelta(hours=1)
    assert not Reminder.objects.filter(recipient=ani, kind=clinic_rules.BEFORE_24H).exists()
    # The booking confirmation comes at once; a tick before the reminder is due sends nothing.
    assert _wait(lambda: push_service.count() == 1, 20)
    assert start_worker.finished(tick.delay())
    assert push_service.count() == 1
    # The beat's ticks once it is due (twice, as two beats would): exactly one reminder. The
    # clock reaches the reminder's time: rather than wait a real minute, bring that time to now
    # (the scheduler only compares the two).
    Reminder.objects.filter(pk=reminder.pk).update(scheduled_for=timezone.now())
    ticks = [tick.delay(), tick.delay()]
    assert _wait(lambda: push_service.count() >= 2, 30)
    assert all(start_worker.finished(t) for t in ticks)
    assert _wait(_settled, 30)
    received = push_service.received()
    reminders = [r for r in received if r["payload"]["title"] == "Klinik Anda mulai 1 jam lagi"]
    assert len(received) == 2 and len(reminders) == 1
    [got] = reminders
    wita = session.starts_at.astimezone(ani.zoneinfo)
    assert got["payload"]["body"] == f"Akses permodalan, {_id_date(wita)}, {wita:%H:%M} WITA."
    assert got["payload"]["url"] == f"/id/coaching/{session.pk}/"
    to_clinic = session.starts_at.timestamp() - got["received_at"]
    assert 0 < got["ttl"] <= to_clinic
    assert got["urgency"] == "high"


def _id_date(local: datetime.datetime) -> str:
    days = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]
    months = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    return f"{days[local.weekday()]} {local.day} {months[local.month - 1]}"
