"""Workshop sessions and attendance. Attendance is one row per person and session (get_or_create)
with a history of changes.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import StagePage, User

from .. import selectors
from ..models import (
    Attendance,
    AttendanceChange,
    Cohort,
    Enrolment,
    WorkshopSession,
)


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


def attendance_mark(
    *, session: WorkshopSession, participant: User, present: bool, marked_by: User
) -> Attendance:
    """Set one participant's mark. One row per person and session whatever the races (unique
    constraint); every change is kept in the history with who made it."""
    if not selectors.can_manage_cohort(user=marked_by, cohort=session.cohort):
        raise PermissionDenied
    if not Enrolment.objects.filter(cohort_id=session.cohort_id, participant=participant).exists():
        raise ValidationError(_("This person is not in the cohort."), code="not_enrolled")
    with transaction.atomic():
        attendance, created = Attendance.objects.get_or_create(
            session=session,
            participant=participant,
            defaults={"present": present, "marked_by": marked_by, "marked_at": timezone.now()},
        )
        now = attendance.marked_at
        if not created:
            attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
            now = timezone.now()  # after the lock: the history's times follow its order
            if attendance.present == present:
                return attendance
            attendance.present = present
            attendance.marked_by = marked_by
            attendance.marked_at = now
            attendance.save(update_fields=["present", "marked_by", "marked_at"])
        AttendanceChange.objects.create(
            attendance=attendance, present=present, changed_by=marked_by, changed_at=now
        )
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
