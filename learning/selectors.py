"""Reads of the learning app: progress and stage gates, cohorts, assignments, the dashboard.

Every function here runs a fixed number of queries, whatever the number of lessons,
participants or assignments: lists are fetched whole and joined in Python.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.models import LessonPage, ModulePage, ProgrammePage, StagePage, User

from .models import (
    Assignment,
    AssignmentRecipient,
    Attendance,
    Cohort,
    CohortInvitation,
    Enrolment,
    LessonCompletion,
    Reflection,
    StageOpening,
    Submission,
    WorkshopSession,
)

DUE_SOON = timedelta(hours=48)
EVER = datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)
INACTIVE_AFTER = timedelta(days=7)


# --- people and cohorts -------------------------------------------------------------------


def cohorts_of(*, participant: User) -> QuerySet[Cohort]:
    """The cohorts a participant is enrolled in."""
    return Cohort.objects.filter(enrolments__participant=participant).distinct()


def facilitators_of(*, participant: User) -> QuerySet[User]:
    """Everyone who facilitates one of the participant's cohorts."""
    return User.objects.filter(
        facilitated_cohorts__enrolments__participant=participant, is_active=True
    ).distinct()


def cohorts_for_staff(*, user: User) -> QuerySet[Cohort]:
    """The cohorts a person may manage: all for a programme manager, their own for a
    facilitator, none for anyone else."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    if user.is_manager:
        return Cohort.objects.all()
    if user.is_facilitator:
        return Cohort.objects.filter(facilitators=user)
    return Cohort.objects.none()


def can_manage_cohort(*, user: User, cohort: Cohort) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_manager:
        return True
    return user.is_facilitator and cohort.facilitators.filter(pk=user.pk).exists()


def facilitates_participant(*, user: User, participant: User) -> bool:
    """True for a manager, or a facilitator of one of the participant's cohorts."""
    if not user.is_authenticated:
        return False
    if user.is_manager:
        return True
    return (
        user.is_facilitator
        and Cohort.objects.filter(facilitators=user, enrolments__participant=participant).exists()
    )


def facilitated_since(*, user: User, participant: User, cohort: Cohort | None = None):
    """From when ``user`` may see what ``participant`` does, or None if not at all.

    A facilitator sees what the person did in their cohort: from the day the person joined
    one of the facilitator's cohorts (``cohort``: that one). Managers and the person see
    everything (the earliest possible time).
    """
    if not user.is_authenticated:
        return None
    if user.pk == participant.pk or user.is_manager:
        return EVER
    if not user.is_facilitator:
        return None
    enrolments = Enrolment.objects.filter(participant=participant, cohort__facilitators=user)
    if cohort is not None:
        enrolments = enrolments.filter(cohort=cohort)
    first = enrolments.order_by("created_at").values_list("created_at", flat=True).first()
    return first


def reflections_visible(*, user: User, participant: User, cohort: Cohort) -> QuerySet[Reflection]:
    """The participant's reflections written (or last changed) since they joined ``cohort``."""
    since = facilitated_since(user=user, participant=participant, cohort=cohort)
    if since is None:
        return Reflection.objects.none()
    return (
        Reflection.objects.filter(participant=participant, updated_at__gte=since)
        .select_related("lesson")
        .order_by("lesson_key", "position")
    )


def invitations_pending(*, cohort: Cohort) -> QuerySet[CohortInvitation]:
    """Invited, not yet joined (and not expired)."""
    return (
        cohort.invitations.filter(
            status=CohortInvitation.Status.PENDING, expires_at__gt=timezone.now()
        )
        .select_related("person")
        .order_by("created_at", "pk")
    )


def invitations_open_for(*, person: User) -> QuerySet[CohortInvitation]:
    return (
        CohortInvitation.objects.filter(
            person=person,
            status=CohortInvitation.Status.PENDING,
            expires_at__gt=timezone.now(),
        )
        .select_related("cohort", "invited_by")
        .order_by("-created_at", "-pk")
    )


def participants_for_staff(*, user: User) -> QuerySet[User]:
    if not user.is_authenticated:
        return User.objects.none()
    if user.is_manager:
        return User.objects.filter(enrolments__isnull=False).distinct()
    return User.objects.filter(enrolments__cohort__facilitators=user).distinct()


# --- progress and stage gates -----------------------------------------------------------------


@dataclass
class ModuleProgress:
    module: ModulePage
    lessons: list = field(default_factory=list)
    done: int = 0

    @property
    def total(self) -> int:
        return len(self.lessons)


@dataclass
class StageProgress:
    stage: StagePage
    modules: list[ModuleProgress] = field(default_factory=list)
    done: int = 0
    total: int = 0
    missing_lessons: list = field(default_factory=list)
    sessions: list = field(default_factory=list)
    missing_sessions: list = field(default_factory=list)
    complete: bool = False
    is_open: bool = False
    opening: StageOpening | None = None
    previous: StageProgress | None = None


@dataclass
class Progress:
    """One participant's progress through one programme (in one language)."""

    programme: ProgrammePage
    stages: list[StageProgress]
    done_keys: set[uuid.UUID]
    gated: bool

    def for_stage(self, stage: Page) -> StageProgress | None:
        for item in self.stages:
            if item.stage.translation_key == stage.translation_key:
                return item
        return None

    def for_module(self, module: Page) -> ModuleProgress | None:
        for stage in self.stages:
            for item in stage.modules:
                if item.module.translation_key == module.translation_key:
                    return item
        return None

    def stage_of_lesson(self, lesson: Page) -> StageProgress | None:
        for stage in self.stages:
            for module in stage.modules:
                if any(item.translation_key == lesson.translation_key for item in module.lessons):
                    return stage
        return None

    @property
    def done(self) -> int:
        return sum(stage.done for stage in self.stages)

    @property
    def total(self) -> int:
        return sum(stage.total for stage in self.stages)


def _is_gated(user: User) -> bool:
    """Stage gates apply to participants; staff read the whole curriculum."""
    return not (user.is_facilitator or user.is_expert or user.is_manager)


def learner_progress(*, user: User, programme: ProgrammePage) -> Progress:
    """Stages, modules and lessons of ``programme`` with what ``user`` has done, which
    stages are complete and which are open. Cached on the user object for the request."""
    cache = user.__dict__.setdefault("_learning_progress", {})
    if programme.pk in cache:
        return cache[programme.pk]

    stages = list(StagePage.objects.live().child_of(programme).order_by("order", "path"))
    modules = list(ModulePage.objects.live().descendant_of(programme).order_by("path"))
    lessons = list(
        LessonPage.objects.live()
        .descendant_of(programme)
        .order_by("path")
        .only(
            "id",
            "path",
            "depth",
            "title",
            "slug",
            "url_path",
            "translation_key",
            "required",
            "estimated_minutes",
            "summary",
            "locale_id",
            "live",
        )  # fmt: skip
    )
    done_keys = set(
        LessonCompletion.objects.filter(participant=user).values_list("lesson_key", flat=True)
    )
    openings = {
        opening.stage_key: opening
        for opening in StageOpening.objects.filter(participant=user).select_related("opened_by")
    }
    sessions = list(
        WorkshopSession.objects.filter(cohort__enrolments__participant=user)
        .annotate(
            attended=Exists(
                Attendance.objects.filter(session=OuterRef("pk"), participant=user, present=True)
            )
        )
        .select_related("cohort")
        .order_by("starts_at")
    )

    module_by_path = {module.path: ModuleProgress(module=module) for module in modules}
    for lesson in lessons:
        holder = module_by_path.get(lesson.path[: -Page.steplen])
        if holder is not None:
            lesson.is_done = lesson.translation_key in done_keys
            holder.lessons.append(lesson)
            holder.done += lesson.is_done

    gated = _is_gated(user)
    result: list[StageProgress] = []
    previous: StageProgress | None = None
    for stage in stages:
        item = StageProgress(stage=stage, previous=previous)
        item.modules = [m for p, m in module_by_path.items() if p[: -Page.steplen] == stage.path]
        for module in item.modules:
            item.done += module.done
            item.total += module.total
            item.missing_lessons += [x for x in module.lessons if x.required and not x.is_done]
        item.sessions = [s for s in sessions if s.stage_key == stage.translation_key]
        item.missing_sessions = [s for s in item.sessions if not s.attended]
        item.complete = not item.missing_lessons and not item.missing_sessions
        item.opening = openings.get(stage.translation_key)
        item.is_open = (
            not gated or previous is None or previous.complete or item.opening is not None
        )
        result.append(item)
        previous = item

    progress = Progress(programme=programme, stages=result, done_keys=done_keys, gated=gated)
    cache[programme.pk] = progress
    return progress


def programme_of(page: Page) -> ProgrammePage | None:
    if isinstance(page, ProgrammePage):
        return page
    return ProgrammePage.objects.filter(
        path__in=[page.path[:i] for i in range(Page.steplen, len(page.path), Page.steplen)]
    ).first()


def stage_is_open(*, user: User, stage: StagePage) -> bool:
    """True when the stage is open for the user: it is the first stage, the stage before it
    is complete, or a facilitator opened it early for them."""
    programme = programme_of(stage)
    if programme is None:
        return True
    item = learner_progress(user=user, programme=programme).for_stage(stage)
    return item is None or item.is_open


def has_reached_stage(*, user: User, kind: str) -> bool:
    """True when the stage of this kind (``"mastery"``, …) is open for the user."""
    stages = StagePage.objects.live().filter(kind=kind).order_by("path")
    stage = stages.filter(locale=Locale.get_default()).first() or stages.first()
    if stage is None:
        return False
    return stage_is_open(user=user, stage=stage)


def reflections_for(*, participant: User, lesson: LessonPage) -> dict[int, Reflection]:
    return {
        item.position: item
        for item in Reflection.objects.filter(
            participant=participant, lesson_key=lesson.translation_key
        )
    }


# --- assignments --------------------------------------------------------------------------


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
        if submission is not None:
            group = {
                Submission.Status.SUBMITTED: "submitted",
                Submission.Status.REVISION: "revision",
                Submission.Status.ACCEPTED: "accepted",
            }[submission.status]
        elif assignment.closed:
            group = "closed"
        elif assignment.due_at < now:
            group = "overdue"
        elif assignment.due_at < now + DUE_SOON:
            group = "due_soon"
        else:
            group = "to_do"
        rows.append(AssignmentRow(assignment=assignment, latest=submission, group=group))
    participant.__dict__["_learning_assignment_rows"] = rows
    return rows


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
    return waiting.select_related("assignment", "participant").order_by("submitted_at", "pk")


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


# --- the facilitator's dashboard --------------------------------------------------------------


@dataclass
class DashboardRow:
    participant: User
    cells: list[tuple[int, int]]
    attended: int
    last_active: object
    inactive: bool


@dataclass
class CohortDashboard:
    cohort: Cohort
    modules: list[ModulePage]
    rows: list[DashboardRow]
    sessions: list[WorkshopSession]
    inactive: list[User]
    waiting: list[Submission]
    by_sex: dict[str, int]


def cohort_dashboard(*, cohort: Cohort, programme: ProgrammePage | None, now=None):
    """The progress matrix (participants × modules with attendance), inactive participants,
    submissions waiting for review and counts by sex, for one cohort."""
    now = now or timezone.now()
    participants = list(
        User.objects.filter(enrolments__cohort=cohort)
        .select_related("learner_state")
        .order_by("name", "pk")
    )
    ids = [p.pk for p in participants]
    modules: list[ModulePage] = []
    module_of_key: dict[uuid.UUID, int] = {}
    lesson_count: list[int] = []
    if programme is not None:
        modules = list(ModulePage.objects.live().descendant_of(programme).order_by("path"))
        index_by_path = {module.path: i for i, module in enumerate(modules)}
        lesson_count = [0] * len(modules)
        for path, key in (
            LessonPage.objects.live()
            .descendant_of(programme)
            .values_list("path", "translation_key")
        ):
            index = index_by_path.get(path[: -Page.steplen])
            if index is not None:
                module_of_key[key] = index
                lesson_count[index] += 1
    done: dict[int, list[int]] = {pk: [0] * len(modules) for pk in ids}
    for participant_id, key in LessonCompletion.objects.filter(participant_id__in=ids).values_list(
        "participant_id", "lesson_key"
    ):
        index = module_of_key.get(key)
        if index is not None:
            done[participant_id][index] += 1
    sessions = list(cohort.sessions.order_by("starts_at"))
    attended: dict[int, int] = {}
    for participant_id in Attendance.objects.filter(
        session__cohort=cohort, present=True, participant_id__in=ids
    ).values_list("participant_id", flat=True):
        attended[participant_id] = attended.get(participant_id, 0) + 1
    rows, inactive, by_sex = [], [], {}
    for participant in participants:
        state = getattr(participant, "learner_state", None)
        last_active = state.last_active_at if state else None
        is_inactive = last_active is None or last_active < now - INACTIVE_AFTER
        if is_inactive:
            inactive.append(participant)
        by_sex[participant.sex or "unknown"] = by_sex.get(participant.sex or "unknown", 0) + 1
        rows.append(
            DashboardRow(
                participant=participant,
                cells=list(zip(done[participant.pk], lesson_count, strict=True)),
                attended=attended.get(participant.pk, 0),
                last_active=last_active,
                inactive=is_inactive,
            )
        )
    waiting = list(
        Submission.objects.filter(
            status=Submission.Status.SUBMITTED, participant_id__in=ids, assignment__cohort=cohort
        )
        .select_related("assignment", "participant")
        .order_by("submitted_at", "pk")
    )
    return CohortDashboard(
        cohort=cohort,
        modules=modules,
        rows=rows,
        sessions=sessions,
        inactive=inactive,
        waiting=waiting,
        by_sex=by_sex,
    )
