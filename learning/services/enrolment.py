"""Cohorts and enrolment: creating a cohort, finding it by join code, and enrolling a participant
(who then gets the cohort's open whole-cohort assignments).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import User

from ..models import (
    AssignmentRecipient,
    Cohort,
    Enrolment,
)
from ._common import _send_joined


def cohort_create(
    *,
    name: str,
    district: str,
    start_date: datetime.date,
    facilitators: Iterable[User],
    join_code: str = "",
) -> Cohort:
    with transaction.atomic():
        cohort = Cohort(name=name, district=district, start_date=start_date, join_code=join_code)
        cohort.full_clean()
        cohort.save()
        cohort.facilitators.set(facilitators)
    return cohort


def cohort_by_code(*, code: str) -> Cohort | None:
    code = (code or "").strip().upper().replace(" ", "").replace("-", "")
    if not code:
        return None
    return Cohort.objects.filter(join_code=code).first()


def enrolment_create(
    *,
    cohort: Cohort,
    participant: User,
    via: str = Enrolment.Via.CODE,
    enrolled_by: User | None = None,
) -> tuple[Enrolment, bool]:
    """Enrol a participant (once: a repeat changes nothing) and give them the cohort's
    whole-cohort assignments that are still open."""
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(
            cohort=cohort,
            participant=participant,
            defaults={"via": via, "enrolled_by": enrolled_by},
        )
        if created:
            _give_cohort_assignments(cohort=cohort, participant=participant)
    return enrolment, created


def _give_cohort_assignments(*, cohort: Cohort, participant: User) -> None:
    """A newcomer gets the cohort's open whole-cohort assignments, and one message about those
    with time left (not a notice per assignment, none for work already overdue)."""
    now = timezone.now()
    added = []
    for assignment in cohort.assignments.filter(whole_cohort=True, closed=False).order_by("due_at"):
        _, new = AssignmentRecipient.objects.get_or_create(
            assignment=assignment, participant=participant
        )
        if new:
            added.append(assignment)
    participant.__dict__.pop("_learning_assignment_rows", None)
    _send_joined(participant, cohort, [a for a in added if a.due_at > now])


def cohort_join(*, participant: User, code: str) -> Enrolment:
    """A participant joins a cohort with its join code."""
    cohort = cohort_by_code(code=code)
    if cohort is None:
        raise ValidationError(
            _("There is no cohort with this code. Check the code with your facilitator."),
            code="bad_join_code",
        )
    enrolment, _created = enrolment_create(cohort=cohort, participant=participant)
    return enrolment
