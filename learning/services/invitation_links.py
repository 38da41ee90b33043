"""One-time links and short codes: how someone without a password answers an invitation.

A facilitator who enrols or imports a new number makes an account with no password and an
invitation. The person gets a message with a link (a random token) and a 6-digit code to type on
a page reachable from the sign-in page; either lets them choose their own password and join,
once. Nobody else ever sees or sets their password.

Only keyed hashes of the token and the code are stored (HMAC with the site's secret key), so a
copy of the database opens no invitation. The link lasts as long as the invitation; a code
takes ``CODE_TRIES`` wrong tries, then only a new message helps. A facilitator may send the
message again (a new link and code, the old ones stop working), at most once every
``RESEND_INTERVAL`` and ``MAX_SENDS`` times in all.
"""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from cms.models import User

from .. import selectors, signals
from ..models import CohortInvitation, Enrolment
from ._common import _check_can_join
from .enrolment import enrolment_create

CODE_DIGITS = 6
CODE_TRIES = 5
RESEND_INTERVAL = datetime.timedelta(minutes=10)
MAX_SENDS = 5


def secret_hash(kind: str, value: str) -> str:
    """The keyed hash stored for a token or code (64 hex characters)."""
    return salted_hmac(f"learning.invitation.{kind}", value, algorithm="sha256").hexdigest()


def needs_link(person: User) -> bool:
    """Someone who cannot sign in yet: the invitation must carry a way in."""
    return not person.has_usable_password()


def issue_secrets(invitation: CohortInvitation) -> tuple[str, str]:
    """Give ``invitation`` a fresh token and code (replacing any before); returns them in
    clear, for the message only. The caller saves the invitation."""
    token = secrets.token_urlsafe(32)
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    invitation.token_hash = secret_hash("token", token)
    invitation.code_hash = secret_hash("code", code)
    invitation.code_tries = 0
    invitation.token_used_at = None
    return token, code


def announce(invitation: CohortInvitation, *, token: str = "", code: str = "") -> None:
    """After commit: tell the person (``learning.notices`` composes the message)."""
    transaction.on_commit(
        lambda: signals.invitation_sent.send(
            sender=CohortInvitation, invitation=invitation, token=token, code=code
        )
    )


def invitation_resend(*, invitation: CohortInvitation, by: User) -> CohortInvitation:
    """Send the invitation's message again: a new link and code for someone without a password
    (the old ones stop working). Refused, changing nothing, when it is no longer open, was sent
    less than ``RESEND_INTERVAL`` ago, or ``MAX_SENDS`` times already."""
    if not selectors.can_manage_cohort(user=by, cohort=invitation.cohort):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        locked = CohortInvitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_open:
            raise ValidationError(
                _("This invitation is no longer open. Enrol the person again to invite them."),
                code="closed",
            )
        if locked.sends >= MAX_SENDS:
            raise ValidationError(
                _(
                    "This invitation was sent %(count)s times already. Check the number with "
                    "the person, or give them the cohort's join code."
                ),
                code="too_many_sends",
                params={"count": locked.sends},
            )
        if locked.last_sent_at and now - locked.last_sent_at < RESEND_INTERVAL:
            raise ValidationError(
                _("It was sent a few minutes ago. Wait 10 minutes before sending it again."),
                code="too_soon",
            )
        token = code = ""
        if needs_link(locked.person):
            token, code = issue_secrets(locked)
        from .invitations import INVITATION_LIFETIME

        locked.expires_at = max(locked.expires_at, now + INVITATION_LIFETIME)
        locked.sends += 1
        locked.last_sent_at = now
        locked.save()
        announce(locked, token=token, code=code)
    return locked


def invitation_by_token(*, token: str) -> CohortInvitation | None:
    """The open, unused invitation this link belongs to, or None."""
    if not token or len(token) > 100:
        return None
    invitation = (
        CohortInvitation.objects.select_related("cohort", "person", "invited_by")
        .filter(token_hash=secret_hash("token", token), token_used_at__isnull=True)
        .first()
    )
    if invitation is None or not invitation.is_open:
        return None
    return invitation


def invitation_claim_by_code(*, mobile: str, code: str) -> CohortInvitation:
    """The open invitation of the person with this number whose code this is.

    A wrong code counts a try against each of the person's open invitations; after
    ``CODE_TRIES`` wrong tries a code no longer works, even the right one.
    """
    wrong = ValidationError(
        _("The number or the code is not right. Check the message with the code."),
        code="wrong_code",
    )
    person = User.objects.filter(mobile=mobile).first()
    if person is None:
        secret_hash("code", code)  # the same work as for a known number
        raise wrong
    typed = secret_hash("code", code)
    exhausted = False
    with transaction.atomic():
        candidates = list(
            CohortInvitation.objects.select_for_update()
            .filter(
                person=person,
                status=CohortInvitation.Status.PENDING,
                expires_at__gt=timezone.now(),
                token_used_at__isnull=True,
            )
            .exclude(code_hash="")
            .order_by("pk")
        )
        for invitation in candidates:
            if invitation.code_tries >= CODE_TRIES:
                exhausted = True
                continue
            if constant_time_compare(typed, invitation.code_hash):
                return invitation
        usable = [i.pk for i in candidates if i.code_tries < CODE_TRIES]
        if usable:
            for invitation in candidates:
                if invitation.pk in usable:
                    invitation.code_tries += 1
                    invitation.save(update_fields=["code_tries"])
            exhausted = all(i.code_tries >= CODE_TRIES for i in candidates)
    if exhausted:
        raise ValidationError(
            _("Too many wrong codes. Ask your facilitator to send the invitation again."),
            code="tries_used_up",
        )
    raise wrong


def _claimed(invitation: CohortInvitation, token_hash: str) -> CohortInvitation:
    locked = (
        CohortInvitation.objects.select_for_update(of=("self",))
        .select_related("cohort", "person", "invited_by")
        .get(pk=invitation.pk)
    )
    if (
        not token_hash
        or not constant_time_compare(locked.token_hash, token_hash)
        or locked.token_used_at is not None
        or not locked.is_open
    ):
        raise ValidationError(
            _(
                "This link or code was used already or has expired. Ask your facilitator to "
                "send the invitation again."
            ),
            code="link_closed",
        )
    return locked


def invitation_accept_with_link(
    *, invitation: CohortInvitation, token_hash: str, password: str
) -> Enrolment:
    """Someone without a password, holding the invitation's link or code, chooses their
    password and joins. The link and code are used up. ``password`` was validated by the form."""
    with transaction.atomic():
        locked = _claimed(invitation, token_hash)
        person = User.objects.select_for_update().get(pk=locked.person_id)
        _check_can_join(person)
        if not needs_link(person):
            raise PermissionDenied  # has a password: they sign in and answer as themselves
        person.set_password(password)
        person.save(update_fields=["password"])
        now = timezone.now()
        locked.token_used_at = now
        locked.status = CohortInvitation.Status.ACCEPTED
        locked.responded_at = now
        locked.save(update_fields=["token_used_at", "status", "responded_at"])
        enrolment, _created = enrolment_create(
            cohort=locked.cohort, participant=person, via=locked.via, enrolled_by=locked.invited_by
        )
    return enrolment


def invitation_decline_with_link(
    *, invitation: CohortInvitation, token_hash: str
) -> CohortInvitation:
    """Someone holding the link says no: the link is used up, nothing else changes."""
    with transaction.atomic():
        locked = _claimed(invitation, token_hash)
        now = timezone.now()
        locked.token_used_at = now
        locked.status = CohortInvitation.Status.DECLINED
        locked.responded_at = now
        locked.save(update_fields=["token_used_at", "status", "responded_at"])
    return locked
