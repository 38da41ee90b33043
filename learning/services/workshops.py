"""Workshop sessions and attendance. Attendance is one row per person and session (get_or_create)
with a history of changes.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import StagePage, User
from cms.models.districts import district_time_zone

from .. import selectors
from ..models import (
    Attendance,
    AttendanceChange,
    Cohort,
    Enrolment,
    WorkshopSession,
)
from ._common import _acted_at


def session_create(
    *,
    cohort: Cohort,
    created_by: User,
    title: str,
    starts_at: datetime.datetime,
    stage: StagePage | None = None,
    ends_at: datetime.datetime | None = None,
    place: str = "",
) -> WorkshopSession:
    if not selectors.can_manage_cohort(user=created_by, cohort=cohort):
        raise PermissionDenied
    if ends_at is not None and ends_at <= starts_at:
        raise ValidationError(_("The session must end after it starts."), code="ends_before")
    return WorkshopSession.objects.create(
        cohort=cohort,
        created_by=created_by,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        stage=stage,
        stage_key=stage.translation_key if stage else None,
    )


def session_day(session: WorkshopSession) -> tuple[datetime.datetime, datetime.datetime]:
    """From the start of the session's first day to the end of its last, in the cohort's zone:
    the window an attendance tap can be said to have happened in."""
    zone = zoneinfo.ZoneInfo(district_time_zone(session.cohort.district))
    first = session.starts_at.astimezone(zone).date()
    last = (session.ends_at or session.starts_at).astimezone(zone).date()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    after = last + datetime.timedelta(days=1)
    end = datetime.datetime.combine(after, datetime.time.min, tzinfo=zone)
    return start, end


def _tap_recorded(marked_by: User, client_id: uuid.UUID) -> bool:
    return AttendanceChange.objects.filter(changed_by=marked_by, client_id=client_id).exists()


def _replayed(session: WorkshopSession, participant: User) -> Attendance:
    """The mark a tap sent again already made (the id is of a tap on someone else: refused)."""
    attendance = Attendance.objects.filter(session=session, participant=participant).first()
    if attendance is None:
        raise ValidationError(_("This tap was already sent for someone else."), code="reused_id")
    return attendance


def _attendance_apply(
    *,
    session: WorkshopSession,
    participant: User,
    present: bool,
    marked_by: User,
    client_id: uuid.UUID | None,
    when: datetime.datetime,
    when_given: bool,
) -> Attendance:
    """attendance_mark's writes, inside its transaction."""
    if client_id is not None and _tap_recorded(marked_by, client_id):
        return _replayed(session, participant)
    attendance, created = Attendance.objects.get_or_create(
        session=session,
        participant=participant,
        defaults={"present": present, "marked_by": marked_by, "marked_at": when},
    )
    if not created:
        attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
        # After the lock, so two sends of one tap at once are one change.
        if client_id is not None and _tap_recorded(marked_by, client_id):
            return attendance
        if not when_given:
            when = timezone.now()  # after the lock: the history's times follow its order
        if when < attendance.marked_at:
            # A later mark is already there: this tap is history, not the current mark.
            if attendance.present != present:
                AttendanceChange.objects.create(
                    attendance=attendance,
                    present=present,
                    changed_by=marked_by,
                    changed_at=when,
                    client_id=client_id,
                )
            return attendance
        if attendance.present == present:
            return attendance
        attendance.present = present
        attendance.marked_by = marked_by
        attendance.marked_at = when
        attendance.save(update_fields=["present", "marked_by", "marked_at"])
    AttendanceChange.objects.create(
        attendance=attendance,
        present=present,
        changed_by=marked_by,
        changed_at=when,
        client_id=client_id,
    )
    return attendance


def attendance_mark(
    *,
    session: WorkshopSession,
    participant: User,
    present: bool,
    marked_by: User,
    client_id: uuid.UUID | None = None,
    acted_at: datetime.datetime | None = None,
) -> Attendance:
    """Set one participant's mark. One row per person and session whatever the races (unique
    constraint); every change is kept in the history with who made it.

    A tap made offline arrives later with its ``client_id`` and the time it was made (within the
    session's day): sent again, it changes nothing (the id is unique per person who tapped);
    arriving after a later tap, it goes into the history at its time but does not overwrite the
    later mark.
    """
    if not selectors.can_manage_cohort(user=marked_by, cohort=session.cohort):
        raise PermissionDenied
    if not Enrolment.objects.filter(cohort_id=session.cohort_id, participant=participant).exists():
        raise ValidationError(_("This person is not in the cohort."), code="not_enrolled")
    if acted_at is not None:
        earliest, latest = session_day(session)
        when = _acted_at(acted_at, earliest=earliest, latest=latest)
    else:
        when = _acted_at(None)
    try:
        with transaction.atomic():
            attendance = _attendance_apply(
                session=session,
                participant=participant,
                present=present,
                marked_by=marked_by,
                client_id=client_id,
                when=when,
                when_given=acted_at is not None,
            )
    except IntegrityError:
        # The same tap sent twice at once: the unique id let one in; this one changes nothing.
        if client_id is None or not _tap_recorded(marked_by, client_id):
            raise
        attendance = _replayed(session, participant)
    participant.__dict__.pop("_learning_progress", None)
    return attendance


def attendance_mark_everyone(*, session: WorkshopSession, marked_by: User) -> int:
    """ "Mark everyone present": every enrolled participant not yet marked present."""
    if not selectors.can_manage_cohort(user=marked_by, cohort=session.cohort):
        raise PermissionDenied
    present = set(session.attendances.filter(present=True).values_list("participant_id", flat=True))
    count = 0
    for participant in User.objects.filter(enrolments__cohort_id=session.cohort_id):
        if participant.pk not in present:
            attendance_mark(
                session=session, participant=participant, present=True, marked_by=marked_by
            )
            count += 1
    return count
