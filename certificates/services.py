"""Writes: issuing certificates once, revoking and reissuing them.

Issuing once is the database's job: a partial unique constraint allows one unrevoked
certificate per person and type, and the participant's row is locked while we check, so two
triggers committing at the same moment (a lesson done while attendance is marked) issue one.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates import selectors, signals
from certificates.models import Certificate
from cms.models import User


def _announce(certificate: Certificate) -> None:
    transaction.on_commit(
        lambda: signals.certificate_issued.send(sender=Certificate, certificate=certificate)
    )


def certificate_issue_if_earned(*, participant: User) -> list[Certificate]:
    """Issue every active certificate ``participant`` has earned and does not hold yet (a
    revoked one is not reissued automatically: a manager decides). Returns the new ones."""
    if not participant.is_participant:
        return []
    issued: list[Certificate] = []
    for certificate_type in selectors.types_for(participant=participant):
        if Certificate.objects.filter(
            participant=participant, certificate_type=certificate_type
        ).exists():
            continue
        verdict = selectors.criteria_check(
            participant=participant, certificate_type=certificate_type
        )
        if not verdict.met:
            continue
        with transaction.atomic():
            User.objects.select_for_update().filter(pk=participant.pk).first()
            if Certificate.objects.filter(
                participant=participant, certificate_type=certificate_type
            ).exists():
                continue
            try:
                with transaction.atomic():
                    certificate = Certificate.objects.create(
                        participant=participant,
                        certificate_type=certificate_type,
                        name=participant.name or str(participant),
                        stages=verdict.stages,
                    )
            except IntegrityError:  # another trigger won (or a code collided): one is enough
                continue
            _announce(certificate)
            issued.append(certificate)
    return issued


def _check_manager(by: User) -> None:
    if not (by.is_authenticated and by.is_manager):
        raise PermissionDenied


def certificate_revoke(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    """A manager revokes a certificate, saying why. The verification page shows it revoked."""
    _check_manager(by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please say why the certificate is revoked."), code="no_reason")
    if len(reason) > 1000:
        raise ValidationError(_("The reason is too long (1000 characters at most)."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise ValidationError(_("This certificate is already revoked."), code="revoked")
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.revoke_reason = reason
        locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    return locked


def certificate_reissue(*, certificate: Certificate, by: User) -> Certificate:
    """A manager reissues a revoked certificate: a new one (new code), pointing at the old."""
    _check_manager(by)
    if certificate.revoked_at is None:
        raise ValidationError(_("Only a revoked certificate can be reissued."), code="valid")
    participant = certificate.participant
    verdict = selectors.criteria_check(
        participant=participant, certificate_type=certificate.certificate_type
    )
    try:
        with transaction.atomic():
            new = Certificate.objects.create(
                participant=participant,
                certificate_type=certificate.certificate_type,
                name=participant.name or str(participant),
                stages=verdict.stages or certificate.stages,
                issued_by=by,
                reissue_of=certificate,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("This person already holds a valid certificate of this kind."), code="held"
        ) from error
    _announce(new)
    return new
