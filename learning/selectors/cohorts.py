"""Reads about people and cohorts: who is in which cohort, who facilitates whom and since when,
invitations, and which reflections a facilitator may read.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from cms.models import User

from ..models import (
    Cohort,
    CohortInvitation,
    Enrolment,
    Reflection,
)

EVER = datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)


def cohorts_of(*, participant: User) -> QuerySet[Cohort]:
    """The cohorts a participant is enrolled in."""
    return Cohort.objects.filter(enrolments__participant=participant).distinct()


def facilitators_of(*, participant: User) -> QuerySet[User]:
    """Everyone who facilitates one of the participant's cohorts."""
    return User.objects.filter(
        facilitated_cohorts__enrolments__participant=participant, is_active=True
    ).distinct()


def cohorts_for_staff(*, user: User) -> QuerySet[Cohort]:
    """The cohorts a person may manage: all for a programme manager, their own for a
    facilitator, none for anyone else."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    if user.is_manager:
        return Cohort.objects.all()
    if user.is_facilitator:
        return Cohort.objects.filter(facilitators=user)
    return Cohort.objects.none()


def can_manage_cohort(*, user: User, cohort: Cohort) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_manager:
        return True
    return user.is_facilitator and cohort.facilitators.filter(pk=user.pk).exists()


def facilitates_participant(*, user: User, participant: User) -> bool:
    """True for a manager, or a facilitator of one of the participant's cohorts."""
    if not user.is_authenticated:
        return False
    if user.is_manager:
        return True
    return (
        user.is_facilitator
        and Cohort.objects.filter(facilitators=user, enrolments__participant=participant).exists()
    )


def facilitated_since(*, user: User, participant: User, cohort: Cohort | None = None):
    """From when ``user`` may see what ``participant`` does, or None if not at all.

    A facilitator sees what the person did in their cohort: from the day the person joined
    one of the facilitator's cohorts (``cohort``: that one). Managers and the person see
    everything (the earliest possible time).
    """
    if not user.is_authenticated:
        return None
    if user.pk == participant.pk or user.is_manager:
        return EVER
    if not user.is_facilitator:
        return None
    enrolments = Enrolment.objects.filter(participant=participant, cohort__facilitators=user)
    if cohort is not None:
        enrolments = enrolments.filter(cohort=cohort)
    first = enrolments.order_by("created_at").values_list("created_at", flat=True).first()
    return first


def reflections_visible(*, user: User, participant: User, cohort: Cohort) -> QuerySet[Reflection]:
    """The participant's reflections written (or last changed) since they joined ``cohort``."""
    since = facilitated_since(user=user, participant=participant, cohort=cohort)
    if since is None:
        return Reflection.objects.none()
    return (
        Reflection.objects.filter(participant=participant, updated_at__gte=since)
        .select_related("lesson")
        .order_by("lesson_key", "position")
    )


def invitations_pending(*, cohort: Cohort) -> QuerySet[CohortInvitation]:
    """Invited, not yet joined (and not expired)."""
    return (
        cohort.invitations.filter(
            status=CohortInvitation.Status.PENDING, expires_at__gt=timezone.now()
        )
        .select_related("person")
        .order_by("created_at", "pk")
    )


def invitations_open_for(*, person: User) -> QuerySet[CohortInvitation]:
    return (
        CohortInvitation.objects.filter(
            person=person,
            status=CohortInvitation.Status.PENDING,
            expires_at__gt=timezone.now(),
        )
        .select_related("cohort", "invited_by")
        .order_by("-created_at", "-pk")
    )


def participants_for_staff(*, user: User) -> QuerySet[User]:
    if not user.is_authenticated:
        return User.objects.none()
    if user.is_manager:
        return User.objects.filter(enrolments__isnull=False).distinct()
    return User.objects.filter(enrolments__cohort__facilitators=user).distinct()
