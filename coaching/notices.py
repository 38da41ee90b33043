"""Everything coaching tells people, and when: the kinds of message, their texts, the timing of
reminders, and the receivers that send them on coaching's signals.

The services change state and send signals (after commit, carrying who acted and why); this
module decides what each person hears:

- A confirmed seat (booked directly): the participant is told at once that the booking is
  confirmed, and reminded 24 hours and 1 hour before the clinic.
- A seat from the waitlist: the participant is told at once, with the same reminders.
- The expert is reminded 1 hour before, with the number booked at that moment (no reminder if
  nobody is booked).
- A moved clinic: everyone booked or waiting is told; every reminder is rescheduled.
- A booking cancelled by the expert or a manager: the participant is told, with the reason (not
  when they cancelled it themselves). A whole clinic cancelled: everyone booked or waiting is
  told, with the reason. Either way their reminders are cancelled.

Every reminder expires when the clinic starts, which also bounds the push's TTL. A message that
cannot be sent is logged; it never undoes the booking (the signals are sent after commit).
``register()`` is called once, from ``CoachingConfig.ready()``.
"""

import datetime
import logging

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cms.models import Role
from coaching import selectors, signals
from coaching.models import ACTIVE_STATUSES, Booking, BookingStatus, ClinicSession, SessionStatus
from coaching.services.sessions import MOVE_FIELDS
from notifications import kinds, message_templates
from notifications.services import (
    notifications_withdraw,
    notify,
    reminder_schedule,
    reminders_cancel,
)

logger = logging.getLogger(__name__)

# Told at once.
BOOKED = "clinic_booked"
WAITLIST_PROMOTED = "clinic_waitlist_promoted"
SESSION_MOVED = "clinic_moved"
SESSION_CANCELLED = "clinic_cancelled"
BOOKING_CANCELLED = "clinic_booking_cancelled"
# Reminders, scheduled before the clinic.
BEFORE_24H = "clinic_reminder_24h"
BEFORE_1H = "clinic_reminder_1h"
EXPERT_1H = "clinic_expert_reminder_1h"

ONE_HOUR = datetime.timedelta(hours=1)
PARTICIPANT_REMINDERS = ((BEFORE_24H, datetime.timedelta(hours=24)), (BEFORE_1H, ONE_HOUR))
# Changes that make a scheduled reminder wrong (its time or its text): it is scheduled again.
REMINDER_FIELDS = ("starts_at", "title", "topic", "topic_id")


# --- at send time: is a reminder still worth sending? -----------------------------------------


def _booking_still_on(booking: Booking, recipient) -> dict | None:
    """At send time: remind only if the seat is still confirmed and the clinic still on."""
    if booking is None:
        return None
    booking = Booking.objects.select_related("session").filter(pk=booking.pk).first()
    if booking is None or booking.status != BookingStatus.CONFIRMED:
        return None
    if booking.session.status != SessionStatus.SCHEDULED:
        return None
    return {}


def _count_booked(session: ClinicSession, recipient) -> dict | None:
    """At send time: the number booked now; nothing to say if nobody is."""
    if session is None:
        return None
    session = ClinicSession.objects.filter(pk=session.pk).first()
    if session is None or session.status != SessionStatus.SCHEDULED:
        return None
    count = session.bookings.filter(status=BookingStatus.CONFIRMED).count()
    return {"count": count} if count else None


# --- the kinds and their texts ----------------------------------------------------------------


def register_kinds() -> None:
    """Register coaching's kinds with notifications. Safe to call again."""
    participants = (Role.PARTICIPANT,)
    kinds.register(
        BOOKED,
        label=_("Booking confirmations"),
        title=_("Your clinic seat is booked"),
        body=_("%(title)s, %(start)s."),
        ttl=datetime.timedelta(days=1),
        urgency="normal",
        audience=participants,
    )
    kinds.register(
        WAITLIST_PROMOTED,
        label=_("A seat for you from the waitlist"),
        title=_("You have a seat at a clinic"),
        body=_("%(title)s, %(when)s. A seat was freed and it is yours."),
        urgency="high",
        audience=participants,
        reach="urgent",
    )
    kinds.register(
        SESSION_MOVED,
        label=_("Changed clinics"),
        title=_("Your clinic has changed"),
        body=_("%(title)s is now %(when)s."),
        urgency="high",
        audience=participants,
        reach="urgent",
    )
    kinds.register(
        SESSION_CANCELLED,
        label=_("Cancelled clinics"),
        title=_("A clinic was cancelled"),
        body=_("%(title)s, %(when)s: %(reason)s"),
        urgency="high",
        audience=participants,
        reach="urgent",
    )
    kinds.register(
        BOOKING_CANCELLED,
        label=_("Cancelled clinics"),
        title=_("Your clinic booking was cancelled"),
        body=_("%(title)s, %(when)s: %(reason)s"),
        urgency="high",
        audience=participants,
        reach="urgent",
    )
    kinds.register(
        BEFORE_24H,
        label=_("Clinic reminders"),
        title=_("Your clinic is tomorrow"),
        body=_("%(title)s, %(start)s."),
        ttl=datetime.timedelta(hours=25),
        urgency="normal",
        audience=participants,
        # Arriving later than 2 hours before, the 1-hour reminder says it better.
        min_lead=datetime.timedelta(hours=2),
        refresh=_booking_still_on,
    )
    kinds.register(
        BEFORE_1H,
        label=_("Clinic reminders"),
        title=_("Your clinic starts in 1 hour"),
        body=_("%(title)s, %(start)s."),
        ttl=datetime.timedelta(hours=2),
        urgency="high",
        audience=participants,
        reach="urgent",
        min_lead=datetime.timedelta(minutes=10),
        refresh=_booking_still_on,
    )
    # On WhatsApp (a participant without push, or whose push did not arrive): the approved
    # template "clinic_reminder_1h" with the clinic, its time and the link.
    message_templates.register(
        BEFORE_1H, name="clinic_reminder_1h", params=("title", "start", "@link")
    )
    kinds.register(
        EXPERT_1H,
        label=_("Reminders of the clinics I run"),
        title=_("Your clinic starts in 1 hour"),
        body=_("%(title)s, %(start)s: %(count)s booked."),
        ttl=datetime.timedelta(hours=2),
        urgency="high",
        audience=(Role.EXPERT,),
        min_lead=datetime.timedelta(minutes=10),
        refresh=_count_booked,
    )


# --- what a message says ----------------------------------------------------------------------


def _url(user, name: str, *args) -> str:
    """A link in the person's own language."""
    with translation.override(user.preferred_language or "id"):
        return reverse(name, args=args)


def _title(session: ClinicSession, user) -> str:
    with translation.override(user.preferred_language or "id"):
        return str(session.display_title)


def _session_params(session: ClinicSession, user) -> dict:
    """The clinic's title and times, in the person's language and zone."""
    with translation.override(user.preferred_language or "id"):
        return {
            "title": session.display_title,
            "when": str(selectors.session_span_for(session=session, user=user)),
            "session_id": session.pk,
        }


def _tell(*, recipient, kind: str, url: str, params: dict, obj, **extra) -> None:
    """Tell one person; a failure is logged and does not stop the others being told."""
    try:
        notify(recipient=recipient, kind=kind, url=url, params=params, obj=obj, **extra)
    except Exception:
        logger.exception("coaching: could not notify %s of %s", recipient.pk, kind)


# --- reminders --------------------------------------------------------------------------------


def schedule_for_booking(booking: Booking) -> None:
    """The participant's 24 h and 1 h reminders, and the expert's 1 h reminder."""
    session = booking.session
    participant = booking.participant
    now = timezone.now()
    for kind, before in PARTICIPANT_REMINDERS:
        at = session.starts_at - before
        if at <= now:
            continue  # booked less than that before the clinic: that reminder has no time
        reminder_schedule(
            recipient=participant,
            kind=kind,
            obj=booking,
            at=at,
            url=_url(participant, "coaching:session", session.pk),
            params={"title": _title(session, participant), "start": session.starts_at},
            expires_at=session.starts_at,
        )
    schedule_for_expert(session)


def schedule_for_expert(session: ClinicSession) -> None:
    at = session.starts_at - ONE_HOUR
    expert = session.expert.user
    if at <= timezone.now():
        return
    reminder_schedule(
        recipient=expert,
        kind=EXPERT_1H,
        obj=session,
        at=at,
        url=_url(expert, "coaching:expert_session", session.pk),
        params={"title": _title(session, expert), "start": session.starts_at},
        expires_at=session.starts_at,
    )


def _fresh_booking(booking: Booking) -> Booking:
    return Booking.objects.select_related(
        "session__expert__user", "session__topic", "participant"
    ).get(pk=booking.pk)


# --- receivers (coaching's signals are sent after commit) -------------------------------------


def on_booking_confirmed(sender, booking: Booking, **kwargs) -> None:
    booking = _fresh_booking(booking)
    participant = booking.participant
    _tell(
        recipient=participant,
        kind=BOOKED,
        url=_url(participant, "coaching:session", booking.session_id),
        params={"title": _title(booking.session, participant), "start": booking.session.starts_at},
        obj=booking,
        expires_at=booking.session.starts_at,
    )
    schedule_for_booking(booking)


def on_waitlist_promoted(sender, booking: Booking, **kwargs) -> None:
    booking = _fresh_booking(booking)
    participant = booking.participant
    _tell(
        recipient=participant,
        kind=WAITLIST_PROMOTED,
        url=_url(participant, "coaching:session", booking.session_id),
        params=_session_params(booking.session, participant),
        obj=booking,
    )
    schedule_for_booking(booking)


def on_booking_cancelled(
    sender, booking: Booking, by=None, reason: str = "", whole_session: bool = False, **kwargs
) -> None:
    """Its reminders go, and what the inbox said about it ("your seat is booked", reminders)
    is withdrawn. The participant is told why, unless they cancelled it themselves."""
    reminders_cancel(obj=booking)
    notifications_withdraw(obj=booking)
    booking = _fresh_booking(booking)
    participant = booking.participant
    if whole_session:
        kind, url_name = SESSION_CANCELLED, "coaching:my_bookings"
    elif by is not None and by.pk != participant.pk:
        kind, url_name = BOOKING_CANCELLED, "coaching:my_bookings"
    else:
        return
    _tell(
        recipient=participant,
        kind=kind,
        url=_url(participant, url_name),
        params={**_session_params(booking.session, participant), "reason": reason},
        obj=booking,
    )


def on_session_changed(sender, session: ClinicSession, changes: dict, **kwargs) -> None:
    """Reminders follow the new time or title; people booked or waiting hear of a move."""
    changes = set(changes or {})
    session = ClinicSession.objects.select_related("expert__user", "topic").get(pk=session.pk)
    if set(REMINDER_FIELDS) & changes:
        bookings = list(
            session.bookings.filter(status=BookingStatus.CONFIRMED).select_related("participant")
        )
        # Reminders at the old time go; new ones come at the new time (same time: re-armed).
        reminders_cancel(obj=session)
        for booking in bookings:
            reminders_cancel(obj=booking)
            booking.session = session
            schedule_for_booking(booking)
        if not bookings:
            schedule_for_expert(session)
    if set(MOVE_FIELDS) & changes:  # their calendar entry is wrong now
        for booking in session.bookings.filter(status__in=ACTIVE_STATUSES).select_related(
            "participant"
        ):
            _tell(
                recipient=booking.participant,
                kind=SESSION_MOVED,
                url=_url(booking.participant, "coaching:session", session.pk),
                params=_session_params(session, booking.participant),
                obj=booking,
            )


def on_session_cancelled(sender, session: ClinicSession, **kwargs) -> None:
    """The expert's reminder goes; each booking's is cancelled with its ``booking_cancelled``."""
    reminders_cancel(obj=session)
    for booking in session.bookings.all():
        reminders_cancel(obj=booking)


RECEIVERS = (
    (signals.booking_confirmed, on_booking_confirmed),
    (signals.waitlist_promoted, on_waitlist_promoted),
    (signals.booking_cancelled, on_booking_cancelled),
    (signals.session_changed, on_session_changed),
    (signals.session_cancelled, on_session_cancelled),
)


def register() -> None:
    """Register the kinds and connect the receivers (from ``CoachingConfig.ready()``)."""
    register_kinds()
    for signal, receiver in RECEIVERS:
        signal.connect(receiver, dispatch_uid=f"coaching.notices.{receiver.__name__}")
