"""Writes of the learning app. Each service is the one place its rule is enforced.

Operations that can race rely on the database: unique constraints with get_or_create
(ON CONFLICT semantics) for "mark as done" and attendance, row locks for submission versions
and reviews. Signals are sent after commit (see :mod:`learning.signals`).
"""

from __future__ import annotations

import datetime
import logging
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.models import LessonPage, Role, StagePage, User, district_time_zone

from . import selectors, signals
from .audit import TEMPORARY_PASSWORD_ACTION
from .models import (
    Assignment,
    AssignmentRecipient,
    Attendance,
    AttendanceChange,
    Cohort,
    CohortInvitation,
    Enrolment,
    LearnerState,
    LessonCompletion,
    Reflection,
    Review,
    StageOpening,
    Submission,
    SubmissionFile,
    WorkshopSession,
)
from .uploads import UploadRejected, prepare_file, prepare_photo

# --- cohorts and enrolment --------------------------------------------------------------------


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
            for assignment in cohort.assignments.filter(whole_cohort=True, closed=False):
                _, added = AssignmentRecipient.objects.get_or_create(
                    assignment=assignment, participant=participant
                )
                if added:
                    _send_assigned(assignment, [participant])
            participant.__dict__.pop("_learning_assignment_rows", None)
    return enrolment, created


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


def _check_can_join(person: User) -> None:
    if person.is_staff_member:
        raise ValidationError(_("This number belongs to a staff account."), code="staff")


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


# --- invitations: joining with the person's consent ------------------------------------------

INVITATION_LIFETIME = datetime.timedelta(days=14)


def invitations_expire(*, now: datetime.datetime | None = None) -> int:
    """Pending invitations past their date are no longer open (kept for the record)."""
    now = now or timezone.now()
    return CohortInvitation.objects.filter(
        status=CohortInvitation.Status.PENDING, expires_at__lte=now
    ).update(status=CohortInvitation.Status.WITHDRAWN, responded_at=now)


def invitation_send(*, cohort: Cohort, person: User, by: User) -> tuple[CohortInvitation, bool]:
    """Invite an existing account to the cohort, once: while one is open, a repeat returns it.
    The person is told in their inbox (``learning.notices``) after commit."""
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
                )
        except IntegrityError:  # one is open already (the partial unique constraint)
            invitation = CohortInvitation.objects.get(
                cohort=cohort, person=person, status=CohortInvitation.Status.PENDING
            )
            return invitation, False
        transaction.on_commit(
            lambda: signals.invitation_sent.send(sender=CohortInvitation, invitation=invitation)
        )
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
        locked.save(update_fields=["status", "responded_at"])
        enrolment, _created = enrolment_create(
            cohort=locked.cohort,
            participant=person,
            via=Enrolment.Via.INVITATION,
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


# --- progress -------------------------------------------------------------------------------


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


def lesson_visit(*, participant: User, lesson: LessonPage) -> None:
    """Remember the lesson for "continue where you left off"."""
    _touch(participant, lesson)


def _check_lesson_open(participant: User, lesson: LessonPage) -> None:
    stage = StagePage.objects.ancestor_of(lesson).first()
    if stage is not None and not selectors.stage_is_open(user=participant, stage=stage):
        raise PermissionDenied(_("This stage is not open for you yet."))


def lesson_mark_done(*, participant: User, lesson: LessonPage) -> tuple[LessonCompletion, bool]:
    """Record that the participant finished the lesson. Repeats change nothing: the unique
    constraint on (participant, lesson) decides, not a check in Python."""
    _check_lesson_open(participant, lesson)
    completion, created = LessonCompletion.objects.get_or_create(
        participant=participant,
        lesson_key=lesson.translation_key,
        defaults={"lesson": lesson},
    )
    _touch(participant, lesson)
    participant.__dict__.pop("_learning_progress", None)
    return completion, created


def stage_open_early(
    *, stage: StagePage, participant: User, opened_by: User, reason: str
) -> StageOpening:
    """A facilitator opens a stage early for one of their participants, with a reason."""
    if not selectors.facilitates_participant(user=opened_by, participant=participant):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please say why the stage is opened early."), code="no_reason")
    opening, created = StageOpening.objects.get_or_create(
        participant=participant,
        stage_key=stage.translation_key,
        defaults={"stage": stage, "opened_by": opened_by, "reason": reason},
    )
    participant.__dict__.pop("_learning_progress", None)
    return opening


def reflection_save(
    *, participant: User, lesson: LessonPage, position: int, question: str, answer: str
) -> Reflection:
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(_("Write your answer before saving."), code="empty")
    if len(answer) > 4000:
        raise ValidationError(_("Your answer is too long (4000 characters at most)."))
    _check_lesson_open(participant, lesson)
    reflection, _created = Reflection.objects.update_or_create(
        participant=participant,
        lesson_key=lesson.translation_key,
        position=position,
        defaults={
            "lesson": lesson,
            "question": question,
            "answer": answer,
            "updated_at": timezone.now(),
        },
    )
    _touch(participant)
    return reflection


# --- workshop sessions and attendance ------------------------------------------------------------


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


# --- assignments, submissions and reviews ---------------------------------------------------


def _send_assigned(assignment: Assignment, participants: list[User]) -> None:
    if participants:
        transaction.on_commit(
            lambda: signals.assignment_assigned.send(
                sender=Assignment, assignment=assignment, participants=participants
            )
        )


def assignment_create(
    *,
    created_by: User,
    title: str,
    instructions: str,
    due_at: datetime.datetime,
    cohort: Cohort | None = None,
    participants: Sequence[User] | None = None,
    lesson: LessonPage | None = None,
    allow_text: bool = True,
    allow_photos: bool = True,
    allow_files: bool = True,
) -> Assignment:
    """Give an assignment to a whole cohort (``participants`` None) or to chosen participants.

    Facilitators may assign to their own cohorts' participants; an expert (after a clinic) or
    a manager to any participant they name.
    """
    if not (allow_text or allow_photos or allow_files):
        raise ValidationError(
            _("Allow at least one kind of answer: text, photos or files."), code="nothing"
        )
    if not (title or "").strip():
        raise ValidationError(_("Give the assignment a title."), code="no_title")
    if cohort is None and not participants:
        raise ValidationError(_("Choose a cohort or participants."), code="no_recipients")
    if timezone.is_naive(due_at):
        raise ValidationError(_("The due date needs a time zone."), code="naive")
    if cohort is not None and not (
        selectors.can_manage_cohort(user=created_by, cohort=cohort)
        or (participants and created_by.is_expert)
    ):
        raise PermissionDenied
    if cohort is None and not (created_by.is_expert or created_by.is_manager):
        for participant in participants or []:
            if not selectors.facilitates_participant(user=created_by, participant=participant):
                raise PermissionDenied
    with transaction.atomic():
        assignment = Assignment.objects.create(
            created_by=created_by,
            title=title.strip(),
            instructions=instructions,
            due_at=due_at,
            cohort=cohort,
            whole_cohort=cohort is not None and participants is None,
            lesson=lesson,
            allow_text=allow_text,
            allow_photos=allow_photos,
            allow_files=allow_files,
        )
        if participants is None:
            recipients = list(User.objects.filter(enrolments__cohort=cohort).distinct())
        else:
            recipients = list({p.pk: p for p in participants}.values())
            if cohort is not None:
                enrolled = set(
                    Enrolment.objects.filter(cohort=cohort).values_list("participant_id", flat=True)
                )
                if any(p.pk not in enrolled for p in recipients):
                    raise ValidationError(
                        _("Some of the chosen people are not in this cohort."), code="outsider"
                    )
        AssignmentRecipient.objects.bulk_create(
            [AssignmentRecipient(assignment=assignment, participant=p) for p in recipients],
            ignore_conflicts=True,
        )
        for participant in participants or []:
            participant.__dict__.pop("_learning_assignment_rows", None)
        _send_assigned(assignment, recipients)
    return assignment


def assignment_set_closed(*, assignment: Assignment, by: User, closed: bool) -> Assignment:
    if not selectors.assignment_visible_to(user=by, assignment=assignment):
        raise PermissionDenied
    assignment.closed = closed
    assignment.save(update_fields=["closed"])
    return assignment


def submission_create(
    *,
    assignment: Assignment,
    participant: User,
    text: str = "",
    photos: Sequence = (),
    files: Sequence = (),
) -> tuple[Submission, list[UploadRejected]]:
    """Send a new version of the participant's work.

    Each photo is re-encoded and each file checked by content; a refused file is reported back
    while the rest is kept. The version number comes from the locked recipient row, so two
    sends at once get versions n and n+1, never a clash.
    """
    text = (text or "").strip()
    if not assignment.allow_text:
        text = ""
    if not assignment.allow_photos and photos:
        raise ValidationError(_("This assignment does not take photos."), code="no_photos")
    if not assignment.allow_files and files:
        raise ValidationError(_("This assignment does not take files."), code="no_files")
    prepared, rejected = [], []
    for kind, uploads, prepare in (
        (SubmissionFile.Kind.PHOTO, photos, prepare_photo),
        (SubmissionFile.Kind.FILE, files, prepare_file),
    ):
        for upload in uploads:
            try:
                prepared.append((kind, upload.name, prepare(upload)))
            except UploadRejected as error:
                rejected.append(error)
    if not text and not prepared:
        message = _("Write an answer or add a photo or file before sending.")
        if rejected:
            message = " ".join(error.message for error in rejected)
        raise ValidationError(message, code="empty")

    with transaction.atomic():
        try:
            row = AssignmentRecipient.objects.select_for_update().get(
                assignment=assignment, participant=participant
            )
        except AssignmentRecipient.DoesNotExist:
            raise PermissionDenied from None
        assignment = Assignment.objects.get(pk=row.assignment_id)
        latest = (
            Submission.objects.filter(assignment=assignment, participant=participant)
            .order_by("-version")
            .first()
        )
        if assignment.closed:
            raise ValidationError(
                _("This assignment is closed and takes no more answers."), code="closed"
            )
        if latest is not None and latest.status == Submission.Status.SUBMITTED:
            raise ValidationError(
                _("Your answer is waiting for review; you can send a new version if asked."),
                code="waiting",
            )
        if latest is not None and latest.status == Submission.Status.ACCEPTED:
            raise ValidationError(_("This assignment is already accepted."), code="accepted")
        now = timezone.now()
        submission = Submission.objects.create(
            assignment=assignment,
            participant=participant,
            version=(latest.version + 1) if latest else 1,
            text=text,
            is_late=now > assignment.due_at,
            submitted_at=now,
        )
        for kind, name, item in prepared:
            stored = SubmissionFile(
                submission=submission,
                kind=kind,
                original_name=(name or "")[:200],
                content_type=item.content_type,
                size=item.content.size,
                width=item.width,
                height=item.height,
            )
            stored.file.save(f"upload.{item.extension}", item.content, save=False)
            stored.save()
        transaction.on_commit(
            lambda: signals.submission_submitted.send(sender=Submission, submission=submission)
        )
    _touch(participant)
    participant.__dict__.pop("_learning_assignment_rows", None)
    return submission, rejected


def submission_review(
    *, submission: Submission, reviewer: User, decision: str, feedback: str
) -> Review:
    """Accept a submission or ask for a revision, with feedback. One review per version:
    the row lock and the one-to-one constraint stop a second decision."""
    if decision not in Review.Decision.values:
        raise ValidationError(_("Choose accept or ask for a revision."), code="decision")
    feedback = (feedback or "").strip()
    if not feedback:
        raise ValidationError(_("Write some feedback for the participant."), code="feedback")
    if not selectors.can_review(user=reviewer, submission=submission):
        raise PermissionDenied
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status != Submission.Status.SUBMITTED:
            raise ValidationError(_("This version has already been reviewed."), code="reviewed")
        review = Review.objects.create(
            submission=locked, reviewer=reviewer, decision=decision, feedback=feedback
        )
        locked.status = (
            Submission.Status.ACCEPTED
            if decision == Review.Decision.ACCEPT
            else Submission.Status.REVISION
        )
        locked.save(update_fields=["status"])
        transaction.on_commit(
            lambda: signals.submission_reviewed.send(sender=Review, review=review)
        )
    submission.status = locked.status
    return review
