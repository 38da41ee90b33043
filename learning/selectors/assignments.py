"""Reads about assignments: a participant's list grouped by what to do next, who may see, answer
and review them, the review queue and answer history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from cms.models import User

from ..models import (
    Assignment,
    AssignmentRecipient,
    Cohort,
    Enrolment,
    Submission,
)

DUE_SOON = timedelta(hours=48)


@dataclass
class AssignmentRow:
    """An assignment as one participant sees it."""

    assignment: Assignment
    latest: Submission | None
    group: str

    @property
    def can_submit(self) -> bool:
        return can_submit(assignment=self.assignment, latest=self.latest)


GROUPS = ("revision", "overdue", "due_soon", "to_do", "submitted", "accepted", "closed")


def can_submit(*, assignment: Assignment, latest: Submission | None) -> bool:
    if assignment.closed:
        return False
    if latest is None:
        return True
    return latest.status == Submission.Status.REVISION


def assignment_rows(*, participant: User, now=None) -> list[AssignmentRow]:
    """The participant's assignments with the state of their latest submission (cached on
    the user object for the request: the home panel and the bottom navigation both ask)."""
    cached = participant.__dict__.get("_learning_assignment_rows")
    if cached is not None and now is None:
        return cached
    now = now or timezone.now()
    assignments = list(
        Assignment.objects.filter(recipient_rows__participant=participant)
        .select_related("lesson", "created_by")
        .defer("lesson__body")  # only its title and address are shown
        .order_by("due_at", "pk")
    )
    latest: dict[int, Submission] = {}
    for submission in Submission.objects.filter(
        participant=participant, assignment__in=[a.pk for a in assignments]
    ).order_by("assignment_id", "version"):
        latest[submission.assignment_id] = submission
    rows = []
    for assignment in assignments:
        submission = latest.get(assignment.pk)
        group = _group(
            submission.status if submission else None, assignment.closed, assignment.due_at, now
        )
        rows.append(AssignmentRow(assignment=assignment, latest=submission, group=group))
    participant.__dict__["_learning_assignment_rows"] = rows
    return rows


def _group(latest_status: str | None, closed: bool, due_at, now) -> str:
    if latest_status is not None:
        return {
            Submission.Status.SUBMITTED: "submitted",
            Submission.Status.REVISION: "revision",
            Submission.Status.ACCEPTED: "accepted",
        }[latest_status]
    if closed:
        return "closed"
    if due_at < now:
        return "overdue"
    if due_at < now + DUE_SOON:
        return "due_soon"
    return "to_do"


def _latest_status(participant: User) -> Subquery:
    return Subquery(
        Submission.objects.filter(assignment=OuterRef("pk"), participant=participant)
        .order_by("-version")
        .values("status")[:1]
    )


def assignment_counts(*, participant: User) -> dict[str, int]:
    """How many of the participant's assignments are in each group (the home page's summary):
    one light query, no assignment or lesson objects (cached on the user for the request)."""
    cached = participant.__dict__.get("_learning_assignment_counts")
    if cached is not None:
        return cached
    rows = participant.__dict__.get("_learning_assignment_rows")
    counts: dict[str, int] = {}
    if rows is not None:
        for row in rows:
            counts[row.group] = counts.get(row.group, 0) + 1
    else:
        now = timezone.now()
        for status, closed, due_at in (
            Assignment.objects.filter(recipient_rows__participant=participant)
            .annotate(latest_status=_latest_status(participant))
            .values_list("latest_status", "closed", "due_at")
        ):
            group = _group(status, closed, due_at, now)
            counts[group] = counts.get(group, 0) + 1
    participant.__dict__["_learning_assignment_counts"] = counts
    return counts


TO_DO_GROUPS = ("overdue", "due_soon", "revision", "to_do")


def assignments_to_do_count(*, participant: User) -> int:
    """How many assignments wait for the participant (the bottom navigation's badge): from the
    rows when this request already read them, else one query."""
    rows = participant.__dict__.get("_learning_assignment_rows")
    if rows is not None:
        return sum(1 for row in rows if row.group in TO_DO_GROUPS)
    counts = participant.__dict__.get("_learning_assignment_counts")
    if counts is not None:
        return sum(counts.get(group, 0) for group in TO_DO_GROUPS)
    return (
        Assignment.objects.filter(recipient_rows__participant=participant)
        .annotate(latest_status=_latest_status(participant))
        .filter(
            Q(latest_status=Submission.Status.REVISION)
            | Q(latest_status__isnull=True, closed=False)
        )
        .count()
    )


def assignment_visible_to(*, user: User, assignment: Assignment) -> bool:
    """Staff who may see every submission of the assignment: its author, a manager, a
    facilitator of its cohort."""
    if not user.is_authenticated:
        return False
    if user.is_manager or assignment.created_by_id == user.pk:
        return True
    return bool(
        user.is_facilitator
        and assignment.cohort_id
        and Cohort.objects.filter(pk=assignment.cohort_id, facilitators=user).exists()
    )


def can_review(*, user: User, submission: Submission) -> bool:
    """The assignment's author, a manager, or a facilitator of the assignment's cohort (the
    participant's work in that cohort: not what they do in another one)."""
    if not user.is_authenticated:
        return False
    if user.is_manager or submission.assignment.created_by_id == user.pk:
        return True
    cohort_id = submission.assignment.cohort_id
    return bool(
        user.is_facilitator
        and cohort_id
        and Enrolment.objects.filter(
            cohort_id=cohort_id, participant_id=submission.participant_id, cohort__facilitators=user
        ).exists()
    )


def can_see_submission(*, user: User, submission: Submission) -> bool:
    return submission.participant_id == user.pk or can_review(user=user, submission=submission)


def review_queue(*, user: User) -> QuerySet[Submission]:
    """Submissions waiting for review that the user may review, oldest first."""
    waiting = Submission.objects.filter(status=Submission.Status.SUBMITTED)
    if not user.is_authenticated:
        return Submission.objects.none()
    if not user.is_manager:
        mine = Q(assignment__created_by=user)
        if user.is_facilitator:
            mine |= Q(assignment__cohort__in=Cohort.objects.filter(facilitators=user))
        waiting = waiting.filter(mine)
    return waiting.select_related("assignment__cohort", "participant").order_by(
        "submitted_at", "pk"
    )


def submission_history(*, assignment: Assignment, participant: User) -> list[Submission]:
    """Every version the participant sent, with its files and review, oldest first."""
    return list(
        Submission.objects.filter(assignment=assignment, participant=participant)
        .select_related("review", "review__reviewer")
        .prefetch_related("files")
        .order_by("version")
    )


def is_recipient(*, assignment: Assignment, participant: User) -> bool:
    return AssignmentRecipient.objects.filter(
        assignment=assignment, participant=participant
    ).exists()
