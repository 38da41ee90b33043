"""The messages coaching sends at once (kinds of notifications): a seat from the waitlist,
a moved or cancelled clinic, a booking cancelled by the expert or a manager.

Reminders before a clinic are scheduled elsewhere, from :mod:`coaching.signals`.
"""

from django.utils.translation import gettext_lazy as _

from cms.models import Role
from notifications import kinds

WAITLIST_PROMOTED = "clinic_waitlist_promoted"
SESSION_MOVED = "clinic_moved"
SESSION_CANCELLED = "clinic_cancelled"
BOOKING_CANCELLED = "clinic_booking_cancelled"


def register_kinds() -> None:
    """Register the kinds with notifications. Safe to call again."""
    participants = (Role.PARTICIPANT,)
    kinds.register(
        WAITLIST_PROMOTED,
        label=_("A seat for you from the waitlist"),
        title=_("You have a seat at a clinic"),
        body=_("%(title)s, %(when)s. A seat was freed and it is yours."),
        urgency="high",
        audience=participants,
    )
    kinds.register(
        SESSION_MOVED,
        label=_("Changed clinics"),
        title=_("Your clinic has changed"),
        body=_("%(title)s is now %(when)s."),
        urgency="high",
        audience=participants,
    )
    kinds.register(
        SESSION_CANCELLED,
        label=_("Cancelled clinics"),
        title=_("A clinic was cancelled"),
        body=_("%(title)s, %(when)s: %(reason)s"),
        urgency="high",
        audience=participants,
    )
    kinds.register(
        BOOKING_CANCELLED,
        label=_("Cancelled clinics"),
        title=_("Your clinic booking was cancelled"),
        body=_("%(title)s, %(when)s: %(reason)s"),
        urgency="high",
        audience=participants,
    )
