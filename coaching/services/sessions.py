"""Sessions: one-off clinics, repeating slots, moving and cancelling a session.

An expert's sessions never overlap: the expert's row is locked while the service checks, and on
PostgreSQL an exclusion constraint refuses what a check missed.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import User
from coaching import selectors, signals
from coaching.models import (
    ACTIVE_STATUSES,
    Audience,
    Booking,
    BookingStatus,
    ClinicSession,
    Expert,
    SessionMode,
    SessionSeries,
    SessionStatus,
    Topic,
)
from coaching.services.bookings import promote_waitlist
from coaching.services.common import CoachingError, after_commit, clean_text, retrying

EXPERT_OVERLAP_CONSTRAINT = "coaching_expert_sessions_no_overlap"


@dataclass
class SessionData:
    """What a session is made of; shared by one-off sessions and repeating slots."""

    topic: Topic
    mode: str
    capacity: int = 1
    place: str = ""
    meeting_link: str = ""
    audience: str = Audience.MASTERY
    cohort: object = None
    notice_hours: int = 12
    title: str = ""
    description: str = ""


def _check_session_data(data: SessionData) -> None:
    if data.mode == SessionMode.ONLINE and not data.meeting_link:
        raise CoachingError(_("An online session needs a meeting link."), code="link")
    if data.mode == SessionMode.IN_PERSON and not data.place:
        raise CoachingError(_("A session in person needs a place."), code="place")
    if data.audience == Audience.COHORT and data.cohort is None:
        raise CoachingError(_("Choose the cohort that may book."), code="cohort")
    if data.capacity < 1:
        raise CoachingError(_("A session needs at least one seat."), code="capacity")


def _check_can_schedule(*, by: User, expert: Expert) -> None:
    if not (by.is_manager or (by.is_expert and expert.user_id == by.pk)):
        raise PermissionDenied(_("Only the expert or a programme manager can do this."))
    if not expert.is_active:
        raise CoachingError(_("This expert is not active."), code="inactive")


def _lock_expert(expert: Expert) -> Expert:
    return Expert.objects.select_for_update(no_key=True, of=("self",)).get(pk=expert.pk)


def _expert_overlaps(
    expert: Expert, starts_at: dt.datetime, ends_at: dt.datetime, exclude_pk=None
) -> list[ClinicSession]:
    qs = ClinicSession.objects.filter(
        expert=expert, status=SessionStatus.SCHEDULED, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(qs)


def _overlap_error(conflicts: list[ClinicSession], by: User) -> CoachingError:
    if not conflicts:
        return CoachingError(
            _("The expert already has a session at that time."), code="expert_overlap"
        )
    spans = ", ".join(str(selectors.session_span_for(session=s, user=by)) for s in conflicts[:3])
    return CoachingError(
        _("The expert already has a session at that time: %(sessions)s.") % {"sessions": spans},
        code="expert_overlap",
    )


def _insert_sessions(
    *, by: User, expert: Expert, data: SessionData, spans, series=None
) -> list[ClinicSession]:
    _check_session_data(data)
    now = timezone.now()
    sessions = []
    for starts_at, ends_at in spans:
        if ends_at <= starts_at:
            raise CoachingError(_("A session must end after it starts."), code="times")
        if starts_at <= now:
            raise CoachingError(_("A new session must be in the future."), code="past")
        conflicts = _expert_overlaps(expert, starts_at, ends_at)
        if conflicts:
            raise _overlap_error(conflicts, by)
        sessions.append(
            ClinicSession(
                expert=expert,
                topic=data.topic,
                title=data.title,
                description=data.description,
                starts_at=starts_at,
                ends_at=ends_at,
                time_zone=expert.user.time_zone,
                mode=data.mode,
                place=data.place if data.mode == SessionMode.IN_PERSON else "",
                meeting_link=data.meeting_link if data.mode == SessionMode.ONLINE else "",
                capacity=data.capacity,
                audience=data.audience,
                cohort=data.cohort if data.audience == Audience.COHORT else None,
                notice_hours=data.notice_hours,
                series=series,
                created_by=by,
            )
        )
    try:
        with transaction.atomic():
            for session in sessions:
                session.save()
    except IntegrityError as error:
        if EXPERT_OVERLAP_CONSTRAINT in str(error):
            raise _overlap_error([], by) from error
        raise
    return sessions


@transaction.atomic
def session_create(
    *, by: User, expert: Expert, data: SessionData, starts_at: dt.datetime, ends_at: dt.datetime
) -> ClinicSession:
    """A single session. The expert cannot have another session that overlaps it."""
    _check_can_schedule(by=by, expert=expert)
    expert = _lock_expert(expert)
    return _insert_sessions(by=by, expert=expert, data=data, spans=[(starts_at, ends_at)])[0]


def slot_spans(
    *,
    first_day: dt.date,
    weeks: int,
    day_start: dt.time,
    day_end: dt.time,
    slot_minutes: int,
    time_zone: str,
    weekdays: list[int] | None = None,
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Slots for "every Tuesday 09:00–12:00 in 30-minute slots for four weeks", in UTC.

    ``weekdays`` (0 = Monday) defaults to the weekday of ``first_day``; the local times are in
    ``time_zone``, so a slot series keeps its wall-clock time.
    """
    tz = zoneinfo.ZoneInfo(time_zone)
    weekdays = weekdays if weekdays else [first_day.weekday()]
    spans = []
    for offset in range(weeks * 7):
        day = first_day + dt.timedelta(days=offset)
        if day.weekday() not in weekdays:
            continue
        start = dt.datetime.combine(day, day_start, tzinfo=tz)
        end_of_day = dt.datetime.combine(day, day_end, tzinfo=tz)
        if end_of_day <= start:
            end_of_day += dt.timedelta(days=1)
        while start + dt.timedelta(minutes=slot_minutes) <= end_of_day:
            end = start + dt.timedelta(minutes=slot_minutes)
            spans.append((start.astimezone(dt.UTC), end.astimezone(dt.UTC)))
            start = end
    return spans


MAX_SLOTS = 200


@transaction.atomic
def session_series_create(
    *, by: User, expert: Expert, data: SessionData, spans, description: str = ""
) -> list[ClinicSession]:
    """Repeating slots in one go: all of them, or none when one overlaps or is invalid."""
    _check_can_schedule(by=by, expert=expert)
    if not spans:
        raise CoachingError(_("These settings make no slots."), code="empty")
    if len(spans) > MAX_SLOTS:
        raise CoachingError(
            _("That would make %(count)d slots; at most %(max)d at once.")
            % {"count": len(spans), "max": MAX_SLOTS},
            code="too_many",
        )
    expert = _lock_expert(expert)
    series = SessionSeries.objects.create(expert=expert, description=description[:200])
    return _insert_sessions(by=by, expert=expert, data=data, spans=spans, series=series)


MOVE_FIELDS = ("starts_at", "ends_at", "mode", "place", "meeting_link")
EDIT_FIELDS = (*MOVE_FIELDS, "title", "description", "capacity", "notice_hours", "topic")


def session_update(*, by: User, session: ClinicSession, **changes) -> ClinicSession:
    """Edit or move a session. Booked people are told when time, place or link change, and
    their calendar entries get a higher SEQUENCE."""
    unknown = set(changes) - set(EDIT_FIELDS)
    if unknown:
        raise ValueError(f"cannot change {sorted(unknown)}")

    def run():
        with transaction.atomic():
            return _session_update(by=by, session_pk=session.pk, changes=changes)

    return retrying(run)


def _session_update(*, by: User, session_pk: int, changes: dict) -> ClinicSession:
    session = ClinicSession.objects.select_related("expert__user", "topic").get(pk=session_pk)
    if not selectors.user_can_manage_session(user=by, session=session):
        raise PermissionDenied(_("Only the expert or a programme manager can do this."))
    _lock_expert(session.expert)
    session = (
        ClinicSession.objects.select_for_update(no_key=True, of=("self",))
        .select_related("expert__user", "topic")
        .get(pk=session_pk)
    )
    if session.is_cancelled:
        raise CoachingError(_("This session was cancelled."), code="cancelled")
    if session.is_past():
        raise CoachingError(_("This session is over; it cannot be changed."), code="past")
    diff = {
        name: (getattr(session, name), value)
        for name, value in changes.items()
        if getattr(session, name) != value
    }
    if not diff:
        return session
    for name, (_old, new) in diff.items():
        setattr(session, name, new)
    if session.mode == SessionMode.IN_PERSON:
        session.meeting_link = ""
    else:
        session.place = ""
    _check_session_data(
        SessionData(
            topic=session.topic,
            mode=session.mode,
            capacity=session.capacity,
            place=session.place,
            meeting_link=session.meeting_link,
            audience=session.audience,
            cohort=session.cohort,
        )
    )
    if session.ends_at <= session.starts_at:
        raise CoachingError(_("A session must end after it starts."), code="times")
    if "starts_at" in diff and session.starts_at <= timezone.now():
        raise CoachingError(_("A session can only be moved to the future."), code="past")
    if session.capacity < session.confirmed_count:
        raise CoachingError(
            _("%(count)d people are booked; cancel bookings before removing seats.")
            % {"count": session.confirmed_count},
            code="capacity",
        )
    if "starts_at" in diff or "ends_at" in diff:
        conflicts = _expert_overlaps(
            session.expert, session.starts_at, session.ends_at, exclude_pk=session.pk
        )
        if conflicts:
            raise _overlap_error(conflicts, by)
    moved = any(name in MOVE_FIELDS for name in diff)
    if moved:
        session.sequence += 1
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError as error:
        if EXPERT_OVERLAP_CONSTRAINT in str(error):
            raise _overlap_error([], by) from error
        raise
    if moved:  # their calendar entries change too
        session.bookings.filter(status__in=ACTIVE_STATUSES).update(sequence=F("sequence") + 1)
    promoted = promote_waitlist(session) if "capacity" in diff else []

    def after():
        signals.session_changed.send(sender=ClinicSession, session=session, changes=diff, by=by)
        for booking in promoted:
            signals.waitlist_promoted.send(sender=Booking, booking=booking, by=by)

    after_commit(after)
    return session


def session_cancel(*, by: User, session: ClinicSession, reason: str) -> ClinicSession:
    """Cancel a whole session: every booking is cancelled (and so every booked person told)."""
    reason = clean_text(reason)
    if not reason:
        raise CoachingError(_("Please give a reason for cancelling."), code="reason")

    def run():
        with transaction.atomic():
            locked = ClinicSession.objects.select_for_update(no_key=True, of=("self",)).get(
                pk=session.pk
            )
            if not selectors.user_can_manage_session(user=by, session=locked):
                raise PermissionDenied(_("Only the expert or a programme manager can do this."))
            if locked.is_cancelled:
                return locked, None
            now = timezone.now()
            locked.status = SessionStatus.CANCELLED
            locked.cancel_reason = reason[:300]
            locked.sequence += 1
            locked.confirmed_count = 0
            locked.save()
            active = list(
                locked.bookings.filter(status__in=ACTIVE_STATUSES).select_related("participant")
            )
            locked.bookings.filter(pk__in=[b.pk for b in active]).update(
                status=BookingStatus.CANCELLED,
                cancelled_at=now,
                cancelled_by=by,
                cancel_reason=reason[:300],
                sequence=F("sequence") + 1,
            )
            return locked, active

    locked, cancelled = retrying(run)
    if cancelled is None:  # someone cancelled it first; they were the ones who acted
        return locked

    def after():
        signals.session_cancelled.send(sender=ClinicSession, session=locked, by=by, reason=reason)
        for booking in cancelled:
            booking.refresh_from_db()
            signals.booking_cancelled.send(
                sender=Booking, booking=booking, by=by, reason=reason, whole_session=True
            )

    after_commit(after)
    return locked
