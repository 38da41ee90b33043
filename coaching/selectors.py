"""Reads of the coaching app: who may see or do what, lists for the screens, time display."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from cms.models.users import TIME_ZONE_LABELS
from cms.timespan import LocalSpan, local_span, span_for  # noqa: F401 (re-exported)
from coaching.models import (
    ACTIVE_STATUSES,
    Audience,
    Booking,
    BookingStatus,
    ClinicSession,
    Expert,
    SessionStatus,
)

# --- who is who -------------------------------------------------------------------------------


def expert_of(*, user) -> Expert | None:
    """The expert profile of a signed-in person, if they are an expert."""
    if not user.is_authenticated:
        return None
    try:
        return user.expert_profile
    except Expert.DoesNotExist:
        return None


def user_can_manage_session(*, user, session: ClinicSession) -> bool:
    """The session's own expert, or a programme manager."""
    if not user.is_authenticated:
        return False
    return user.is_manager or (user.is_expert and session.expert.user_id == user.pk)


def facilitator_sees_since(*, user, participant):
    """From when ``user`` may read the participant's clinics (None: not at all): a facilitator
    from the day the person joined one of their cohorts; the person and managers always."""
    from learning.selectors import facilitated_since

    return facilitated_since(user=user, participant=participant)


def user_can_read_notes(*, user, booking: Booking) -> bool:
    """Notes are for the expert of the session, the participant, managers, and facilitators of
    the participant's cohorts for clinics booked since the person joined their cohort."""
    if not user.is_authenticated:
        return False
    if user.pk == booking.participant_id:
        return True
    if user_can_manage_session(user=user, session=booking.session):
        return True
    since = facilitator_sees_since(user=user, participant=booking.participant)
    return since is not None and booking.created_at >= since


def eligibility_problem(*, participant, session: ClinicSession) -> str | None:
    """Why this person may not book this session, or None when they may."""
    if not participant.is_authenticated or not participant.is_participant:
        return _("Only participants can book clinics.")
    if session.audience == Audience.ALL:
        return None
    if session.audience == Audience.MASTERY:
        from learning.selectors import has_reached_stage

        if has_reached_stage(user=participant, kind="mastery"):
            return None
        return _("This clinic is for participants who have reached the Mastery stage.")
    if session.audience == Audience.COHORT:
        from learning.selectors import cohorts_of

        if (
            session.cohort_id
            and cohorts_of(participant=participant).filter(pk=session.cohort_id).exists()
        ):
            return None
        return _("This clinic is only for the members of one cohort.")
    return None


# --- lists ------------------------------------------------------------------------------------


def upcoming_sessions(*, topic=None, day: dt.date | None = None, tz=None, now=None) -> QuerySet:
    """Scheduled sessions that have not started, optionally of one topic or on one local day."""
    now = now or timezone.now()
    qs = (
        ClinicSession.objects.filter(status=SessionStatus.SCHEDULED, starts_at__gt=now)
        .select_related("topic", "expert__user", "expert__photo")
        .order_by("starts_at")
    )
    if topic is not None:
        qs = qs.filter(topic=topic)
    if day is not None:
        tz = tz or zoneinfo.ZoneInfo("Asia/Jakarta")
        start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
        qs = qs.filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))
    return qs


def audience_filter(*, participant) -> Q:
    """The sessions whose audience includes this participant (``eligibility_problem`` for a
    whole list, in one query per rule instead of one per session)."""
    from learning.selectors import cohorts_of, has_reached_stage

    allowed = Q(audience=Audience.ALL)
    if has_reached_stage(user=participant, kind="mastery"):
        allowed |= Q(audience=Audience.MASTERY)
    cohort_ids = list(cohorts_of(participant=participant).values_list("pk", flat=True))
    if cohort_ids:
        allowed |= Q(audience=Audience.COHORT, cohort_id__in=cohort_ids)
    return allowed


@dataclass
class SlotChoice:
    """One one-to-one slot on a day's card: its start in the viewer's zone, and its state."""

    session: ClinicSession
    starts: dt.datetime
    booking: Booking | None

    @property
    def is_free(self) -> bool:
        return self.booking is None and not self.session.is_full

    @property
    def time_text(self) -> str:
        return dateformat.format(self.starts, "H:i")


@dataclass
class ClinicListItem:
    """A card of the clinic list: a group clinic (``session``), or an expert's one-to-one
    slots on one day in the viewer's zone (``slots``)."""

    starts: dt.datetime
    session: ClinicSession | None = None
    booking: Booking | None = None
    slots: list[SlotChoice] | None = None
    zone_label: str = ""

    @property
    def first(self) -> ClinicSession:
        return self.session if self.session is not None else self.slots[0].session

    @property
    def day_text(self) -> str:
        return dateformat.format(self.starts, "D, j M Y")

    @property
    def free_count(self) -> int:
        return sum(1 for slot in self.slots or [] if slot.is_free)


def clinic_list(
    *,
    participant,
    topic=None,
    day: dt.date | None = None,
    bookable_only: bool = False,
    now: dt.datetime | None = None,
) -> list[ClinicListItem]:
    """The clinic list, in the viewer's zone: a card per group clinic, and a card per expert
    and day for one-to-one slots (their times as choices), so a month of 30-minute slots is a
    few cards. ``bookable_only`` keeps what the person can book now: open for booking, a seat
    free, for them, and not booked by them already."""
    now = now or timezone.now()
    zone = getattr(participant, "time_zone", "") or "Asia/Jakarta"
    tz = zoneinfo.ZoneInfo(zone)
    sessions = upcoming_sessions(topic=topic, day=day, tz=tz, now=now)
    mine = {}
    if participant.is_authenticated:
        mine = {
            b.session_id: b
            for b in Booking.objects.filter(
                participant=participant,
                status__in=ACTIVE_STATUSES,
                session__in=sessions,
            )
        }
    if bookable_only:
        sessions = sessions.filter(audience_filter(participant=participant)).exclude(
            pk__in=list(mine)
        )
        sessions = [s for s in sessions if s.booking_open(now) and not s.is_full]
    label = TIME_ZONE_LABELS.get(zone, zone)
    items: list[ClinicListItem] = []
    days: dict[tuple, ClinicListItem] = {}
    for session in sessions:
        starts = timezone.localtime(session.starts_at, tz)
        if not session.is_one_to_one:
            items.append(
                ClinicListItem(starts=starts, session=session, booking=mine.get(session.pk))
            )
            continue
        key = (session.expert_id, session.topic_id, starts.date())
        item = days.get(key)
        if item is None:
            item = days[key] = ClinicListItem(starts=starts, slots=[], zone_label=label)
            items.append(item)
        item.slots.append(SlotChoice(session, starts, mine.get(session.pk)))
    return items


def bookings_of(*, participant) -> QuerySet:
    return (
        Booking.objects.filter(participant=participant)
        .select_related("session__topic", "session__expert__user")
        .prefetch_related("notes", "follow_ups")
        .order_by("session__starts_at")
    )


def waitlist_position(*, booking: Booking) -> int | None:
    """1 for the first person waiting, and so on; None when not waitlisted."""
    if booking.status != BookingStatus.WAITLISTED:
        return None
    ahead = Booking.objects.filter(
        session_id=booking.session_id,
        status=BookingStatus.WAITLISTED,
        queue_number__lt=booking.queue_number,
    ).count()
    return ahead + 1


def waitlist_positions(*, bookings) -> dict[int, int]:
    """Positions for many waitlisted bookings in one query: {booking id: position}."""
    session_ids = {b.session_id for b in bookings if b.status == BookingStatus.WAITLISTED}
    if not session_ids:
        return {}
    positions: dict[int, int] = {}
    counters: dict[int, int] = {}
    for pk, session_id in (
        Booking.objects.filter(session_id__in=session_ids, status=BookingStatus.WAITLISTED)
        .order_by("session_id", "queue_number")
        .values_list("pk", "session_id")
    ):
        counters[session_id] = counters.get(session_id, 0) + 1
        positions[pk] = counters[session_id]
    return positions


def active_booking(*, participant, session: ClinicSession) -> Booking | None:
    if not participant.is_authenticated:
        return None
    return Booking.objects.filter(
        participant=participant, session=session, status__in=ACTIVE_STATUSES
    ).first()


def sessions_of_expert(*, expert: Expert | None) -> QuerySet:
    """An expert's sessions; every session when ``expert`` is None (for managers)."""
    qs = (
        ClinicSession.objects.all()
        if expert is None
        else ClinicSession.objects.filter(expert=expert)
    )
    return (
        qs.select_related("topic", "expert__user")
        .annotate(waitlisted=Count("bookings", filter=Q(bookings__status="waitlisted")))
        .order_by("starts_at")
    )


def rosters(*, sessions) -> dict[int, list[Booking]]:
    """Confirmed bookings of many sessions in one query: {session id: [booking, ...]}."""
    result: dict[int, list[Booking]] = {s.pk: [] for s in sessions}
    for booking in (
        Booking.objects.filter(session__in=list(result), status=BookingStatus.CONFIRMED)
        .select_related("participant")
        .order_by("queue_number")
    ):
        result[booking.session_id].append(booking)
    return result


def roster(*, session: ClinicSession) -> QuerySet:
    """Confirmed and waitlisted bookings of a session, with notes and follow-ups."""
    return (
        session.bookings.filter(status__in=ACTIVE_STATUSES)
        .select_related("participant")
        .prefetch_related("notes", Prefetch("follow_ups"))
        .order_by("-status", "queue_number")  # "waitlisted" > "confirmed": confirmed first
    )


# --- time -------------------------------------------------------------------------------------


def session_span_for(*, session: ClinicSession, user) -> LocalSpan:
    """The session's times in the viewer's zone (the session's own zone for visitors)."""
    return span_for(
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        user=user,
        fallback_zone=session.time_zone,
    )
