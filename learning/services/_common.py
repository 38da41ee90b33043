"""Helpers several learning services share: recording activity, telling people they were assigned
work, and who may join a cohort.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import LessonPage, User
from cms.validators import validate_acted_at

from .. import signals
from ..models import (
    Assignment,
    LearnerState,
)


def _check_can_join(person: User) -> None:
    if person.is_staff_member:
        raise ValidationError(_("This number belongs to a staff account."), code="staff")


def _touch(participant: User, lesson: LessonPage | None = None) -> None:
    fields = {"last_active_at": timezone.now()}
    if lesson is not None:
        fields["last_lesson"] = lesson
    updated = LearnerState.objects.filter(participant=participant).update(**fields)
    if not updated:
        try:
            with transaction.atomic():
                LearnerState.objects.create(participant=participant, **fields)
        except IntegrityError:
            LearnerState.objects.filter(participant=participant).update(**fields)


def _send_assigned(assignment: Assignment, participants: list[User]) -> None:
    if participants:
        transaction.on_commit(
            lambda: signals.assignment_assigned.send(
                sender=Assignment, assignment=assignment, participants=participants
            )
        )


def _acted_at(
    acted_at: datetime.datetime | None,
    *,
    earliest: datetime.datetime | None = None,
    latest: datetime.datetime | None = None,
) -> datetime.datetime:
    """When the person acted: the time the phone says (work sent late from its outbox), within
    bounds, or now. A time out of bounds is refused before anything changes."""
    now = timezone.now()
    if acted_at is None:
        return now
    validate_acted_at(acted_at, now=now, earliest=earliest, latest=latest)
    # A phone a little ahead is taken as now: nothing is recorded in the future.
    return min(acted_at, now)


def _send_joined(participant: User, cohort, assignments: list[Assignment]) -> None:
    if assignments:
        transaction.on_commit(
            lambda: signals.assignments_on_joining.send(
                sender=Assignment, participant=participant, cohort=cohort, assignments=assignments
            )
        )
