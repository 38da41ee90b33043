"""Assignments, submissions and reviews. Submission versions and reviews take row locks so two at
once cannot both win.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import LessonPage, User

from .. import selectors, signals
from ..models import (
    Assignment,
    AssignmentRecipient,
    Cohort,
    Enrolment,
    Review,
    Submission,
    SubmissionFile,
)
from ..uploads import UploadRejected, prepare_file, prepare_photo
from ._common import _acted_at, _send_assigned, _touch


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
    client_id: uuid.UUID | None = None,
    acted_at: datetime.datetime | None = None,
) -> tuple[Submission, list[UploadRejected]]:
    """Send a new version of the participant's work.

    Each photo is re-encoded and each file checked by content; a refused file is reported back
    while the rest is kept. The version number comes from the locked recipient row, so two
    sends at once get versions n and n+1, never a clash.

    Work written offline arrives with its ``client_id`` and the time it was sent from the
    phone (``acted_at``, which also decides whether it is late): sent again, the version it
    made is returned and nothing changes.
    """
    when = _acted_at(acted_at)
    if client_id is not None:
        done = Submission.objects.filter(participant=participant, client_id=client_id).first()
        if done is not None:
            return done, []
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

    try:
        submission = _submission_store(
            assignment=assignment,
            participant=participant,
            text=text,
            prepared=prepared,
            client_id=client_id,
            when=when,
        )
    except IntegrityError:
        # The same work sent twice at once (a replay racing the first send): one version.
        done = Submission.objects.filter(participant=participant, client_id=client_id).first()
        if client_id is None or done is None:
            raise
        return done, []
    _touch(participant)
    participant.__dict__.pop("_learning_assignment_rows", None)
    return submission, rejected


def _submission_store(
    *,
    assignment: Assignment,
    participant: User,
    text: str,
    prepared: list,
    client_id: uuid.UUID | None,
    when: datetime.datetime,
) -> Submission:
    """submission_create's writes, in one transaction under the recipient row's lock."""
    with transaction.atomic():
        try:
            row = AssignmentRecipient.objects.select_for_update().get(
                assignment=assignment, participant=participant
            )
        except AssignmentRecipient.DoesNotExist:
            raise PermissionDenied from None
        if client_id is not None:
            # After the lock: a send of the same work that got in first is seen here.
            done = Submission.objects.filter(participant=participant, client_id=client_id).first()
            if done is not None:
                return done
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
        submission = Submission.objects.create(
            assignment=assignment,
            participant=participant,
            version=(latest.version + 1) if latest else 1,
            text=text,
            is_late=when > assignment.due_at,
            submitted_at=when,
            client_id=client_id,
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
            if item.preview is not None:
                stored.preview.save("preview.jpg", item.preview, save=False)
            stored.save()
        transaction.on_commit(
            lambda: signals.submission_submitted.send(sender=Submission, submission=submission)
        )
    return submission


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
