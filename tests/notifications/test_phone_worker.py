"""WhatsApp with a real Celery worker on Redis and the fake gateway: the one-hour clinic reminder
reaches a participant without a push device exactly once; 5xx is retried and 429 waits; a worker
killed mid-batch loses nothing and sends nothing twice."""

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
from notifications.models import Delivery, DeliveryStatus, NotificationSettings, Reminder
from notifications.tasks import tick

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def _wait(condition, timeout=30.0, step=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def _daytime(person):
    NotificationSettings.objects.create(
        user=person, quiet_start=datetime.time(0), quiet_end=datetime.time(0)
    )


def test_the_1_hour_reminder_reaches_one_without_push_on_whatsapp_once_despite_5xx_and_429(
    start_worker, expert_profile, make_session, make_participant, gateway, gateway_http
):
    """The gateway first fails (502), then asks to wait 2 seconds (429): the reminder is retried
    and waits as told, and arrives exactly once, even with two ticks at once."""
    env = {**gateway_http("whatsapp"), "WEBPUSH_RETRY_BASE_SECONDS": "0.5"}
    start_worker(env=env)
    ani = make_participant(name="Ani", preferred_language="id", time_zone="Asia/Makassar")
    _daytime(ani)
    session = make_session(
        expert_profile,
        starts_at=timezone.now() + datetime.timedelta(minutes=61),
        minutes=30,
        notice_hours=0,
    )
    coaching.booking_create(participant=ani, session=session, request_key="k1")
    reminder = Reminder.objects.get(recipient=ani, kind=clinic_rules.BEFORE_1H)
    gateway.plan(502)
    gateway.plan(429, retry_after=2)
    Reminder.objects.filter(pk=reminder.pk).update(scheduled_for=timezone.now())
    ticks = [tick.delay(), tick.delay()]  # two beats by mistake
    assert _wait(lambda: len(gateway.messages()) >= 1)
    assert all(start_worker.finished(t) for t in ticks)
    [message] = gateway.messages()
    assert message["to"] == ani.mobile and message["template"] == "clinic_reminder_1h"
    wita = session.starts_at.astimezone(ani.zoneinfo)
    assert message["params"][0] == "Akses permodalan"
    assert message["params"][1].endswith(f"{wita:%H:%M} WITA")
    assert message["params"][2] == f"http://testserver/id/coaching/{session.pk}/"
    assert [r["status"] for r in gateway.rejected()] == [502, 429]
    # The accepted request came no sooner than the 2 seconds the gateway asked for.
    assert message["received_at"] - gateway.rejected()[1]["at"] >= 1.9
    delivery = Delivery.objects.get(channel="whatsapp")
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 3
    assert len(gateway.requests()) == 1


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(
    start_worker, make_user, gateway, gateway_http
):
    # A kind the worker knows (coaching registers it): urgent, and nobody here has a push device.
    kind = clinic_rules.SESSION_MOVED
    people = []
    for index in range(30):
        person = make_user("participants", f"0813300{index:05d}", preferred_language="id")
        _daytime(person)
        people.append(person)
    env = {**gateway_http("whatsapp"), "WEBPUSH_BATCH_SIZE": "30"}
    gateway.delay = 0.1  # a slow gateway: the batch takes a few seconds
    for index, person in enumerate(people):  # one tick turns them into one batch
        services.reminder_schedule(
            recipient=person,
            kind=kind,
            obj=person,
            at=timezone.now() - datetime.timedelta(minutes=1),
            url="/id/",
            params={"title": f"Klinik {index}", "when": "besok"},
        )
    worker = start_worker(["--pool=solo"], env=env)
    tick.delay()
    assert _wait(lambda: len(gateway.requests()) >= 5, 30)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    assert len(gateway.requests()) < 30, "the worker must die in the middle of the batch"

    gateway.delay = 0
    start_worker(env=env, concurrency=2)
    timeout = conf.get("WEBPUSH_CLAIM_TIMEOUT")
    Delivery.objects.filter(status=DeliveryStatus.SENDING).update(
        claimed_at=F("claimed_at") - datetime.timedelta(seconds=timeout + 1)
    )
    tick.delay()
    assert _wait(lambda: Delivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == 30, 60)
    messages = gateway.messages()
    assert Counter(m["to"] for m in messages) == Counter(p.mobile for p in people)
    # At most the one request in flight at the kill was repeated, with the same reference,
    # and the gateway did not send it again.
    assert len(gateway.requests()) - len(messages) <= 1
