"""The daily prune: old inbox entries, the finished delivery log and dealt-with reminders go;
anything still waiting to be sent, and everything recent, stays."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from notifications import services
from notifications.models import (
    Delivery,
    DeliveryStatus,
    Notification,
    Reminder,
    ReminderStatus,
)
from notifications.tasks import prune

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _ago(days: float) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days)


def _notification(user, days: float, **fields) -> Notification:
    notification = Notification.objects.create(
        recipient=user, kind="anything", title=f"{days} days old", **fields
    )
    Notification.objects.filter(pk=notification.pk).update(created_at=_ago(days))
    return notification


def _delivery(notification, status, days: float) -> Delivery:
    delivery = Delivery.objects.create(
        notification=notification,
        channel="webpush",
        endpoint=f"https://push.example.org/{notification.pk}/{status}",
        status=status,
    )
    Delivery.objects.filter(pk=delivery.pk).update(updated_at=_ago(days))
    return delivery


def _reminder(user, status, days: float) -> Reminder:
    return Reminder.objects.create(
        recipient=user,
        kind="anything",
        content_type=ContentType.objects.get_for_model(user),
        object_id=str(user.pk),
        scheduled_for=_ago(days),
        status=status,
    )


def test_old_entries_go_and_recent_or_unsent_ones_stay(participant):
    person = participant
    old_read = _notification(person, 200, read_at=_ago(190))
    old_unread = _notification(person, 181)
    old_but_waiting = _notification(person, 200)
    _delivery(old_but_waiting, DeliveryStatus.RETRYING, 200)
    recent = _notification(person, 20)
    log_old = _delivery(recent, DeliveryStatus.DELIVERED, 31)
    log_recent = _delivery(_notification(person, 3), DeliveryStatus.FAILED, 3)
    log_pending = _delivery(_notification(person, 40), DeliveryStatus.PENDING, 40)
    _reminder(person, ReminderStatus.SENT, 40)  # dealt with, long ago: goes
    reminder_due = _reminder(person, ReminderStatus.SCHEDULED, 41)
    reminder_recent = _reminder(person, ReminderStatus.CANCELLED, 5)

    counts = services.notifications_prune(now=NOW)

    kept = set(Notification.objects.values_list("pk", flat=True))
    assert old_read.pk not in kept and old_unread.pk not in kept
    assert {old_but_waiting.pk, recent.pk} <= kept
    deliveries = set(Delivery.objects.values_list("pk", flat=True))
    assert log_old.pk not in deliveries
    assert {log_recent.pk, log_pending.pk} <= deliveries
    reminders = set(Reminder.objects.values_list("pk", flat=True))
    assert reminders == {reminder_due.pk, reminder_recent.pk}
    assert counts == {"deliveries": 1, "notifications": 2, "reminders": 1, "phone_messages": 0}
    # A second run (another beat, the next day) finds nothing more to do.
    assert set(services.notifications_prune(now=NOW).values()) == {0}


def test_console_copies_of_phone_messages_go_after_the_log_period(participant):
    from notifications.models import PhoneMessage

    old = PhoneMessage.objects.create(channel="sms", to="+6281311110001", text="lama")
    PhoneMessage.objects.filter(pk=old.pk).update(created_at=_ago(31))
    recent = PhoneMessage.objects.create(channel="sms", to="+6281311110001", text="baru")

    assert services.notifications_prune(now=NOW)["phone_messages"] == 1
    assert list(PhoneMessage.objects.values_list("pk", flat=True)) == [recent.pk]


def test_keeping_periods_are_settings(participant, settings):
    settings.NOTIFICATIONS_KEEP_DAYS = 10
    person = participant
    _notification(person, 11)
    assert services.notifications_prune(now=NOW)["notifications"] == 1


@pytest.mark.redis
def test_the_worker_prunes_notifications_and_expired_sessions(start_worker, participant):
    from cms.tasks import prune_sessions

    person = participant
    _notification(person, 365)
    expired, live = SessionStore(), SessionStore()
    expired.set_expiry(-60)
    expired.create()
    live.create()
    start_worker()

    assert start_worker.finished(prune.delay())
    assert start_worker.finished(prune_sessions.delay())

    assert not Notification.objects.filter(recipient=person).exists()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
