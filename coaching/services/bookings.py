"""Bookings: a seat or a place on the waitlist, cancelling, and promotion from the waitlist.

Lock order everywhere: the participant's row, then the session's row. The seat is taken by a
conditional ``UPDATE`` (and a check constraint keeps ``confirmed_count`` within the seats); the
waitlist is served in ``queue_number`` order, handed out under the session's row lock; one
booking per request key is a unique constraint.
"""

import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import User
from coaching import selectors, signals
from coaching.models import ACTIVE_STATUSES, Booking, BookingStatus, ClinicSession, SessionStatus
from coaching.services.common import CoachingError, after_commit, clean_text, retrying


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
    link books once). Asking again for a session one is already in returns that booking. A key
    that someone else already used is refused with a ``CoachingError``, and nothing changes.
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
        result = retrying(run)
    except IntegrityError:
        # A request we raced with committed first: the same key, or the same person and session.
        # Our transaction was rolled back, so nothing of this request is left.
        existing = None
        if request_key is not None:
            existing = Booking.objects.filter(request_key=request_key).first()
        if existing is None:
            existing = selectors.active_booking(participant=participant, session=session)
        if existing is None:
            raise
        if existing.participant_id != participant.pk:
            raise _key_of_someone_else() from None
        return BookingResult(existing, False)
    if result.created and result.booking.is_confirmed:
        booking = result.booking
        after_commit(
            lambda: signals.booking_confirmed.send(sender=Booking, booking=booking, by=participant)
        )
    return result


def _key_of_someone_else() -> CoachingError:
    """A request key already used by another person (a copied link, a shared phone)."""
    return CoachingError(
        _("This booking request was already used. Please open the clinic again and book."),
        code="key",
    )


def _booking_create(participant: User, session_pk: int, request_key) -> BookingResult:
    if request_key is not None:
        earlier = Booking.objects.filter(request_key=request_key).first()
        if earlier is not None:
            if earlier.participant_id != participant.pk:
                raise _key_of_someone_else()
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
                raise _key_of_someone_else()
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
    reason = clean_text(reason)

    def run():
        with transaction.atomic():
            return _booking_cancel(by=by, booking_pk=booking.pk, reason=reason)

    cancelled, promoted, changed = retrying(run)

    def after():
        if changed:
            signals.booking_cancelled.send(
                sender=Booking, booking=cancelled, by=by, reason=reason, whole_session=False
            )
        for booking in promoted:
            signals.waitlist_promoted.send(sender=Booking, booking=booking, by=by)

    after_commit(after)
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
    if session.starts_at <= now:
        raise CoachingError(
            _(
                "This clinic has already started, so its bookings stay as they are. Mark who"
                " came in the attendance instead."
            ),
            code="started",
        )
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
        promoted = promote_waitlist(session)
    return booking, promoted, True


def promote_waitlist(session: ClinicSession) -> list[Booking]:
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
