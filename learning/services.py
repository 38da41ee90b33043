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

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import LessonPage, Role, StagePage, User, district_time_zone

from . import selectors, signals
from .models import (
    Assignment,
    AssignmentRecipient,
    Attendance,
    AttendanceChange,
    Cohort,
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


def participant_enrol(*, cohort: Cohort, by: User, participant: User) -> tuple[Enrolment, bool]:
    """A facilitator enrols an existing participant."""
    if not selectors.can_manage_cohort(user=by, cohort=cohort):
        raise PermissionDenied
    return enrolment_create(
        cohort=cohort, participant=participant, via=Enrolment.Via.FACILITATOR, enrolled_by=by
    )


def participant_create_or_get(
    *,
    mobile: str,
    name: str,
    sex: str = "",
    age_band: str = "",
    district: str = "",
    migrant_status: str = "",
) -> tuple[User, bool]:
    """The participant with this number, or a new account for them (no password yet: they
    set one when they first sign in through "forgot password" or a manager sets it)."""
    from django.contrib.auth.models import Group

    existing = User.objects.filter(mobile=mobile).first()
    if existing is not None:
        if existing.is_staff:
            raise ValidationError(_("This number belongs to a staff account."), code="staff")
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


def participant_enrol_by_mobile(*, cohort: Cohort, by: User, **details) -> tuple[Enrolment, bool]:
    """A facilitator enrols someone by number, creating their account when needed."""
    if not selectors.can_manage_cohort(user=by, cohort=cohort):
        raise PermissionDenied
    with transaction.atomic():
        participant, _created = participant_create_or_get(**details)
        return enrolment_create(
            cohort=cohort, participant=participant, via=Enrolment.Via.FACILITATOR, enrolled_by=by
        )


# Letters and digits people cannot mix up when a facilitator reads them out.
TEMPORARY_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
logger = logging.getLogger(__name__)


def participant_password_reset(*, cohort: Cohort, participant: User, by: User) -> str:
    """Give a participant of the cohort a new temporary password and return it (once).

    For people a facilitator enrolled or imported (they have no password yet) and for anyone
    who forgot theirs: the facilitator tells it to them in person. Only its hash is stored.
    """
    if not selectors.can_manage_cohort(user=by, cohort=cohort):
        raise PermissionDenied
    if participant.is_staff or participant.is_superuser:
        raise PermissionDenied  # staff accounts are managed in the admin, not from a cohort
    if not cohort.enrolments.filter(participant=participant).exists():
        raise PermissionDenied
    password = "-".join(
        "".join(secrets.choice(TEMPORARY_PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3)
    )
    participant.set_password(password)
    participant.save(update_fields=["password"])
    logger.info("Password reset for user %s by %s (cohort %s)", participant.pk, by.pk, cohort.pk)
    return password


def cohort_import(*, cohort: Cohort, by: User, rows: list[dict]) -> dict[str, int]:
    """Save a checked import: all rows or none. Numbers already in the cohort are skipped."""
    if not selectors.can_manage_cohort(user=by, cohort=cohort):
        raise PermissionDenied
    counts = {"created": 0, "enrolled": 0, "skipped": 0}
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
            _enrolment, enrolled = enrolment_create(
                cohort=cohort, participant=participant, via=Enrolment.Via.IMPORT, enrolled_by=by
            )
            counts["created"] += created
            counts["enrolled"] += enrolled
            counts["skipped"] += not enrolled
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
