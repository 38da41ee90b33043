"""Coaching's reminder rules (coaching/notices.py): what is scheduled, moved, cancelled and
said, in whose language. Learning's rules are tested in tests/learning/test_reminder_rules.py."""

import datetime as dt
import uuid
import zoneinfo

import pytest
from django.utils import timezone

from coaching import notices as clinic_rules
from coaching import services as coaching
from notifications import services
from notifications.models import (
    Delivery,
    Notification,
    NotificationSettings,
    Reminder,
    ReminderStatus,
)
from tests.support.fixtures.push import VAPID_PUBLIC

pytestmark = pytest.mark.django_db


def _reminders(**filters):
    return Reminder.objects.filter(status=ReminderStatus.SCHEDULED, **filters)


def _book(session, person, on_commit):
    with on_commit(execute=True):
        return coaching.booking_create(
            participant=person, session=session, request_key=uuid.uuid4()
        )


def test_a_booking_schedules_24h_and_1h_reminders_and_the_experts(
    expert_profile, make_session, make_participant, django_capture_on_commit_callbacks
):
    session = make_session(expert_profile, start_in=dt.timedelta(days=3))
    ani = make_participant(preferred_language="id", time_zone="Asia/Makassar")
    result = _book(session, ani, django_capture_on_commit_callbacks)
    mine = _reminders(recipient=ani).order_by("scheduled_for")
    assert [(r.kind, session.starts_at - r.scheduled_for) for r in mine] == [
        (clinic_rules.BEFORE_24H, dt.timedelta(hours=24)),
        (clinic_rules.BEFORE_1H, dt.timedelta(hours=1)),
    ]
    assert all(r.expires_at == session.starts_at for r in mine)
    assert all(r.object_id == str(result.booking.pk) for r in mine)
    [experts] = _reminders(recipient=expert_profile.user)
    assert experts.kind == clinic_rules.EXPERT_1H
    # Told at once, in Indonesian, with the time in her zone (WITA).
    [booked] = Notification.objects.filter(recipient=ani, kind=clinic_rules.BOOKED)
    assert booked.title == "Kursi klinik Anda sudah dipesan"
    assert "WITA" in booked.body
    assert booked.url == f"/id/coaching/{session.pk}/"
    # A second participant: the expert still has one reminder.
    _book(session, make_participant(), django_capture_on_commit_callbacks)
    assert _reminders(recipient=expert_profile.user).count() == 1


def test_booked_61_minutes_before_only_the_1h_reminder(
    expert_profile, make_session, make_participant, django_capture_on_commit_callbacks
):
    session = make_session(
        expert_profile, start_in=dt.timedelta(minutes=62), notice_hours=0, minutes=30
    )
    ani = make_participant()
    _book(session, ani, django_capture_on_commit_callbacks)
    assert list(_reminders(recipient=ani).values_list("kind", flat=True)) == [
        clinic_rules.BEFORE_1H
    ]


def test_a_moved_clinic_moves_its_reminders(
    expert_profile, make_session, make_participant, django_capture_on_commit_callbacks
):
    session = make_session(expert_profile, start_in=dt.timedelta(days=3))
    ani = make_participant()
    _book(session, ani, django_capture_on_commit_callbacks)
    new_start = session.starts_at + dt.timedelta(days=1, hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        coaching.session_update(
            by=expert_profile.user,
            session=session,
            starts_at=new_start,
            ends_at=new_start + dt.timedelta(hours=1),
        )
    live = _reminders(recipient=ani).order_by("scheduled_for")
    assert [new_start - r.scheduled_for for r in live] == [
        dt.timedelta(hours=24),
        dt.timedelta(hours=1),
    ]
    assert Reminder.objects.filter(recipient=ani, status=ReminderStatus.CANCELLED).count() == 2
    [experts] = _reminders(recipient=expert_profile.user)
    assert experts.scheduled_for == new_start - dt.timedelta(hours=1)
    # coaching told her about the move.
    assert Notification.objects.filter(recipient=ani, kind="clinic_moved").exists()


def test_cancelled_booking_and_clinic_cancel_reminders(
    expert_profile, make_session, make_participant, django_capture_on_commit_callbacks
):
    session = make_session(expert_profile, start_in=dt.timedelta(days=3))
    ani, budi = make_participant(), make_participant()
    booking = _book(session, ani, django_capture_on_commit_callbacks).booking
    _book(session, budi, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        coaching.booking_cancel(by=ani, booking=booking)
    assert not _reminders(recipient=ani).exists()
    assert _reminders(recipient=budi).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        coaching.session_cancel(by=expert_profile.user, session=session, reason="Sakit")
    assert not _reminders(recipient=budi).exists()
    assert not _reminders(recipient=expert_profile.user).exists()


def test_the_experts_reminder_counts_who_is_booked_when_it_is_sent(
    expert_profile, make_session, make_participant, django_capture_on_commit_callbacks
):
    session = make_session(expert_profile, start_in=dt.timedelta(days=3))
    for _ in range(3):
        _book(session, make_participant(), django_capture_on_commit_callbacks)
    services.reminders_process_due(now=session.starts_at - dt.timedelta(minutes=59))
    [told] = Notification.objects.filter(recipient=expert_profile.user, kind=clinic_rules.EXPERT_1H)
    assert told.body.endswith(": 3 booked.") or told.body.endswith(": 3 terpesan.")


def test_a_reminder_for_a_cancelled_seat_is_not_sent(
    expert_profile, make_session, make_participant, django_capture_on_commit_callbacks
):
    session = make_session(expert_profile, start_in=dt.timedelta(days=3))
    ani = make_participant()
    booking = _book(session, ani, django_capture_on_commit_callbacks).booking
    # Cancelled behind the signals' back: the rule checks again when the reminder falls due.
    type(booking).objects.filter(pk=booking.pk).update(status="cancelled")
    services.reminders_process_due(now=session.starts_at - dt.timedelta(minutes=59))
    assert not Notification.objects.filter(recipient=ani, kind__startswith="clinic_rem").exists()
    assert Reminder.objects.filter(recipient=ani, status=ReminderStatus.SKIPPED).count() == 2


def test_reminders_speak_each_persons_language(
    expert_profile, make_session, make_participant, django_capture_on_commit_callbacks
):
    session = make_session(expert_profile, start_in=dt.timedelta(days=3))
    ani = make_participant(preferred_language="id", time_zone="Asia/Makassar")
    ben = make_participant(preferred_language="en", time_zone="Asia/Jakarta")
    _book(session, ani, django_capture_on_commit_callbacks)
    _book(session, ben, django_capture_on_commit_callbacks)
    services.reminders_process_due(now=session.starts_at - dt.timedelta(minutes=59))
    for_ani = Notification.objects.get(recipient=ani, kind=clinic_rules.BEFORE_1H)
    for_ben = Notification.objects.get(recipient=ben, kind=clinic_rules.BEFORE_1H)
    assert for_ani.title == "Klinik Anda mulai 1 jam lagi"
    assert for_ben.title == "Your clinic starts in 1 hour"
    wita = session.starts_at.astimezone(zoneinfo.ZoneInfo("Asia/Makassar"))
    wib = session.starts_at.astimezone(zoneinfo.ZoneInfo("Asia/Jakarta"))
    assert f"{wita:%H:%M} WITA" in for_ani.body
    assert f"{wib:%H:%M} WIB" in for_ben.body
    assert "Akses permodalan" in for_ani.body and "Access to capital" in for_ben.body


def test_a_reminder_in_quiet_hours_comes_at_their_end_unless_too_late(
    expert_profile,
    make_session,
    make_participant,
    django_capture_on_commit_callbacks,
    public_push_hosts,
):
    wita = zoneinfo.ZoneInfo("Asia/Makassar")
    tomorrow = (timezone.now().astimezone(wita) + dt.timedelta(days=2)).date()
    # A clinic at 06:30 WITA: the 1-hour reminder falls due at 05:30, inside 21:00–06:00.
    start = dt.datetime.combine(tomorrow, dt.time(6, 30), tzinfo=wita)
    session = make_session(expert_profile, starts_at=start, minutes=60)
    ani = make_participant(time_zone="Asia/Makassar")
    services.subscription_save(
        user=ani, endpoint="https://push.example.org/ani", p256dh=VAPID_PUBLIC, auth="A" * 22
    )
    _book(session, ani, django_capture_on_commit_callbacks)
    services.reminders_process_due(now=start - dt.timedelta(minutes=60))
    delivery = Delivery.objects.get(notification__kind=clinic_rules.BEFORE_1H)
    assert delivery.status == "pending"
    assert delivery.next_attempt_at == dt.datetime.combine(tomorrow, dt.time(6), tzinfo=wita)
    # Same clinic at 06:05: 06:00 would be 5 minutes before it, too late to be useful.
    NotificationSettings.objects.update_or_create(user=ani)
    Notification.objects.all().delete()
    late_start = dt.datetime.combine(tomorrow, dt.time(6, 5), tzinfo=wita)
    services.reminder_schedule(
        recipient=ani,
        kind=clinic_rules.BEFORE_1H,
        obj=session,
        at=late_start - dt.timedelta(hours=1),
        url="/",
        expires_at=late_start,
    )
    kind = clinic_rules.BEFORE_1H
    # (refresh needs a booking; schedule through a kind without one)
    from notifications import kinds

    spec = kinds.get(kind)
    kinds.register(
        "test_1h_no_refresh", title=spec.title, body=spec.body, ttl=spec.ttl, min_lead=600
    )
    Reminder.objects.filter(kind=kind, object_id=str(session.pk)).update(kind="test_1h_no_refresh")
    services.reminders_process_due(now=late_start - dt.timedelta(hours=1))
    skipped = Delivery.objects.get(notification__kind="test_1h_no_refresh")
    assert skipped.status == "skipped" and "too late" in skipped.reason
    assert Notification.objects.filter(kind="test_1h_no_refresh").exists()  # in the inbox
