"""Facilitators bringing people into a cohort: by number and by import file. Everyone is invited
and joins when they accept; a new account gets a one-time link and code with its invitation to
choose its own password (nobody ever reads or sets another person's password).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cms.models import Role, User, district_time_zone

from .. import selectors
from ..models import (
    Cohort,
    CohortInvitation,
    Enrolment,
)
from ._common import _check_can_join
from .invitations import invitation_send


def participant_enrol(*, cohort: Cohort, by: User, participant: User) -> EnrolOutcome:
    """A facilitator asks an existing account to join: that only sends an invitation (joining
    needs the person's consent, see :func:`invitation_accept`)."""
    if not selectors.can_manage_cohort(user=by, cohort=cohort):
        raise PermissionDenied
    return _invite_or_report(cohort=cohort, person=participant, by=by)


@dataclass
class EnrolOutcome:
    """What enrolling someone by number did: ``invited_new`` (a new account, sent an
    invitation with a link to choose their password), ``invited`` (an existing account, sent an
    invitation), ``already_invited`` or ``already_enrolled`` (nothing changed)."""

    person: User
    result: str
    enrolment: Enrolment | None = None
    invitation: CohortInvitation | None = None


def participant_create_or_get(
    *,
    mobile: str,
    name: str,
    sex: str = "",
    age_band: str = "",
    district: str = "",
    migrant_status: str = "",
) -> tuple[User, bool]:
    """The participant with this number, or a new account for them. A new account has no
    usable password: nobody but the person ever chooses it."""
    from django.contrib.auth.models import Group

    existing = User.objects.filter(mobile=mobile).first()
    if existing is not None:
        _check_can_join(existing)
        return existing, False
    if not name:
        raise ValidationError(_("The name is missing."), code="no_name")
    user = User.objects.create_user(
        mobile,
        None,
        name=name,
        sex=sex,
        age_band=age_band,
        district=district,
        migrant_status=migrant_status,
        time_zone=district_time_zone(district),
    )
    user.groups.add(Group.objects.get_or_create(name=Role.PARTICIPANT)[0])
    return user, True


def participant_enrol_by_mobile(*, cohort: Cohort, by: User, **details) -> EnrolOutcome:
    """A facilitator enrols someone by number. A number without an account gets a new account
    (no password) and an invitation with a link to choose one; an existing account gets an
    invitation. Either joins when they accept."""
    if not selectors.can_manage_cohort(user=by, cohort=cohort):
        raise PermissionDenied
    with transaction.atomic():
        person, created = participant_create_or_get(**details)
        outcome = _invite_or_report(
            cohort=cohort, person=person, by=by, via=Enrolment.Via.FACILITATOR
        )
    if created:
        outcome.result = "invited_new"
    return outcome


def _invite_or_report(
    *, cohort: Cohort, person: User, by: User, via: str = Enrolment.Via.INVITATION
) -> EnrolOutcome:
    _check_can_join(person)
    enrolment = Enrolment.objects.filter(cohort=cohort, participant=person).first()
    if enrolment is not None:
        return EnrolOutcome(person=person, result="already_enrolled", enrolment=enrolment)
    invitation, created = invitation_send(cohort=cohort, person=person, by=by, via=via)
    return EnrolOutcome(
        person=person,
        result="invited" if created else "already_invited",
        invitation=invitation,
    )


def cohort_import(*, cohort: Cohort, by: User, rows: list[dict]) -> dict[str, int]:
    """Save a checked import: all rows or none. New numbers get an account (no password);
    everyone not yet in the cohort is invited (a new account with a link to choose its
    password); numbers already in the cohort or invited are skipped."""
    if not selectors.can_manage_cohort(user=by, cohort=cohort):
        raise PermissionDenied
    counts = {"created": 0, "invited": 0, "skipped": 0}
    with transaction.atomic():
        for row in rows:
            if row.get("problems"):
                raise ValidationError(_("The file has problems; nothing was saved."))
            participant, created = participant_create_or_get(
                mobile=row["mobile"],
                name=row["name"],
                sex=row.get("sex", ""),
                age_band=row.get("age_band", ""),
                district=row.get("district", "") or cohort.district,
                migrant_status=row.get("migrant_status", ""),
            )
            counts["created"] += created
            outcome = _invite_or_report(
                cohort=cohort, person=participant, by=by, via=Enrolment.Via.IMPORT
            )
            counts["invited"] += outcome.result == "invited"
            counts["skipped"] += outcome.result != "invited"
    return counts
