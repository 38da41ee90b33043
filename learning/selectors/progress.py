"""Reads about progress through the curriculum and the stage gates: a learner's progress, whether a
stage is open, reflections on a lesson.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db.models import Exists, IntegerField, OuterRef, Value
from wagtail.models import Locale, Page

from cms.models import LessonPage, ModulePage, ProgrammePage, StagePage, User

from ..models import (
    Attendance,
    LessonCompletion,
    Reflection,
    StageOpening,
    WorkshopSession,
)


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


def _done_and_opened(user: User) -> tuple[set[uuid.UUID], dict]:
    """The lessons done and the stages opened early, in one query (openings are rare: their
    details are read only when there are any)."""
    done = LessonCompletion.objects.filter(participant=user).values_list(
        Value(1, output_field=IntegerField()), "lesson_key"
    )
    opened = StageOpening.objects.filter(participant=user).values_list(
        Value(2, output_field=IntegerField()), "stage_key"
    )
    rows = list(done.union(opened, all=True))
    done_keys = {key for kind, key in rows if kind == 1}
    openings = {}
    if any(kind == 2 for kind, _key in rows):
        openings = {
            opening.stage_key: opening
            for opening in StageOpening.objects.filter(participant=user).select_related("opened_by")
        }
    return done_keys, openings


def learner_progress(*, user: User, programme: ProgrammePage) -> Progress:
    """Stages, modules and lessons of ``programme`` with what ``user`` has done, which
    stages are complete and which are open. Cached on the user object for the request."""
    cache = user.__dict__.setdefault("_learning_progress", {})
    if programme.pk in cache:
        return cache[programme.pk]

    from cms import navigation

    found = navigation.curriculum(programme.pk)
    if found is not None:
        # Stages, modules and lessons are the same for everyone: from the cache (a fresh copy).
        stages, modules, lessons = found.stages, found.modules, found.lessons
    else:
        stages = list(StagePage.objects.live().child_of(programme).order_by("order", "path"))
        modules = list(ModulePage.objects.live().descendant_of(programme).order_by("path"))
        lessons = list(
            LessonPage.objects.live()
            .descendant_of(programme)
            .order_by("path")
            .only(*navigation.LESSON_FIELDS)
        )
    done_keys, openings = _done_and_opened(user)
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
    from cms import navigation

    found = navigation.curriculum_of(page)
    if found is not None:
        return found.programme
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
