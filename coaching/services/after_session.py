"""After the session: attendance, the expert's notes and follow-up tasks."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import User
from cms.validators import validate_sensible_date
from coaching import selectors
from coaching.models import Attendance, Booking, BookingStatus, FollowUp, SessionNote
from coaching.services.common import CoachingError, clean_text


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
    text = clean_text(text)
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
    """A follow-up task; it becomes a remote assignment for this participant (learning).

    The same task sent again for the same booking (a retry after a lost answer on a weak link)
    returns the first one instead of making a second.
    """
    from learning.services import assignment_create

    # The booking's row lock makes a retry wait for the first request, then find its task.
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("session", "participant")
        .get(pk=booking.pk)
    )
    _check_expert_of(by, booking)
    title, instructions = clean_text(title)[:200], clean_text(instructions)
    if not title or not instructions:
        raise CoachingError(_("A follow-up needs a title and instructions."), code="empty")
    if len(instructions) > 5000:
        raise CoachingError(
            _("The instructions are too long (at most 5000 characters)."), code="long"
        )
    try:
        validate_sensible_date(due_at)
    except ValidationError as error:
        raise CoachingError(" ".join(error.messages), code="due_range") from error
    if due_at <= timezone.now():
        raise CoachingError(_("The due date must be in the future."), code="due")
    if booking.status != BookingStatus.CONFIRMED:
        raise CoachingError(_("Follow-ups are for people with a seat."), code="status")
    earlier = FollowUp.objects.filter(
        booking=booking, title=title, instructions=instructions, due_at=due_at
    ).first()
    if earlier is not None:
        return earlier
    assignment = assignment_create(
        created_by=by,
        title=title,
        instructions=instructions,
        due_at=due_at,
        participants=[booking.participant],
    )
    return FollowUp.objects.create(
        booking=booking,
        title=title,
        instructions=instructions,
        due_at=due_at,
        assignment=assignment,
        created_by=by,
    )
