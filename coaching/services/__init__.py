"""Operations of the coaching app: sessions, bookings, the waitlist, attendance, notes and
follow-ups. Each function is the one place its rule is enforced. They change state and send
:mod:`coaching.signals` after commit; what people are told is decided in
:mod:`coaching.notices`.

Concurrency: a booking locks the participant's row (so their bookings cannot overlap) and then
the session's row (so seats and the waitlist order are decided one request at a time, in commit
order). The seat itself is taken by a conditional ``UPDATE ... WHERE confirmed_count <
capacity`` and a check constraint, so the database refuses an overbooking even if this code
were wrong. One booking per request key is a unique constraint. Deadlocks between a booking
and a promotion (which lock in the other order) are retried.

- :mod:`.sessions`: one-off sessions, repeating slots, moving and cancelling a session;
- :mod:`.bookings`: booking, cancelling, the waitlist;
- :mod:`.after_session`: attendance, notes and follow-up tasks.
"""

from coaching.services.after_session import attendance_mark, follow_up_create, note_add
from coaching.services.bookings import BookingResult, booking_cancel, booking_create
from coaching.services.common import CoachingError
from coaching.services.sessions import (
    EDIT_FIELDS,
    EXPERT_OVERLAP_CONSTRAINT,
    MAX_SLOTS,
    MOVE_FIELDS,
    SessionData,
    session_cancel,
    session_create,
    session_series_create,
    session_update,
    slot_spans,
)

__all__ = [
    "EDIT_FIELDS",
    "EXPERT_OVERLAP_CONSTRAINT",
    "MAX_SLOTS",
    "MOVE_FIELDS",
    "BookingResult",
    "CoachingError",
    "SessionData",
    "attendance_mark",
    "booking_cancel",
    "booking_create",
    "follow_up_create",
    "note_add",
    "session_cancel",
    "session_create",
    "session_series_create",
    "session_update",
    "slot_spans",
]
