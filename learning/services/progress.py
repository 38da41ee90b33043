"""Progress through the curriculum: lesson visits and completions, stages opened early,
reflections.
"""

from __future__ import annotations

import datetime
import uuid

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cms import after_response
from cms.models import LessonPage, StagePage, User

from .. import selectors
from ..models import (
    LessonCompletion,
    Reflection,
    StageOpening,
)
from ._common import _acted_at, _touch

# "Last active" is written at most this often per person when they only read.
ACTIVE_WRITE_SECONDS = 300


def lesson_visit(*, participant: User, lesson: LessonPage) -> None:
    """Remember the lesson for "continue where you left off", and that the person was active.

    A repeat view writes nothing: a cache key per person remembers the lesson last written
    and when, so the row is written only when the lesson changed or five minutes have passed.
    The write itself runs after the response has been sent (``cms.after_response``).
    """
    key = f"learning:visit:{participant.pk}"
    try:
        if cache.get(key) == lesson.pk:
            return
        cache.set(key, lesson.pk, ACTIVE_WRITE_SECONDS)
    except Exception:  # no cache (a Redis restart): write, as before there was one
        pass
    after_response.defer(lambda: _touch(participant, lesson))


def _check_lesson_open(participant: User, lesson: LessonPage) -> None:
    stage = StagePage.objects.ancestor_of(lesson).first()
    if stage is not None and not selectors.stage_is_open(user=participant, stage=stage):
        raise PermissionDenied(_("This stage is not open for you yet."))


def lesson_mark_done(
    *,
    participant: User,
    lesson: LessonPage,
    client_id: uuid.UUID | None = None,
    acted_at: datetime.datetime | None = None,
) -> tuple[LessonCompletion, bool]:
    """Record that the participant finished the lesson (at ``acted_at`` when it waited in the
    phone's outbox). Repeats change nothing: the unique constraint on (participant, lesson)
    decides, not a check in Python."""
    when = _acted_at(acted_at)
    _check_lesson_open(participant, lesson)
    try:
        completion, created = LessonCompletion.objects.get_or_create(
            participant=participant,
            lesson_key=lesson.translation_key,
            defaults={"lesson": lesson, "completed_at": when, "client_id": client_id},
        )
    except IntegrityError:
        # The id already names another of this person's completions: that one was the action.
        if client_id is None:
            raise
        return LessonCompletion.objects.get(participant=participant, client_id=client_id), False
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
    *,
    participant: User,
    lesson: LessonPage,
    position: int,
    question: str,
    answer: str,
    client_id: uuid.UUID | None = None,
    acted_at: datetime.datetime | None = None,
) -> Reflection:
    """Save the participant's answer to a reflection question.

    An answer written offline arrives with its ``client_id`` and the time it was written: sent
    again, it changes nothing; arriving after a newer answer, it does not overwrite it.
    """
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(_("Write your answer before saving."), code="empty")
    if len(answer) > 4000:
        raise ValidationError(_("Your answer is too long (4000 characters at most)."))
    when = _acted_at(acted_at)
    _check_lesson_open(participant, lesson)
    try:
        with transaction.atomic():
            if client_id is not None:
                done = Reflection.objects.filter(participant=participant, client_id=client_id)
                if done.exists():
                    return done.get()
            reflection, created = Reflection.objects.select_for_update().get_or_create(
                participant=participant,
                lesson_key=lesson.translation_key,
                position=position,
                defaults={
                    "lesson": lesson,
                    "question": question,
                    "answer": answer,
                    "updated_at": when,
                    "client_id": client_id,
                },
            )
            if not created and reflection.updated_at <= when:
                reflection.lesson = lesson
                reflection.question = question
                reflection.answer = answer
                reflection.updated_at = when
                reflection.client_id = client_id
                reflection.save()
    except IntegrityError:
        # The same answer sent twice at once: the constraint let one in, the other finds it.
        if client_id is None:
            raise
        return Reflection.objects.get(participant=participant, client_id=client_id)
    _touch(participant)
    return reflection
