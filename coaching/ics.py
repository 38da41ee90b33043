"""Calendar files (.ics) for bookings, made with the icalendar library.

One booking is one calendar entry: its UID never changes, its SEQUENCE goes up whenever the
session changes or the booking is cancelled, and times carry the participant's zone (with a
VTIMEZONE), so a phone calendar shows the same hour the site does. A cancelled booking or
session gives ``METHOD:CANCEL`` with ``STATUS:CANCELLED``, which removes the entry. A booked
entry carries an alarm one hour before it starts (the phone's own reminder, which works
without signal or data).
"""

import datetime
import zoneinfo

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from coaching.models import Booking, SessionMode

PRODID = "-//Berdaya//Coaching clinics//ID"
ALARM_BEFORE = datetime.timedelta(hours=1)
UID_DOMAIN = "berdaya.id"


def booking_uid(booking: Booking) -> str:
    return f"clinic-booking-{booking.uid}@{UID_DOMAIN}"


def booking_calendar(booking: Booking, *, url: str = "") -> bytes:
    """The .ics for one booking, in the participant's language and zone."""
    session = booking.session
    participant = booking.participant
    tz = zoneinfo.ZoneInfo(participant.time_zone or session.time_zone)
    cancelled = booking.is_cancelled or session.is_cancelled
    with translation.override(participant.preferred_language or "id"):
        cal = Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "CANCEL" if cancelled else "PUBLISH")
        event = Event()
        event.add("uid", booking_uid(booking))
        event.add("sequence", booking.sequence)
        event.add("dtstamp", timezone.now())
        event.add("dtstart", timezone.localtime(session.starts_at, tz))
        event.add("dtend", timezone.localtime(session.ends_at, tz))
        event.add(
            "summary",
            _("Coaching clinic: %(title)s") % {"title": session.display_title},
        )
        lines = [_("Expert: %(name)s") % {"name": session.expert.name}]
        if session.mode == SessionMode.ONLINE:
            location = session.meeting_link if booking.is_confirmed else _("Online")
            if booking.is_confirmed:
                lines.append(_("Meeting link: %(link)s") % {"link": session.meeting_link})
        else:
            location = session.place
        if url:
            lines.append(url)
            event.add("url", url)
        if cancelled:
            reason = booking.cancel_reason or session.cancel_reason
            lines.insert(0, _("Cancelled") + (f": {reason}" if reason else ""))
        event.add("location", location)
        event.add("description", "\n".join(lines))
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
        if not cancelled:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", -ALARM_BEFORE)
            alarm.add(
                "description",
                _("In one hour: %(title)s") % {"title": session.display_title},
            )
            event.add_component(alarm)
        cal.add_component(event)
        cal.add_missing_timezones()
    return cal.to_ical()
