"""What happened in coaching, for whoever must react (coaching's own ``notices``, other apps).

Each is sent by ``coaching.services`` inside ``transaction.on_commit``, so a receiver only ever
sees rows that are in the database, and a receiver that fails cannot undo what was done. Every
signal says who acted (``by``, a user).

``booking_confirmed(sender, booking, by)``
    a participant holds a confirmed seat (booked directly; ``by`` is the participant).
``booking_cancelled(sender, booking, by, reason, whole_session)``
    a confirmed or waitlisted booking was cancelled by the participant, the expert or a
    manager; ``reason`` is what they gave (may be empty); ``whole_session`` is true when it
    went with its cancelled session (``session_cancelled`` is sent first).
``waitlist_promoted(sender, booking, by)``
    a waitlisted booking became confirmed because a seat was freed; ``by`` freed it (a
    cancellation or more seats).
``session_changed(sender, session, changes, by)``
    a session was moved or edited; ``changes`` maps field names to ``(old, new)``.
``session_cancelled(sender, session, by, reason)``
    the expert or a manager cancelled the whole session (its bookings are cancelled too, each
    with its own ``booking_cancelled``).
"""

from django.dispatch import Signal

booking_confirmed = Signal()
booking_cancelled = Signal()
waitlist_promoted = Signal()
session_changed = Signal()
session_cancelled = Signal()
