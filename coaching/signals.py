"""Signals other apps listen to (reminders, the inbox) without coaching knowing about them.

Each is sent by ``coaching.services`` inside ``transaction.on_commit``, so a receiver only ever
sees rows that are in the database:

``booking_confirmed(sender, booking)``
    a participant holds a confirmed seat (booked directly).
``booking_cancelled(sender, booking)``
    a confirmed or waitlisted booking was cancelled (by the participant, the expert or a
    manager); ``booking.cancel_reason`` says why.
``waitlist_promoted(sender, booking)``
    a waitlisted booking became confirmed because a seat was freed.
``session_changed(sender, session, changes)``
    a session was moved or edited; ``changes`` maps field names to ``(old, new)``.
``session_cancelled(sender, session)``
    the expert or a manager cancelled the whole session (its bookings are cancelled too).
"""

from django.dispatch import Signal

booking_confirmed = Signal()
booking_cancelled = Signal()
waitlist_promoted = Signal()
session_changed = Signal()
session_cancelled = Signal()
