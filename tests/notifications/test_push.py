"""Pushing to the test push service: what arrives, and how each answer is handled."""

import datetime
import logging
import time

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications import kinds, services
from notifications.channels import webpush
from notifications.delivery import (
    claims_renew,
    deliveries_claim,
    deliveries_send,
    parse_retry_after,
    retry_delay,
)
from notifications.models import (
    Delivery,
    DeliveryStatus,
    Notification,
    NotificationSettings,
    PushSubscription,
)

from .conftest import CONTACT, VAPID_PUBLIC

pytestmark = pytest.mark.django_db


def send() -> dict:
    """Run one sending batch; its outcome counts (without the timings)."""
    counts = deliveries_send()
    counts.pop("seconds", None)
    return counts


@pytest.fixture(autouse=True)
def push_kind():
    kinds.register(
        "test_push",
        label=_("Account"),
        title=_("Account"),
        body="%(what)s",
        ttl=2 * 3600,
        urgency="high",
    )


@pytest.fixture
def daytime(participant):
    """No quiet hours for the participant, whatever the hour the tests run at."""
    NotificationSettings.objects.create(
        user=participant, quiet_start=datetime.time(0, 0), quiet_end=datetime.time(0, 0)
    )


def test_a_push_arrives_encrypted_signed_and_in_the_persons_language(
    participant, subscribe, push_service, daytime
):
    subscribe(participant)
    services.notify(
        recipient=participant, kind="test_push", url="/id/coaching/", params={"what": "Halo"}
    )
    assert send() == {"delivered": 1}
    [got] = push_service.received()
    assert got["payload"]["title"] == "Akun"
    assert got["payload"]["body"] == "Halo"
    assert got["payload"]["url"] == "/id/coaching/"
    assert got["urgency"] == "high"
    assert 7000 <= got["ttl"] <= 7200
    assert got["topic"] and len(got["topic"]) <= 32
    assert got["claims"]["aud"] == push_service.origin
    assert got["claims"]["sub"] == CONTACT
    assert got["claims"]["exp"] <= time.time() + 24 * 3600
    assert got["vapid_key"] == VAPID_PUBLIC
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.status_code == 201


def test_every_device_gets_it_and_a_repeat_does_not_resend(
    participant, subscribe, push_service, daytime
):
    subscribe(participant, 2)
    services.notify(recipient=participant, kind="test_push", url="/", params={"what": "x"})
    assert send() == {"delivered": 2}
    assert send() == {}
    assert len({r["subscription"] for r in push_service.received()}) == 2


def test_ttl_never_outlives_the_expiry(participant, subscribe, push_service, daytime):
    subscribe(participant)
    services.notify(
        recipient=participant,
        kind="test_push",
        url="/",
        expires_at=timezone.now() + datetime.timedelta(minutes=10),
    )
    send()
    [got] = push_service.received()
    assert 590 <= got["ttl"] <= 600


@pytest.mark.parametrize("status", [404, 410])
def test_gone_removes_the_subscription(participant, subscribe, push_service, daytime, status):
    [sub] = subscribe(participant)
    push_service.plan([{"status": status}])
    services.notify(recipient=participant, kind="test_push", url="/")
    assert send() == {"gone": 1}
    assert not PushSubscription.objects.filter(pk=sub.pk).exists()
    delivery = Delivery.objects.get()
    assert delivery.status_code == status and delivery.endpoint == sub.endpoint


def test_429_waits_for_retry_after(participant, subscribe, push_service, daytime):
    subscribe(participant)
    push_service.plan([{"status": 429, "retry_after": 2}])
    services.notify(recipient=participant, kind="test_push", url="/")
    before = timezone.now()
    assert send() == {"retrying": 1}
    delivery = Delivery.objects.get()
    waited = (delivery.next_attempt_at - before).total_seconds()
    assert 1.9 <= waited <= 3
    assert send() == {}  # not yet
    # Retry-After has passed: move the delivery's clock on rather than wait.
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert send() == {"delivered": 1}
    assert len(push_service.received()) == 1


def test_429_with_an_http_date(participant, subscribe, push_service, daytime):
    now = timezone.now()
    later = now + datetime.timedelta(seconds=120)
    assert parse_retry_after(later.strftime("%a, %d %b %Y %H:%M:%S GMT"), now=now) == pytest.approx(
        120, abs=1
    )


def test_500_is_retried_with_growing_jittered_delays_then_failed(
    participant, subscribe, push_service, daytime, settings
):
    settings.WEBPUSH_MAX_ATTEMPTS = 4
    settings.WEBPUSH_RETRY_BASE_SECONDS = 10
    subscribe(participant)
    push_service.plan([{"status": 500}] * 4)
    services.notify(recipient=participant, kind="test_push", url="/")
    delays = []
    for _attempt in range(3):
        before = timezone.now()
        assert send() == {"retrying": 1}
        delivery = Delivery.objects.get()
        delays.append((delivery.next_attempt_at - before).total_seconds())
        # Make it due now rather than wait in the test.
        Delivery.objects.update(next_attempt_at=timezone.now())
    # base 10 s, doubling, ±50 %: 5–15, 10–30, 20–60
    assert 5 <= delays[0] <= 15.5 and 10 <= delays[1] <= 30.5 and 20 <= delays[2] <= 60.5
    assert send() == {"failed": 1}
    delivery = Delivery.objects.get()
    assert delivery.attempts == 4
    assert "gave up after 4 attempts" in delivery.reason and "500" in delivery.reason
    assert push_service.received() == []


def test_retry_delays_are_jittered():
    assert len({round(retry_delay(3), 6) for _ in range(20)}) > 1


@pytest.mark.parametrize("status", [400, 401, 403, 413])
def test_client_errors_are_not_retried_and_logged(
    participant, subscribe, push_service, daytime, status, caplog
):
    subscribe(participant)
    push_service.plan([{"status": status}])
    services.notify(recipient=participant, kind="test_push", url="/")
    with caplog.at_level(logging.ERROR, logger="notifications.delivery.outcomes"):
        assert send() == {"failed": 1}
    assert Delivery.objects.get().status_code == status
    assert any(str(status) in record.getMessage() for record in caplog.records)
    assert send() == {}


def test_a_network_error_is_retried(participant, daytime):
    services.subscription_save(
        user=participant,
        endpoint="http://127.0.0.1:9/push/nobody",
        p256dh=VAPID_PUBLIC,
        auth="AAAAAAAAAAAAAAAAAAAAAA",
    )
    services.notify(recipient=participant, kind="test_push", url="/")
    assert send() == {"retrying": 1}
    assert Delivery.objects.get().reason.startswith("network:")


def test_a_wrong_vapid_key_is_refused_by_the_service(participant, subscribe, push_service):
    NotificationSettings.objects.create(
        user=participant, quiet_start=datetime.time(0, 0), quiet_end=datetime.time(0, 0)
    )
    [sub] = subscribe(participant)
    other_private, _other_public = webpush.generate_vapid_keys()
    notification = services.notify(recipient=participant, kind="test_push", url="/")
    sender = webpush.Sender(private_key=other_private, contact="not-a-contact")
    with pytest.raises(Exception, match="sub"):
        sender.push(sub, notification, now=timezone.now())
    # A well-formed token for another origin: the service checks aud.
    sender = webpush.Sender(private_key=other_private, contact=CONTACT)
    headers = sender.vapid.sign(
        {"aud": "http://127.0.0.1:1", "exp": int(time.time()) + 3600, "sub": CONTACT}
    )
    sender._vapid_headers[webpush.origin_of(sub.endpoint)] = (time.time(), headers)
    assert sender.push(sub, notification, now=timezone.now()).status_code == 401
    assert "aud" in push_service.rejected()[-1]["reason"]


def test_a_claim_of_a_dead_worker_is_taken_over(participant, subscribe, push_service, daytime):
    subscribe(participant)
    services.notify(recipient=participant, kind="test_push", url="/")
    token, claimed = deliveries_claim()
    assert len(claimed) == 1
    # Another worker finds nothing while the claim is fresh...
    assert send() == {}
    # ...and takes it over once the claim is older than the timeout.
    Delivery.objects.update(claimed_at=timezone.now() - datetime.timedelta(hours=1))
    assert send() == {"delivered": 1}
    assert len(push_service.received()) == 1


def test_a_renewed_claim_is_not_taken_over_and_a_stale_one_is_after_a_minute(
    participant, subscribe, push_service, daytime, settings
):
    assert settings.WEBPUSH_CLAIM_TIMEOUT == 60  # a killed worker delays its pushes a minute
    subscribe(participant)
    services.notify(recipient=participant, kind="test_push", url="/")
    token, [claimed] = deliveries_claim()
    a_while_ago = timezone.now() - datetime.timedelta(seconds=61)
    Delivery.objects.update(claimed_at=a_while_ago)
    claims_renew(token)  # what a running batch does every 20 s
    assert send() == {}
    Delivery.objects.update(claimed_at=a_while_ago)  # not renewed: its worker is gone
    assert send() == {"delivered": 1}


def test_payload_stays_under_3_kb(participant, subscribe, push_service, daytime):
    subscribe(participant)
    kinds.register("test_long", title="T", body="%(text)s")
    notification = services.notify(
        recipient=participant, kind="test_long", url="/", params={"text": "é" * 5000}
    )
    assert len(webpush.payload_for(notification)) <= 3000
    assert send() == {"delivered": 1}


def test_quiet_hours_hold_a_push_until_they_end(participant, subscribe, push_service):
    subscribe(participant)
    now = timezone.now()
    local = now.astimezone(participant.zoneinfo)
    start = (local - datetime.timedelta(hours=1)).time().replace(second=0, microsecond=0)
    end = (local + datetime.timedelta(hours=2)).time().replace(second=0, microsecond=0)
    NotificationSettings.objects.create(user=participant, quiet_start=start, quiet_end=end)
    notification = services.notify(recipient=participant, kind="test_push", url="/")
    delivery = Delivery.objects.get()
    held = (delivery.next_attempt_at - now).total_seconds()
    assert 2 * 3600 - 120 <= held <= 2 * 3600
    assert send() == {}
    assert notification.read_at is None  # it is in the inbox at once
    # A notification that would be stale by the end of quiet hours is not pushed at all.
    services.notify(
        recipient=participant,
        kind="test_push",
        url="/",
        expires_at=now + datetime.timedelta(hours=1),
    )
    skipped = Delivery.objects.get(status=DeliveryStatus.SKIPPED)
    assert "too late" in skipped.reason


def test_quiet_hours_default_across_midnight():
    zone = datetime.timezone(datetime.timedelta(hours=8))
    start, end = datetime.time(21), datetime.time(6)

    def at(hour, minute=0):
        return datetime.datetime(2026, 11, 21, hour, minute, tzinfo=zone)

    assert services.quiet_hours_end(at=at(20, 59), start=start, end=end, zone=zone) is None
    assert services.quiet_hours_end(at=at(21), start=start, end=end, zone=zone) == at(6).replace(
        day=22
    )
    assert services.quiet_hours_end(at=at(5, 59), start=start, end=end, zone=zone) == at(6)
    assert services.quiet_hours_end(at=at(6), start=start, end=end, zone=zone) is None


def test_a_muted_kind_is_not_pushed_but_is_in_the_inbox(participant, subscribe, push_service):
    subscribe(participant)
    services.settings_update(
        user=participant,
        quiet_start=datetime.time(0),
        quiet_end=datetime.time(0),
        muted_kinds=["test_push"],
    )
    services.notify(recipient=participant, kind="test_push", url="/")
    assert Notification.objects.filter(recipient=participant).count() == 1
    assert Delivery.objects.get().status == DeliveryStatus.SKIPPED
    assert send() == {}
    assert push_service.received() == []


def test_a_few_pushes_in_flight_at_once(participant, subscribe, push_service, daytime, settings):
    settings.WEBPUSH_CONCURRENCY = 3
    subscribe(participant, 7)
    services.notify(recipient=participant, kind="test_push", url="/")
    assert send() == {"delivered": 7}
    assert len(push_service.received()) == 7
    assert send() == {}


def test_without_vapid_keys_nothing_is_claimed(participant, subscribe, daytime, settings, caplog):
    subscribe(participant)
    services.notify(recipient=participant, kind="test_push", url="/")
    settings.WEBPUSH_VAPID_PRIVATE_KEY = ""
    assert send() == {}
    assert Delivery.objects.get().status == DeliveryStatus.PENDING
    assert "not configured" in caplog.text


def test_a_broken_translation_does_not_stop_the_message(participant):
    kinds.register("test_broken", title="50% off %(x)s", body="ok")
    notification = services.notify(
        recipient=participant, kind="test_broken", url="/", params={"x": 1}
    )
    assert notification.title == "50% off %(x)s"


def test_a_batch_reads_the_database_the_same_number_of_times_for_2_or_8_pushes(
    participant, subscribe, push_service, daytime
):
    """Besides the one outcome UPDATE per push (so a killed worker repeats nothing), a batch's
    queries do not grow with its size: nothing a push needs is loaded one row at a time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def batch_queries(devices: int) -> int:
        Delivery.objects.all().delete()
        PushSubscription.objects.all().delete()
        subscribe(participant, devices)
        services.notify(recipient=participant, kind="test_push", url="/", params={"what": "x"})
        with CaptureQueriesContext(connection) as queries:
            assert send() == {"delivered": devices}
        return sum(
            1
            for query in queries.captured_queries
            if not query["sql"].startswith('UPDATE "notifications_delivery" SET')
            or "WHERE id =" not in query["sql"]
        )

    assert batch_queries(2) == batch_queries(8)
