"""When coaching reminds people, as rules on coaching's signals (sent after commit).

- A confirmed seat (booked, or promoted from the waitlist): the participant is told at once
  that the booking is confirmed, and reminded 24 hours and 1 hour before the clinic.
- The expert is reminded 1 hour before, with the number booked at that moment (no reminder if
  nobody is booked).
- A moved clinic reschedules every reminder; a cancelled booking or clinic cancels them.

The messages about a moved or cancelled clinic and a promotion are sent by ``coaching.services``
(kinds in ``coaching.notices``); this module only adds what is scheduled or is new here. It is
imported by ``notifications`` when the app is ready, so coaching's own files stay as they
are. Every reminder expires when the clinic starts, which also bounds the push's TTL.
"""

import datetime

from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cms.models import Role
from coaching import signals
from coaching.models import Booking, BookingStatus, ClinicSession, SessionStatus
from notifications import kinds, services

BOOKED = "clinic_booked"
BEFORE_24H = "clinic_reminder_24h"
BEFORE_1H = "clinic_reminder_1h"
EXPERT_1H = "clinic_expert_reminder_1h"
ONE_HOUR = datetime.timedelta(hours=1)
PARTICIPANT_REMINDERS = ((BEFORE_24H, datetime.timedelta(hours=24)), (BEFORE_1H, ONE_HOUR))


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


def register_kinds() -> None:
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
        min_lead=datetime.timedelta(minutes=10),
        refresh=_booking_still_on,
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


def _url(user, name: str, *args) -> str:
    with translation.override(user.preferred_language or "id"):
        return reverse(name, args=args)


def _title(session: ClinicSession, user) -> str:
    with translation.override(user.preferred_language or "id"):
        return str(session.display_title)


def schedule_for_booking(booking: Booking) -> None:
    """The participant's 24 h and 1 h reminders, and the expert's 1 h reminder."""
    session = booking.session
    participant = booking.participant
    now = timezone.now()
    for kind, before in PARTICIPANT_REMINDERS:
        at = session.starts_at - before
        if at <= now:
            continue  # booked less than that before the clinic: that reminder has no time
        services.reminder_schedule(
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
    services.reminder_schedule(
        recipient=expert,
        kind=EXPERT_1H,
        obj=session,
        at=at,
        url=_url(expert, "coaching:expert_session", session.pk),
        params={"title": _title(session, expert), "start": session.starts_at},
        expires_at=session.starts_at,
    )


@receiver(signals.booking_confirmed, dispatch_uid="notifications-booking-confirmed")
def on_booking_confirmed(sender, booking: Booking, **kwargs) -> None:
    booking = Booking.objects.select_related("session__expert__user", "participant").get(
        pk=booking.pk
    )
    services.notify(
        recipient=booking.participant,
        kind=BOOKED,
        url=_url(booking.participant, "coaching:session", booking.session_id),
        params={
            "title": _title(booking.session, booking.participant),
            "start": booking.session.starts_at,
        },
        obj=booking,
        expires_at=booking.session.starts_at,
    )
    schedule_for_booking(booking)


@receiver(signals.waitlist_promoted, dispatch_uid="notifications-waitlist-promoted")
def on_waitlist_promoted(sender, booking: Booking, **kwargs) -> None:
    # coaching.services tells the person about the seat; here only the reminders.
    booking = Booking.objects.select_related("session__expert__user", "participant").get(
        pk=booking.pk
    )
    schedule_for_booking(booking)


@receiver(signals.booking_cancelled, dispatch_uid="notifications-booking-cancelled")
def on_booking_cancelled(sender, booking: Booking, **kwargs) -> None:
    services.reminders_cancel(obj=booking)


@receiver(signals.session_changed, dispatch_uid="notifications-session-changed")
def on_session_changed(sender, session: ClinicSession, changes: dict, **kwargs) -> None:
    if not {"starts_at", "title", "topic", "topic_id"} & set(changes or {}):
        return
    session = ClinicSession.objects.select_related("expert__user").get(pk=session.pk)
    bookings = list(
        session.bookings.filter(status=BookingStatus.CONFIRMED).select_related("participant")
    )
    # Reminders at the old time go; new ones come at the new time (same time: re-armed).
    services.reminders_cancel(obj=session)
    for booking in bookings:
        services.reminders_cancel(obj=booking)
        booking.session = session
        schedule_for_booking(booking)
    if not bookings:
        schedule_for_expert(session)


@receiver(signals.session_cancelled, dispatch_uid="notifications-session-cancelled")
def on_session_cancelled(sender, session: ClinicSession, **kwargs) -> None:
    services.reminders_cancel(obj=session)
    for booking in session.bookings.all():
        services.reminders_cancel(obj=booking)


register_kinds()
