"""Reads: whether a participant meets a certificate's criteria, and who holds what."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from certificates.models import CODE_ALPHABET, CODE_LENGTH, Certificate, CertificateType
from cms.models import User
from coaching.models import Attendance as ClinicAttendance
from coaching.models import Booking
from learning import selectors as learning_selectors
from learning.models import Attendance, Submission, WorkshopSession


@dataclass
class Verdict:
    """Whether the criteria are met, what is still missing (for the record), and the titles
    of the stages completed (printed on the certificate)."""

    met: bool
    missing: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)


def criteria_check(*, participant: User, certificate_type: CertificateType) -> Verdict:
    """Check ``certificate_type``'s criteria for ``participant``, with learning's own notion of
    a completed stage (required lessons done and the stage's workshop sessions attended)."""
    participant.__dict__.pop("_learning_progress", None)  # always fresh: we decide on it
    progress = learning_selectors.learner_progress(
        user=participant, programme=certificate_type.programme
    )
    missing: list[str] = []
    done: list[str] = []
    stages = list(certificate_type.stages.all().order_by("path"))
    if not stages and not (
        certificate_type.all_workshops_attended
        or certificate_type.needs_accepted_assignment
        or certificate_type.needs_clinic_attended
    ):
        # A type saved without any criterion would hand everyone a certificate.
        return Verdict(met=False, missing=["no criteria"])
    for stage in stages:
        item = progress.for_stage(stage)
        if item is None or not item.complete:
            missing.append(f"stage:{stage.slug}")
        else:
            done.append(item.stage.title)
    if certificate_type.all_workshops_attended:
        sessions = WorkshopSession.objects.filter(cohort__enrolments__participant=participant)
        attended = Attendance.objects.filter(
            participant=participant, present=True, session__in=sessions
        )
        if not sessions.exists() or sessions.count() != attended.count():
            missing.append("workshops")
    if (
        certificate_type.needs_accepted_assignment
        and not Submission.objects.filter(
            participant=participant, status=Submission.Status.ACCEPTED
        ).exists()
    ):
        missing.append("assignment")
    if (
        certificate_type.needs_clinic_attended
        and not Booking.objects.filter(
            participant=participant, attendance=ClinicAttendance.ATTENDED
        ).exists()
    ):
        missing.append("clinic")
    return Verdict(met=not missing, missing=missing, stages=done)


def types_for(*, participant: User) -> QuerySet[CertificateType]:
    """The active certificate types a participant could earn."""
    return CertificateType.objects.filter(active=True).select_related("programme")


def certificates_of(*, participant: User) -> QuerySet[Certificate]:
    return Certificate.objects.filter(participant=participant).select_related("certificate_type")


def certificate_by_code(*, code: str) -> Certificate | None:
    """The certificate with this code (spaces, dashes and case forgiven), or None."""
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())[:40]
    if len(cleaned) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in cleaned):
        return None
    return (
        Certificate.objects.select_related("certificate_type__programme")
        .filter(code=cleaned)
        .first()
    )


def certificates_for_staff(*, user: User) -> QuerySet[Certificate]:
    """Certificates of the participants in the cohorts ``user`` facilitates (all for managers)."""
    people = learning_selectors.participants_for_staff(user=user)
    return (
        Certificate.objects.filter(participant__in=people)
        .select_related("certificate_type", "participant")
        .order_by("participant__name", "-issued_at")
    )
