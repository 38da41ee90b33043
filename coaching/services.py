"""Operations of the coaching app: sessions, bookings, the waitlist, attendance, notes and
follow-ups. Each function is the one place its rule is enforced.

Concurrency: a booking locks the participant's row (so their bookings cannot overlap) and then
the session's row (so seats and the waitlist order are decided one request at a time, in commit
order). The seat itself is taken by a conditional ``UPDATE ... WHERE confirmed_count <
capacity`` and a check constraint, so the database refuses an overbooking even if this code
were wrong. Deadlocks between a booking and a promotion (which lock in the other order) are
retried.
"""

import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.models import User
from coaching import notices, selectors, signals
from coaching.models import (
    ACTIVE_STATUSES,
    Attendance,
    Audience,
    Booking,
    BookingStatus,
    ClinicSession,
    Expert,
    FollowUp,
    SessionMode,
    SessionNote,
    SessionSeries,
    SessionStatus,
    Topic,
)
from notifications.services import notify

logger = logging.getLogger(__name__)
T = TypeVar("T")

EXPERT_OVERLAP_CONSTRAINT = "coaching_expert_sessions_no_overlap"


class CoachingError(ValidationError):
    """A rule said no; ``message`` is meant for the person who asked."""


# --- plumbing ---------------------------------------------------------------------------------


def _retrying(fn: Callable[[], T], attempts: int = 4) -> T:
    """Run ``fn`` (one transaction); retry when PostgreSQL picked it as a deadlock victim."""
    if transaction.get_connection().in_atomic_block:
        return fn()  # the caller owns the transaction; it cannot be retried from here
    for attempt in range(attempts):
        try:
            return fn()
        except OperationalError as error:
            code = getattr(getattr(error, "__cause__", None), "sqlstate", None)
            if code not in {"40P01", "40001"} or attempt == attempts - 1:
                raise
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


def _url_for(user: User, name: str, *args) -> str:
    with translation.override(user.preferred_language or "id"):
        return reverse(name, args=args)


def tell(*, recipient: User, kind: str, url: str, params: dict | None = None, obj=None) -> None:
    """Tell a person something in the app (the inbox of notifications, plus push).

    The one place coaching talks to notifications; a failure there never undoes a booking.
    """
    try:
        notify(recipient=recipient, kind=kind, url=url, params=params or {}, obj=obj)
    except Exception:
        logger.exception("coaching: could not notify %s of %s", recipient.pk, kind)


def _after_commit(fn: Callable[[], None]) -> None:
    transaction.on_commit(fn, robust=True)


def _session_params(session: ClinicSession, user: User) -> dict:
    with translation.override(user.preferred_language or "id"):
        return {
            "title": session.display_title,
            "when": str(selectors.session_span_for(session=session, user=user)),
            "session_id": session.pk,
        }


# --- sessions ---------------------------------------------------------------------------------


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
    import zoneinfo

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

    return _retrying(run)


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
    informed: list[Booking] = []
    if moved:
        active = session.bookings.filter(status__in=ACTIVE_STATUSES)
        active.update(sequence=F("sequence") + 1)
        informed = list(active.select_related("participant"))
    promoted = _promote_waitlist(session) if "capacity" in diff else []

    def after():
        signals.session_changed.send(sender=ClinicSession, session=session, changes=diff)
        for booking in informed:
            tell(
                recipient=booking.participant,
                kind=notices.SESSION_MOVED,
                url=_url_for(booking.participant, "coaching:session", session.pk),
                params=_session_params(session, booking.participant),
                obj=booking,
            )
        _announce_promotions(promoted)

    _after_commit(after)
    return session


def session_cancel(*, by: User, session: ClinicSession, reason: str) -> ClinicSession:
    """Cancel a whole session: every booking is cancelled and every booked person told."""
    reason = (reason or "").strip()
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
                return locked, []
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

    locked, cancelled = _retrying(run)

    def after():
        signals.session_cancelled.send(sender=ClinicSession, session=locked)
        for booking in cancelled:
            booking.refresh_from_db()
            signals.booking_cancelled.send(sender=Booking, booking=booking)
            tell(
                recipient=booking.participant,
                kind=notices.SESSION_CANCELLED,
                url=_url_for(booking.participant, "coaching:my_bookings"),
                params={**_session_params(locked, booking.participant), "reason": reason},
                obj=booking,
            )

    _after_commit(after)
    return locked


# --- bookings ---------------------------------------------------------------------------------


@dataclass
class BookingResult:
    booking: Booking
    created: bool


def _participant_overlap(
    participant: User, session: ClinicSession, statuses=ACTIVE_STATUSES
) -> Booking | None:
    return (
        Booking.objects.filter(
            participant=participant,
            status__in=statuses,
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__lt=session.ends_at,
            session__ends_at__gt=session.starts_at,
        )
        .exclude(session=session)
        .select_related("session__topic")
        .first()
    )


def booking_create(
    *, participant: User, session: ClinicSession, request_key: uuid.UUID | str | None = None
) -> BookingResult:
    """Book a seat, or a place on the waitlist when the session is full.

    The same ``request_key`` sent again returns the first booking (a retried request on a flaky
    link books once). Asking again for a session one is already in returns that booking.
    """
    if request_key is not None and not isinstance(request_key, uuid.UUID):
        try:
            request_key = uuid.UUID(str(request_key))
        except ValueError:
            request_key = None

    def run():
        with transaction.atomic():
            return _booking_create(participant, session.pk, request_key)

    try:
        result = _retrying(run)
    except IntegrityError:
        # The same key (or the same person and session) committed by a request we raced with.
        existing = Booking.objects.filter(
            Q(request_key=request_key) if request_key else Q(pk__in=[]),
        ).first() or selectors.active_booking(participant=participant, session=session)
        if existing is None or existing.participant_id != participant.pk:
            raise
        return BookingResult(existing, False)
    if result.created and result.booking.is_confirmed:
        booking = result.booking
        _after_commit(lambda: signals.booking_confirmed.send(sender=Booking, booking=booking))
    return result


def _booking_create(participant: User, session_pk: int, request_key) -> BookingResult:
    if request_key is not None:
        earlier = Booking.objects.filter(request_key=request_key).first()
        if earlier is not None:
            if earlier.participant_id != participant.pk:
                raise CoachingError(_("This request is not valid; please try again."), code="key")
            return BookingResult(earlier, False)
    # Lock order everywhere: the participant, then the session.
    User.objects.select_for_update(no_key=True, of=("self",)).filter(pk=participant.pk).first()
    session = (
        ClinicSession.objects.select_for_update(no_key=True, of=("self",))
        .select_related("topic", "cohort")
        .get(pk=session_pk)
    )
    if request_key is not None:  # a twin request may have committed while we waited
        earlier = Booking.objects.filter(request_key=request_key).first()
        if earlier is not None:
            if earlier.participant_id != participant.pk:
                raise CoachingError(_("This request is not valid; please try again."), code="key")
            return BookingResult(earlier, False)
    existing = Booking.objects.filter(
        session=session, participant=participant, status__in=ACTIVE_STATUSES
    ).first()
    if existing is not None:
        return BookingResult(existing, False)
    if session.is_cancelled:
        raise CoachingError(_("This session was cancelled."), code="cancelled")
    if not session.booking_open():
        raise CoachingError(
            _("Booking closed %(hours)d hours before the start.") % {"hours": session.notice_hours},
            code="closed",
        )
    problem = selectors.eligibility_problem(participant=participant, session=session)
    if problem:
        raise CoachingError(problem, code="eligibility")
    clash = _participant_overlap(participant, session)
    if clash is not None:
        raise CoachingError(
            _("You already have a booking at that time: %(title)s, %(when)s.")
            % {
                "title": clash.session.display_title,
                "when": selectors.session_span_for(session=clash.session, user=participant),
            },
            code="participant_overlap",
        )
    queue_number = session.queue_counter + 1
    # The seat is taken by the database: this UPDATE matches no row when the session is full.
    got_seat = ClinicSession.objects.filter(
        pk=session.pk, confirmed_count__lt=F("capacity")
    ).update(confirmed_count=F("confirmed_count") + 1, queue_counter=queue_number)
    if not got_seat:
        ClinicSession.objects.filter(pk=session.pk).update(queue_counter=queue_number)
    now = timezone.now()
    booking = Booking.objects.create(
        session=session,
        participant=participant,
        status=BookingStatus.CONFIRMED if got_seat else BookingStatus.WAITLISTED,
        queue_number=queue_number,
        request_key=request_key,
        created_at=now,
        confirmed_at=now if got_seat else None,
    )
    return BookingResult(booking, True)


def booking_cancel(*, by: User, booking: Booking, reason: str = "") -> Booking:
    """Cancel a seat or leave the waitlist. A participant may do so only before the notice
    limit; the expert or a manager at any time, with a reason. A freed seat goes to the first
    person on the waitlist, who is told."""
    reason = (reason or "").strip()

    def run():
        with transaction.atomic():
            return _booking_cancel(by=by, booking_pk=booking.pk, reason=reason)

    cancelled, promoted, changed = _retrying(run)

    def after():
        if changed:
            signals.booking_cancelled.send(sender=Booking, booking=cancelled)
            if by.pk != cancelled.participant_id:
                tell(
                    recipient=cancelled.participant,
                    kind=notices.BOOKING_CANCELLED,
                    url=_url_for(cancelled.participant, "coaching:my_bookings"),
                    params={
                        **_session_params(cancelled.session, cancelled.participant),
                        "reason": reason,
                    },
                    obj=cancelled,
                )
        _announce_promotions(promoted)

    _after_commit(after)
    return cancelled


def _booking_cancel(*, by: User, booking_pk: int, reason: str):
    booking = Booking.objects.select_related("session__expert").get(pk=booking_pk)
    session = ClinicSession.objects.select_for_update(no_key=True, of=("self",)).get(
        pk=booking.session_id
    )
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("participant")
        .get(pk=booking_pk)
    )
    booking.session = session
    is_owner = by.pk == booking.participant_id
    is_staff = selectors.user_can_manage_session(user=by, session=session)
    if not (is_owner or is_staff):
        raise PermissionDenied(_("This is not your booking."))
    if booking.is_cancelled:
        return booking, [], False
    now = timezone.now()
    if is_staff and not is_owner:
        if not reason:
            raise CoachingError(_("Please give a reason for cancelling."), code="reason")
    elif booking.is_confirmed and now >= session.notice_deadline:
        raise CoachingError(
            _(
                "Cancelling closed %(hours)d hours before the start. Please contact the expert"
                " or your facilitator."
            )
            % {"hours": session.notice_hours},
            code="notice",
        )
    was_confirmed = booking.is_confirmed
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.cancelled_by = by
    booking.cancel_reason = reason[:300]
    booking.sequence += 1
    booking.save()
    promoted = []
    if was_confirmed:
        ClinicSession.objects.filter(pk=session.pk).update(confirmed_count=F("confirmed_count") - 1)
        session.refresh_from_db()
        promoted = _promote_waitlist(session)
    return booking, promoted, True


def _promote_waitlist(session: ClinicSession) -> list[Booking]:
    """Give free seats to the waitlist in queue order (the session's row is locked)."""
    if session.is_cancelled or session.starts_at <= timezone.now():
        return []
    promoted = []
    free = session.capacity - session.confirmed_count
    waiting = list(
        session.bookings.filter(status=BookingStatus.WAITLISTED)
        .select_related("participant")
        .order_by("queue_number")
    )
    for candidate in waiting:
        if free <= 0:
            break
        User.objects.select_for_update(no_key=True, of=("self",)).filter(
            pk=candidate.participant_id
        ).first()
        if _participant_overlap(candidate.participant, session, statuses=[BookingStatus.CONFIRMED]):
            continue  # they booked something else at that time; they keep their place
        got_seat = ClinicSession.objects.filter(
            pk=session.pk, confirmed_count__lt=F("capacity")
        ).update(confirmed_count=F("confirmed_count") + 1)
        if not got_seat:
            break
        now = timezone.now()
        candidate.status = BookingStatus.CONFIRMED
        candidate.confirmed_at = now
        candidate.promoted_at = now
        candidate.save(update_fields=["status", "confirmed_at", "promoted_at"])
        candidate.session = session
        promoted.append(candidate)
        free -= 1
    session.refresh_from_db()
    return promoted


def _announce_promotions(promoted: list[Booking]) -> None:
    for booking in promoted:
        signals.waitlist_promoted.send(sender=Booking, booking=booking)
        tell(
            recipient=booking.participant,
            kind=notices.WAITLIST_PROMOTED,
            url=_url_for(booking.participant, "coaching:session", booking.session_id),
            params=_session_params(booking.session, booking.participant),
            obj=booking,
        )


# --- after the session ------------------------------------------------------------------------


def _check_expert_of(by: User, booking: Booking) -> None:
    if not selectors.user_can_manage_session(user=by, session=booking.session):
        raise PermissionDenied(_("Only the expert or a programme manager can do this."))


@transaction.atomic
def attendance_mark(*, by: User, booking: Booking, attendance: str) -> Booking:
    """Attended or did not show up; only for confirmed seats of a session that has started."""
    booking = (
        Booking.objects.select_for_update(of=("self",)).select_related("session").get(pk=booking.pk)
    )
    _check_expert_of(by, booking)
    if attendance not in Attendance.values:
        raise CoachingError(_("Choose attended or did not show up."), code="attendance")
    if not booking.is_confirmed:
        raise CoachingError(_("Only people with a seat can be marked."), code="status")
    if booking.session.starts_at > timezone.now():
        raise CoachingError(_("Attendance can be marked once the session starts."), code="early")
    booking.attendance = attendance
    booking.attendance_marked_at = timezone.now()
    booking.attendance_marked_by = by
    booking.save(update_fields=["attendance", "attendance_marked_at", "attendance_marked_by"])
    return booking


@transaction.atomic
def note_add(*, by: User, booking: Booking, text: str) -> SessionNote:
    _check_expert_of(by, booking)
    text = (text or "").strip()
    if not text:
        raise CoachingError(_("The note is empty."), code="empty")
    if len(text) > 5000:
        raise CoachingError(_("The note is too long (at most 5000 characters)."), code="long")
    if booking.status != BookingStatus.CONFIRMED:
        raise CoachingError(_("Notes are for people with a seat."), code="status")
    return SessionNote.objects.create(booking=booking, author=by, text=text)


@transaction.atomic
def follow_up_create(
    *, by: User, booking: Booking, title: str, instructions: str, due_at: dt.datetime
) -> FollowUp:
    """A follow-up task; it becomes a remote assignment for this participant (learning)."""
    from learning.services import assignment_create

    _check_expert_of(by, booking)
    title, instructions = (title or "").strip(), (instructions or "").strip()
    if not title or not instructions:
        raise CoachingError(_("A follow-up needs a title and instructions."), code="empty")
    if due_at <= timezone.now():
        raise CoachingError(_("The due date must be in the future."), code="due")
    if booking.status != BookingStatus.CONFIRMED:
        raise CoachingError(_("Follow-ups are for people with a seat."), code="status")
    assignment = assignment_create(
        created_by=by,
        title=title[:200],
        instructions=instructions,
        due_at=due_at,
        participants=[booking.participant],
    )
    return FollowUp.objects.create(
        booking=booking,
        title=title[:200],
        instructions=instructions,
        due_at=due_at,
        assignment=assignment,
        created_by=by,
    )
