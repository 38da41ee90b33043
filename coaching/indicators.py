"""What coaching counts for the donor reports (the ``register_report_indicators`` hook).

Each function returns an unevaluated queryset of participant ids (see ``cms/indicators.py``).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cms.indicators import Indicator, Period
from learning.models import Review

from .models import Attendance, Booking, BookingStatus


def booked(period: Period, people: QuerySet) -> QuerySet:
    return (
        Booking.objects.filter(status=BookingStatus.CONFIRMED)
        .filter(period.q("created_at"))
        .values("participant")
    )


def attended(period: Period, people: QuerySet) -> QuerySet:
    return (
        Booking.objects.filter(attendance=Attendance.ATTENDED)
        .filter(period.q("session__starts_at"))
        .values("participant")
    )


def no_show(period: Period, people: QuerySet) -> QuerySet:
    return (
        Booking.objects.filter(attendance=Attendance.NO_SHOW)
        .filter(period.q("session__starts_at"))
        .values("participant")
    )


def follow_up_completed(period: Period, people: QuerySet) -> QuerySet:
    return (
        Review.objects.filter(
            decision=Review.Decision.ACCEPT,
            submission__assignment__clinic_follow_up__isnull=False,
        )
        .filter(period.q("created_at"))
        .values("submission__participant")
    )


def indicators() -> list[Indicator]:
    return [
        Indicator(
            key="coaching.booked",
            label=_("Booked a clinic"),
            definition=_(
                "People with a confirmed seat in a coaching clinic (not cancelled, not on the "
                "waitlist), counted by the date they booked."
            ),
            people=booked,
            order=60,
        ),
        Indicator(
            key="coaching.attended",
            label=_("Attended a clinic"),
            definition=_(
                "People the expert marked as attended at a clinic, counted by the clinic's date."
            ),
            people=attended,
            order=61,
        ),
        Indicator(
            key="coaching.no_show",
            label=_("Missed a booked clinic"),
            definition=_(
                "People the expert marked as not having come to a clinic they booked, counted "
                "by the clinic's date."
            ),
            people=no_show,
            order=62,
        ),
        Indicator(
            key="coaching.follow_up_completed",
            label=_("Completed a clinic follow-up"),
            definition=_(
                "People whose work on a follow-up task set after a clinic was accepted, counted "
                "by the date of the review."
            ),
            people=follow_up_completed,
            order=63,
        ),
    ]
