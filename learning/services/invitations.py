"""Invitations: an existing account joins a cohort only with the person's consent."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import User

from .. import selectors
from ..models import (
    Cohort,
    CohortInvitation,
    Enrolment,
)
from ._common import _check_can_join
from .enrolment import enrolment_create
from .invitation_links import announce, issue_secrets, needs_link

INVITATION_LIFETIME = datetime.timedelta(days=14)


def invitations_expire(*, now: datetime.datetime | None = None) -> int:
    """Pending invitations past their date are no longer open (kept for the record)."""
    now = now or timezone.now()
    return CohortInvitation.objects.filter(
        status=CohortInvitation.Status.PENDING, expires_at__lte=now
    ).update(status=CohortInvitation.Status.WITHDRAWN, responded_at=now)


def invitation_send(
    *, cohort: Cohort, person: User, by: User, via: str = Enrolment.Via.INVITATION
) -> tuple[CohortInvitation, bool]:
    """Invite an account to the cohort, once: while one is open, a repeat returns it.

    The person is sent a message after commit (``learning.notices``); someone without a
    password gets a one-time link and code with it (``invitation_links``). ``via`` is how the
    enrolment made when they accept is recorded."""
    if not selectors.can_manage_cohort(user=by, cohort=cohort):
        raise PermissionDenied
    _check_can_join(person)
    now = timezone.now()
    with transaction.atomic():
        CohortInvitation.objects.filter(
            cohort=cohort,
            person=person,
            status=CohortInvitation.Status.PENDING,
            expires_at__lte=now,
        ).update(status=CohortInvitation.Status.WITHDRAWN, responded_at=now)
        try:
            with transaction.atomic():
                invitation = CohortInvitation.objects.create(
                    cohort=cohort,
                    person=person,
                    invited_by=by,
                    created_at=now,
                    expires_at=now + INVITATION_LIFETIME,
                    via=via,
                    sends=1,
                    last_sent_at=now,
                )
        except IntegrityError:  # one is open already (the partial unique constraint)
            invitation = CohortInvitation.objects.get(
                cohort=cohort, person=person, status=CohortInvitation.Status.PENDING
            )
            return invitation, False
        token = code = ""
        if needs_link(person):
            token, code = issue_secrets(invitation)
            invitation.save(update_fields=["token_hash", "code_hash", "code_tries"])
        announce(invitation, token=token, code=code)
    return invitation, True


def _invitation_answer(*, invitation: CohortInvitation, person: User) -> CohortInvitation:
    locked = CohortInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.person_id != person.pk:
        raise PermissionDenied
    if not locked.is_open:
        raise ValidationError(
            _("This invitation is no longer open. Ask your facilitator for the join code."),
            code="closed",
        )
    return locked


def invitation_accept(*, invitation: CohortInvitation, person: User) -> Enrolment:
    """The invited person says yes: they are enrolled."""
    _check_can_join(person)
    with transaction.atomic():
        locked = _invitation_answer(invitation=invitation, person=person)
        locked.status = CohortInvitation.Status.ACCEPTED
        locked.responded_at = timezone.now()
        if locked.token_hash and locked.token_used_at is None:
            locked.token_used_at = locked.responded_at  # its link and code are used up too
        locked.save(update_fields=["status", "responded_at", "token_used_at"])
        enrolment, _created = enrolment_create(
            cohort=locked.cohort,
            participant=person,
            via=locked.via,
            enrolled_by=locked.invited_by,
        )
    return enrolment


def invitation_decline(*, invitation: CohortInvitation, person: User) -> CohortInvitation:
    """The invited person says no: nothing else changes."""
    with transaction.atomic():
        locked = _invitation_answer(invitation=invitation, person=person)
        locked.status = CohortInvitation.Status.DECLINED
        locked.responded_at = timezone.now()
        locked.save(update_fields=["status", "responded_at"])
    return locked
