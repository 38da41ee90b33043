"""notify, reminders and their rendering: inbox entries in the person's language, once."""

import datetime

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications import kinds, services
from notifications.models import Delivery, Notification, Reminder, ReminderStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def test_kind():
    kinds.register(
        "test_hello",
        title=_("Account"),
        body="%(name)s · %(start)s",
        ttl=3600,
        urgency="high",
    )


def test_notify_creates_inbox_entry_in_recipients_language(participant, make_user):
    english = make_user("participants", "081311119999", preferred_language="en")
    start = datetime.datetime(2026, 11, 25, 2, 0, tzinfo=datetime.UTC)
    in_id = services.notify(
        recipient=participant, kind="test_hello", url="/id/x/", params={"name": "A", "start": start}
    )
    in_en = services.notify(
        recipient=english, kind="test_hello", url="/en/x/", params={"name": "B", "start": start}
    )
    assert in_id.title == "Akun"
    assert in_en.title == "Account"
    # 02:00 UTC is 10:00 in Lombok (WITA), shown with the zone's label.
    assert in_id.body == "A · Rab 25 Nov, 10:00 WITA"
    assert in_en.body == "B · Wed 25 Nov, 10:00 WITA"
    assert in_id.language == "id" and in_en.language == "en"
    assert Notification.objects.filter(recipient=participant).count() == 1


def test_unknown_kind_still_reaches_the_inbox(participant):
    notification = services.notify(recipient=participant, kind="nobody_registered", url="/")
    assert notification.title == "Berdaya"


def test_reminder_schedule_is_idempotent_and_cancel_rearm(participant):
    at = timezone.now() + datetime.timedelta(hours=2)
    first = services.reminder_schedule(
        recipient=participant, kind="test_hello", obj=participant, at=at, url="/"
    )
    again = services.reminder_schedule(
        recipient=participant, kind="test_hello", obj=participant, at=at, url="/"
    )
    assert first.pk == again.pk
    assert Reminder.objects.count() == 1
    assert services.reminders_cancel(obj=participant) == 1
    assert Reminder.objects.get().status == ReminderStatus.CANCELLED
    services.reminder_schedule(
        recipient=participant, kind="test_hello", obj=participant, at=at, url="/"
    )
    assert Reminder.objects.get().status == ReminderStatus.SCHEDULED


def test_due_reminders_become_one_notification_each(participant):
    now = timezone.now()
    due = services.reminder_schedule(
        recipient=participant,
        kind="test_hello",
        obj=participant,
        at=now - datetime.timedelta(minutes=1),
        url="/id/",
        params={"name": "Ani"},
    )
    later = services.reminder_schedule(
        recipient=participant,
        kind="test_hello",
        obj=participant,
        at=now + datetime.timedelta(hours=1),
        url="/id/",
    )
    late = services.reminder_schedule(
        recipient=participant,
        kind="test_hello",
        obj=participant,
        at=now - datetime.timedelta(hours=2),
        url="/id/",
        expires_at=now - datetime.timedelta(hours=1),
    )
    handled, _deliveries = services.reminders_process_due(now=now)
    assert handled == 2
    assert services.reminders_process_due(now=now)[0] == 0
    due.refresh_from_db()
    later.refresh_from_db()
    late.refresh_from_db()
    assert due.status == ReminderStatus.SENT and due.notification.body.startswith("Ani")
    assert later.status == ReminderStatus.SCHEDULED
    assert late.status == ReminderStatus.EXPIRED
    assert Notification.objects.count() == 1
    assert Delivery.objects.count() == 0  # no device subscribed: inbox only


def test_a_failing_rule_skips_its_reminder_only(participant):
    def broken(obj, recipient):
        raise RuntimeError("bug in a rule")

    kinds.register("test_broken_rule", title="x", refresh=broken)
    now = timezone.now()
    bad = services.reminder_schedule(
        recipient=participant, kind="test_broken_rule", obj=participant, at=now, url="/"
    )
    good = services.reminder_schedule(
        recipient=participant, kind="test_hello", obj=participant, at=now, url="/"
    )
    assert services.reminders_process_due(now=now)[0] == 2
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.status == ReminderStatus.SKIPPED and good.status == ReminderStatus.SENT
