"""The facilitator's cohort dashboard: one row per participant with progress, attendance, work to
review and who has gone quiet.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.models import Page

from cms.models import LessonPage, ModulePage, ProgrammePage, User

from ..models import (
    Attendance,
    Cohort,
    LessonCompletion,
    Submission,
    WorkshopSession,
)

INACTIVE_AFTER = timedelta(days=7)


@dataclass
class DashboardRow:
    participant: User
    cells: list[tuple[int, int]]
    attended: int
    last_active: object
    inactive: bool

    @property
    def cells_html(self) -> str:
        """The row's matrix cells as HTML (numbers only), built here rather than by a template
        loop: 200 participants × 12 modules is thousands of cells."""
        out = []
        for done, total in self.cells:
            css = "full" if total and done == total else "part" if done else ""
            out.append(f'<td class="{css}">{done:d}/{total:d}</td>')
        return mark_safe("".join(out))


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
        from cms import navigation

        found = navigation.curriculum(programme.pk)
        if found is not None:  # the same for everyone: from the cache
            modules = found.modules
            lesson_keys = [(lesson.path, lesson.translation_key) for lesson in found.lessons]
        else:
            modules = list(ModulePage.objects.live().descendant_of(programme).order_by("path"))
            lesson_keys = (
                LessonPage.objects.live()
                .descendant_of(programme)
                .values_list("path", "translation_key")
            )
        index_by_path = {module.path: i for i, module in enumerate(modules)}
        lesson_count = [0] * len(modules)
        for path, key in lesson_keys:
            index = index_by_path.get(path[: -Page.steplen])
            if index is not None:
                module_of_key[key] = index
                lesson_count[index] += 1
    done: dict[int, list[int]] = {pk: [0] * len(modules) for pk in ids}
    for participant_id, key in LessonCompletion.objects.filter(
        participant__enrolments__cohort=cohort
    ).values_list("participant_id", "lesson_key"):
        index = module_of_key.get(key)
        if index is not None:
            done[participant_id][index] += 1
    sessions = list(cohort.sessions.order_by("starts_at"))
    attended: dict[int, int] = {}
    for participant_id in Attendance.objects.filter(
        session__cohort=cohort, present=True, participant__enrolments__cohort=cohort
    ).values_list("participant_id", flat=True):
        if participant_id in done:
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
            status=Submission.Status.SUBMITTED,
            participant__enrolments__cohort=cohort,
            assignment__cohort=cohort,
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
