"""Booking rules: request keys, overlaps, notice limits, the waitlist, moves, cancellations."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from coaching import services, signals
from coaching.models import Booking, BookingStatus, ClinicSession
from coaching.services import CoachingError

pytestmark = pytest.mark.django_db


def book(person, session, key=None):
    return services.booking_create(participant=person, session=session, request_key=key).booking


class TestIdempotency:
    def test_same_key_books_once(self, expert_profile, make_session, make_participant):
        session = make_session(expert_profile, capacity=2)
        person = make_participant()
        key = uuid.uuid4()
        first = services.booking_create(participant=person, session=session, request_key=key)
        again = services.booking_create(participant=person, session=session, request_key=str(key))
        assert first.created and not again.created
        assert first.booking.pk == again.booking.pk
        session.refresh_from_db()
        assert session.confirmed_count == 1
        assert Booking.objects.count() == 1

    def test_a_key_of_someone_else_is_refused(self, expert_profile, make_session, make_participant):
        session = make_session(expert_profile)
        key = uuid.uuid4()
        book(make_participant(), session, key)
        with pytest.raises(CoachingError):
            book(make_participant(), session, key)

    def test_booking_twice_without_key_returns_the_same_booking(
        self, expert_profile, make_session, make_participant
    ):
        session = make_session(expert_profile)
        person = make_participant()
        assert book(person, session).pk == book(person, session).pk


class TestOverlaps:
    def test_participant_cannot_hold_overlapping_bookings(
        self, expert_profile, other_expert_profile, make_session, make_participant
    ):
        first = make_session(expert_profile, start_in=dt.timedelta(days=3), minutes=60)
        clash = make_session(
            other_expert_profile, starts_at=first.starts_at + dt.timedelta(minutes=30)
        )
        after = make_session(expert_profile, starts_at=first.ends_at)  # touching is fine
        person = make_participant()
        book(person, first)
        with pytest.raises(CoachingError) as error:
            book(person, clash)
        assert error.value.code == "participant_overlap"
        assert book(person, after).is_confirmed

    def test_waitlist_place_counts_as_a_booking(
        self, expert_profile, other_expert_profile, make_session, make_participant
    ):
        full = make_session(expert_profile, capacity=1)
        book(make_participant(), full)
        person = make_participant()
        assert book(person, full).is_waitlisted
        clash = make_session(other_expert_profile, starts_at=full.starts_at)
        with pytest.raises(CoachingError):
            book(person, clash)

    def test_cancelled_booking_frees_the_time(
        self, expert_profile, other_expert_profile, make_session, make_participant
    ):
        first = make_session(expert_profile)
        clash = make_session(other_expert_profile, starts_at=first.starts_at)
        person = make_participant()
        services.booking_cancel(by=person, booking=book(person, first))
        assert book(person, clash).is_confirmed

    def test_expert_cannot_have_overlapping_sessions(self, expert_profile, make_session):
        first = make_session(expert_profile, minutes=60)
        with pytest.raises(CoachingError) as error:
            make_session(expert_profile, starts_at=first.starts_at + dt.timedelta(minutes=59))
        assert error.value.code == "expert_overlap"
        make_session(expert_profile, starts_at=first.ends_at)  # back to back is fine
        assert ClinicSession.objects.filter(expert=expert_profile).count() == 2

    def test_moving_into_another_session_is_refused(self, expert_profile, make_session):
        first = make_session(expert_profile, minutes=60)
        second = make_session(expert_profile, starts_at=first.ends_at + dt.timedelta(hours=1))
        with pytest.raises(CoachingError):
            services.session_update(
                by=expert_profile.user,
                session=second,
                starts_at=first.starts_at,
                ends_at=first.ends_at,
            )

    def test_cancelled_session_frees_the_experts_time(self, expert_profile, make_session):
        first = make_session(expert_profile)
        services.session_cancel(by=expert_profile.user, session=first, reason="Sakit")
        assert make_session(expert_profile, starts_at=first.starts_at).pk

    @pytest.mark.postgres
    def test_database_refuses_overlap_without_the_service(self, expert_profile, make_session):
        """The exclusion constraint, not only the service, holds the rule on PostgreSQL."""
        from django.db import IntegrityError, transaction

        first = make_session(expert_profile)
        with pytest.raises(IntegrityError), transaction.atomic():
            ClinicSession.objects.create(
                expert=expert_profile,
                topic=first.topic,
                starts_at=first.starts_at + dt.timedelta(minutes=10),
                ends_at=first.ends_at + dt.timedelta(minutes=10),
                mode="online",
                meeting_link="https://x.example",
            )


class TestRepeatingSlots:
    def test_every_tuesday_morning_in_half_hours_for_four_weeks(self, expert_profile, topic):
        today = timezone.localdate()
        tuesday = today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)
        spans = services.slot_spans(
            first_day=tuesday,
            weeks=4,
            day_start=dt.time(9),
            day_end=dt.time(12),
            slot_minutes=30,
            time_zone="Asia/Jakarta",
        )
        sessions = services.session_series_create(
            by=expert_profile.user,
            expert=expert_profile,
            data=services.SessionData(
                topic=topic, mode="online", meeting_link="https://m.example/x", capacity=1
            ),
            spans=spans,
        )
        assert len(sessions) == 4 * 6
        first = timezone.localtime(sessions[0].starts_at, expert_profile.user.zoneinfo)
        assert (first.weekday(), first.hour, first.minute) == (1, 9, 0)
        assert all(s.capacity == 1 and s.series_id == sessions[0].series_id for s in sessions)

    def test_one_clash_creates_none(self, expert_profile, make_session, topic):
        existing = make_session(expert_profile, start_in=dt.timedelta(days=8))
        local = timezone.localtime(existing.starts_at, expert_profile.user.zoneinfo)
        spans = services.slot_spans(
            first_day=local.date() - dt.timedelta(days=7),
            weeks=2,
            day_start=local.time(),
            day_end=(local + dt.timedelta(hours=1)).time(),
            slot_minutes=30,
            time_zone="Asia/Jakarta",
        )
        with pytest.raises(CoachingError):
            services.session_series_create(
                by=expert_profile.user,
                expert=expert_profile,
                data=services.SessionData(topic=topic, mode="in_person", place="Balai desa"),
                spans=spans,
            )
        assert ClinicSession.objects.count() == 1


class TestCancellationAndWaitlist:
    def test_participant_cancels_before_the_notice_limit_and_the_first_waiting_gets_the_seat(
        self, expert_profile, make_session, make_participant, django_capture_on_commit_callbacks
    ):
        session = make_session(expert_profile, capacity=1, notice_hours=12)
        holder, first, second = make_participant(), make_participant(), make_participant()
        seat = book(holder, session)
        assert book(first, session).is_waitlisted
        assert book(second, session).is_waitlisted
        promoted = []

        def receiver(sender, booking, **kwargs):
            promoted.append(booking.pk)

        signals.waitlist_promoted.connect(receiver)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                services.booking_cancel(by=holder, booking=seat)
        finally:
            signals.waitlist_promoted.disconnect(receiver)
        statuses = dict(Booking.objects.values_list("participant_id", "status"))
        assert statuses == {
            holder.pk: BookingStatus.CANCELLED,
            first.pk: BookingStatus.CONFIRMED,
            second.pk: BookingStatus.WAITLISTED,
        }
        assert promoted == [Booking.objects.get(participant=first).pk]
        session.refresh_from_db()
        assert session.confirmed_count == 1

    def test_participant_cannot_cancel_after_the_notice_limit(
        self, expert_profile, make_session, make_participant
    ):
        session = make_session(expert_profile, start_in=dt.timedelta(hours=13), notice_hours=12)
        person = make_participant()
        booking = book(person, session)
        ClinicSession.objects.filter(pk=session.pk).update(
            starts_at=timezone.now() + dt.timedelta(hours=11),
            ends_at=timezone.now() + dt.timedelta(hours=12),
        )
        with pytest.raises(CoachingError) as error:
            services.booking_cancel(by=person, booking=booking)
        assert error.value.code == "notice"
        booking.refresh_from_db()
        assert booking.is_confirmed

    def test_booking_closes_at_the_notice_limit(
        self, expert_profile, make_session, make_participant
    ):
        session = make_session(expert_profile, start_in=dt.timedelta(hours=11), notice_hours=12)
        with pytest.raises(CoachingError) as error:
            book(make_participant(), session)
        assert error.value.code == "closed"

    def test_expert_cancels_a_booking_at_any_time_with_a_reason(
        self, expert_profile, make_session, make_participant
    ):
        session = make_session(expert_profile, start_in=dt.timedelta(hours=13), capacity=1)
        person, waiting = make_participant(), make_participant()
        booking = book(person, session)
        book(waiting, session)
        ClinicSession.objects.filter(pk=session.pk).update(
            starts_at=timezone.now() + dt.timedelta(hours=1),
            ends_at=timezone.now() + dt.timedelta(hours=2),
        )
        with pytest.raises(CoachingError):
            services.booking_cancel(by=expert_profile.user, booking=booking, reason="")
        services.booking_cancel(by=expert_profile.user, booking=booking, reason="Double booked")
        booking.refresh_from_db()
        assert booking.is_cancelled and booking.cancel_reason == "Double booked"
        assert Booking.objects.get(participant=waiting).is_confirmed

    def test_someone_else_cannot_cancel(self, expert_profile, make_session, make_participant):
        session = make_session(expert_profile)
        booking = book(make_participant(), session)
        with pytest.raises(PermissionDenied):
            services.booking_cancel(by=make_participant(), booking=booking)

    def test_leaving_the_waitlist_does_not_promote(
        self, expert_profile, make_session, make_participant
    ):
        session = make_session(expert_profile, capacity=1)
        book(make_participant(), session)
        leaver, stays = make_participant(), make_participant()
        services.booking_cancel(by=leaver, booking=book(leaver, session))
        assert book(stays, session).is_waitlisted
        session.refresh_from_db()
        assert session.confirmed_count == 1

    def test_promotion_skips_a_person_now_busy_elsewhere(
        self, expert_profile, other_expert_profile, make_session, make_participant
    ):
        session = make_session(expert_profile, capacity=1)
        holder, busy, free = make_participant(), make_participant(), make_participant()
        seat = book(holder, session)
        book(busy, session)
        book(free, session)
        # busy leaves nothing; but gets a seat elsewhere at the same time after cancelling the wait
        other = make_session(
            other_expert_profile, starts_at=session.starts_at + dt.timedelta(days=1)
        )
        services.session_update(
            by=other_expert_profile.user,
            session=other,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
        )
        Booking.objects.create(session=other, participant=busy, status="confirmed", queue_number=1)
        services.booking_cancel(by=holder, booking=seat)
        assert Booking.objects.get(session=session, participant=free).is_confirmed
        assert Booking.objects.get(session=session, participant=busy).is_waitlisted

    def test_more_seats_promote_the_waitlist(self, expert_profile, make_session, make_participant):
        session = make_session(expert_profile, capacity=1)
        book(make_participant(), session)
        waiting = [make_participant() for _ in range(3)]
        for person in waiting:
            book(person, session)
        services.session_update(by=expert_profile.user, session=session, capacity=3)
        confirmed = set(
            Booking.objects.filter(session=session, status="confirmed").values_list(
                "participant_id", flat=True
            )
        )
        assert {waiting[0].pk, waiting[1].pk} <= confirmed
        assert Booking.objects.get(participant=waiting[2]).is_waitlisted


class TestExpertChanges:
    def test_moving_raises_the_sequence_and_signals(
        self, expert_profile, make_session, make_participant, django_capture_on_commit_callbacks
    ):
        session = make_session(expert_profile)
        booking = book(make_participant(), session)
        seen = []

        def receiver(sender, session, changes, **kwargs):
            seen.append(set(changes))

        signals.session_changed.connect(receiver)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                services.session_update(
                    by=expert_profile.user,
                    session=session,
                    starts_at=session.starts_at + dt.timedelta(hours=2),
                    ends_at=session.ends_at + dt.timedelta(hours=2),
                )
        finally:
            signals.session_changed.disconnect(receiver)
        booking.refresh_from_db()
        assert booking.sequence == 1
        assert seen == [{"starts_at", "ends_at"}]

    def test_cancelling_the_session_cancels_every_booking(
        self, expert_profile, make_session, make_participant
    ):
        session = make_session(expert_profile, capacity=1)
        seat = book(make_participant(), session)
        wait = book(make_participant(), session)
        services.session_cancel(by=expert_profile.user, session=session, reason="Banjir")
        for booking in (seat, wait):
            booking.refresh_from_db()
            assert booking.is_cancelled and booking.sequence == 1
            assert booking.cancel_reason == "Banjir"

    def test_another_expert_cannot_touch_the_session(
        self, expert_profile, other_expert_profile, make_session
    ):
        session = make_session(expert_profile)
        with pytest.raises(PermissionDenied):
            services.session_cancel(by=other_expert_profile.user, session=session, reason="x")
        with pytest.raises(PermissionDenied):
            services.session_update(by=other_expert_profile.user, session=session, capacity=9)

    def test_cannot_remove_booked_seats(self, expert_profile, make_session, make_participant):
        session = make_session(expert_profile, capacity=2)
        book(make_participant(), session)
        book(make_participant(), session)
        with pytest.raises(CoachingError):
            services.session_update(by=expert_profile.user, session=session, capacity=1)


class TestSignalsAndMessages:
    """Services change state and signal (after commit) who acted and why; coaching.notices
    decides the messages, and a message that fails never undoes what was done."""

    def test_cancellation_signals_carry_who_and_why(
        self, expert_profile, make_session, make_participant, django_capture_on_commit_callbacks
    ):
        session = make_session(expert_profile, capacity=2)
        ani, budi = make_participant(), make_participant()
        seat = book(ani, session)
        book(budi, session)
        seen = []

        def on_booking(sender, booking, by, reason, whole_session, **kwargs):
            seen.append(("booking", booking.participant_id, by.pk, reason, whole_session))

        def on_session(sender, session, by, reason, **kwargs):
            seen.append(("session", session.pk, by.pk, reason))

        signals.booking_cancelled.connect(on_booking)
        signals.session_cancelled.connect(on_session)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                services.booking_cancel(by=expert_profile.user, booking=seat, reason="Sakit")
            with django_capture_on_commit_callbacks(execute=True):
                services.session_cancel(by=expert_profile.user, session=session, reason="Banjir")
            with django_capture_on_commit_callbacks(execute=True):  # already cancelled: no news
                services.session_cancel(by=expert_profile.user, session=session, reason="Lagi")
        finally:
            signals.booking_cancelled.disconnect(on_booking)
            signals.session_cancelled.disconnect(on_session)
        expert = expert_profile.user.pk
        assert seen == [
            ("booking", ani.pk, expert, "Sakit", False),
            ("session", session.pk, expert, "Banjir"),
            ("booking", budi.pk, expert, "Banjir", True),
        ]

    def test_a_message_that_fails_never_undoes_the_booking(
        self,
        expert_profile,
        make_session,
        make_participant,
        django_capture_on_commit_callbacks,
        monkeypatch,
    ):
        from coaching import notices
        from notifications.models import Notification, Reminder

        def broken(**kwargs):
            raise ConnectionError("the notifications store is down")

        monkeypatch.setattr(notices, "notify", broken)
        session = make_session(expert_profile)
        person = make_participant()
        with django_capture_on_commit_callbacks(execute=True):
            booking = book(person, session)
        booking.refresh_from_db()
        assert booking.status == BookingStatus.CONFIRMED
        assert not Notification.objects.filter(recipient=person).exists()
        # The reminders do not depend on the confirmation having been sent.
        assert Reminder.objects.filter(recipient=person).count() == 2


class TestTextThatCannotBeStored:
    """A NUL byte cannot be stored by PostgreSQL: the services refuse it with a message instead
    of failing with a 500 after part of the work was done."""

    def test_reasons_notes_and_follow_ups_with_a_nul_byte_are_refused(
        self, expert_profile, make_session, make_participant
    ):
        from coaching.models import FollowUp, SessionNote

        session = make_session(expert_profile, capacity=2)
        booking = book(make_participant(), session)
        expert = expert_profile.user
        attempts = [
            lambda: services.booking_cancel(by=expert, booking=booking, reason="Sakit\x00"),
            lambda: services.session_cancel(by=expert, session=session, reason="\x00"),
            lambda: services.note_add(by=expert, booking=booking, text="Bagus\x00"),
            lambda: services.follow_up_create(
                by=expert,
                booking=booking,
                title="Harga\x00",
                instructions="Tulis harga.",
                due_at=timezone.now() + dt.timedelta(days=3),
            ),
        ]
        for attempt in attempts:
            with pytest.raises(CoachingError) as error:
                attempt()
            assert error.value.code == "text"
        booking.refresh_from_db()
        session.refresh_from_db()
        assert booking.status == BookingStatus.CONFIRMED and session.status == "scheduled"
        assert not SessionNote.objects.exists() and not FollowUp.objects.exists()
