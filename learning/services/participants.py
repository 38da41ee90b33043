"""Facilitators bringing people into a cohort: by number, by import file, and a temporary password
for a new account that has never signed in.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.models import Role, User, district_time_zone

from .. import selectors
from ..audit import TEMPORARY_PASSWORD_ACTION
from ..models import (
    Cohort,
    CohortInvitation,
    Enrolment,
)
from ._common import _check_can_join
from .enrolment import enrolment_create
from .invitations import invitation_send


def participant_enrol(*, cohort: Cohort, by: User, participant: User) -> EnrolOutcome:
    """A facilitator asks an existing account to join: that only sends an invitation (joining
    needs the person's consent, see :func:`invitation_accept`)."""
    if not selectors.can_manage_cohort(user=by, cohort=cohort):
        raise PermissionDenied
    return _invite_or_report(cohort=cohort, person=participant, by=by)


@dataclass
class EnrolOutcome:
    """What enrolling someone by number did: ``enrolled`` (a new account, enrolled at once),
    ``invited`` (an existing account, sent an invitation), ``already_invited`` or
    ``already_enrolled`` (nothing changed)."""

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
    (no password), enrolled at once; an existing account only gets an invitation."""
    if not selectors.can_manage_cohort(user=by, cohort=cohort):
        raise PermissionDenied
    with transaction.atomic():
        person, created = participant_create_or_get(**details)
        if not created:
            return _invite_or_report(cohort=cohort, person=person, by=by)
        enrolment, _new = enrolment_create(
            cohort=cohort, participant=person, via=Enrolment.Via.FACILITATOR, enrolled_by=by
        )
    return EnrolOutcome(person=person, result="enrolled", enrolment=enrolment)


def _invite_or_report(*, cohort: Cohort, person: User, by: User) -> EnrolOutcome:
    _check_can_join(person)
    enrolment = Enrolment.objects.filter(cohort=cohort, participant=person).first()
    if enrolment is not None:
        return EnrolOutcome(person=person, result="already_enrolled", enrolment=enrolment)
    invitation, created = invitation_send(cohort=cohort, person=person, by=by)
    return EnrolOutcome(
        person=person,
        result="invited" if created else "already_invited",
        invitation=invitation,
    )


# Letters and digits people cannot mix up when a facilitator reads them out.
TEMPORARY_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


logger = logging.getLogger(__name__)


def temporary_password_allowed(*, cohort: Cohort, participant: User) -> bool:
    """Whether a facilitator of ``cohort`` may give ``participant`` a temporary password.

    Only for an account the cohort brought in and nobody has used yet: never signed in, in no
    other cohort, no staff role. Anyone else signs in with their own password (a stop-gap
    until invitations carry a sign-in link).
    """
    if participant.is_staff_member or participant.last_login is not None:
        return False
    cohorts = set(
        Enrolment.objects.filter(participant=participant).values_list("cohort_id", flat=True)
    )
    return cohorts == {cohort.pk}


def participant_password_reset(*, cohort: Cohort, participant: User, by: User) -> str:
    """Give a new account of the cohort a temporary password and return it (once).

    For people a facilitator enrolled or imported who have never signed in: the facilitator
    tells it to them in person. Only its hash is stored; who did it is logged on the
    enrolment (the admin's history, for managers).
    """
    if not selectors.can_manage_cohort(user=by, cohort=cohort):
        raise PermissionDenied
    enrolment = cohort.enrolments.filter(participant=participant).first()
    if enrolment is None or not temporary_password_allowed(cohort=cohort, participant=participant):
        raise PermissionDenied
    password = "-".join(
        "".join(secrets.choice(TEMPORARY_PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3)
    )
    with transaction.atomic():
        participant.set_password(password)
        participant.save(update_fields=["password"])
        log(
            instance=enrolment,
            action=TEMPORARY_PASSWORD_ACTION,
            user=by,
            data={"participant": participant.pk, "cohort": cohort.pk},
        )
    logger.info("Password reset for user %s by %s (cohort %s)", participant.pk, by.pk, cohort.pk)
    return password


def cohort_import(*, cohort: Cohort, by: User, rows: list[dict]) -> dict[str, int]:
    """Save a checked import: all rows or none. New numbers get an account (no password) and
    are enrolled; existing accounts are invited; numbers already in the cohort are skipped."""
    if not selectors.can_manage_cohort(user=by, cohort=cohort):
        raise PermissionDenied
    counts = {"created": 0, "enrolled": 0, "invited": 0, "skipped": 0}
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
            if created:
                enrolment_create(
                    cohort=cohort, participant=participant, via=Enrolment.Via.IMPORT, enrolled_by=by
                )
                counts["created"] += 1
                counts["enrolled"] += 1
                continue
            outcome = _invite_or_report(cohort=cohort, person=participant, by=by)
            counts["invited"] += outcome.result == "invited"
            counts["skipped"] += outcome.result != "invited"
    return counts
