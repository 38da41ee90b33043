"""What learning counts for the donor reports (the ``register_report_indicators`` hook).

Each function returns an unevaluated queryset of participant ids (see ``cms/indicators.py``),
so the report nests them all in one SQL query.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Exists, F, Max, OuterRef, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms.indicators import Indicator, Period
from cms.models import LessonPage, StageKind, StagePage, User

from .models import (
    Attendance,
    Enrolment,
    LearnerState,
    LessonCompletion,
    Review,
    Submission,
    WorkshopSession,
)

ACTIVE_WINDOW = timedelta(days=30)
WORKSHOP_DAYS = 2  # The Orientation workshop is two days.


def _none() -> QuerySet:
    return Enrolment.objects.none().values("participant")


def _stage(kind: str) -> StagePage | None:
    stages = StagePage.objects.live().filter(kind=kind).order_by("path")
    return stages.filter(locale=Locale.get_default()).first() or stages.first()


def _sessions_missed(stage_key, person: str = "participant") -> QuerySet:
    """Sessions of the stage in one of the outer person's cohorts they were not marked present
    at (``OuterRef(person)`` is the person's id)."""
    return WorkshopSession.objects.filter(
        stage_key=stage_key, cohort__enrolments__participant=OuterRef(person)
    ).exclude(
        Exists(
            Attendance.objects.filter(
                session=OuterRef("pk"), participant=OuterRef(OuterRef(person)), present=True
            )
        )
    )


def _without_missed_sessions(candidates: QuerySet, stage_key) -> QuerySet:
    """The people among ``candidates`` (a queryset of ids) who missed no session of the stage
    in their cohorts. Who missed one is worked out once for everybody (an anti-join), not
    person by person."""
    missed = (
        Enrolment.objects.filter(cohort__sessions__stage_key=stage_key)
        .annotate(session=F("cohort__sessions"))
        .filter(
            ~Exists(
                Attendance.objects.filter(
                    session=OuterRef("session"), participant=OuterRef("participant"), present=True
                )
            )
        )
        .values("participant")
    )
    return User.objects.filter(pk__in=candidates).exclude(pk__in=missed).values("pk")


def enrolled(period: Period, people: QuerySet) -> QuerySet:
    return Enrolment.objects.filter(period.q("created_at")).values("participant")


def completed_stage(kind: str):
    """People who did every required lesson of the stage and were present at every session of
    it in their cohort; counted when they completed the stage's last required lesson."""

    def people_who_completed(period: Period, people: QuerySet) -> QuerySet:
        stage = _stage(kind)
        if stage is None:
            return _none()
        keys = list(
            LessonPage.objects.live()
            .descendant_of(stage)
            .filter(required=True)
            .values_list("translation_key", flat=True)
        )
        if not keys:
            return _none()
        done = (
            LessonCompletion.objects.filter(lesson_key__in=keys)
            .values("participant")
            .annotate(done=Count("lesson_key", distinct=True), last=Max("completed_at"))
            .filter(done=len(keys))
            .filter(period.q("last"))
            .values("participant")
        )
        # Sessions are checked per person, after the lessons (not per completed lesson).
        return _without_missed_sessions(done, stage.translation_key)

    return people_who_completed


def _workshop_key():
    stage = _stage(StageKind.ORIENTATION)
    return stage.translation_key if stage else None


def attended_workshop_day(day: int):
    """Present at the ``day``-th session (by date) of their cohort's Orientation workshop."""

    def people_who_attended(period: Period, people: QuerySet) -> QuerySet:
        key = _workshop_key()
        if key is None:
            return _none()
        numbered = WorkshopSession.objects.filter(stage_key=key).annotate(
            day=Window(RowNumber(), partition_by=[F("cohort")], order_by=[F("starts_at"), F("pk")])
        )
        day_sessions = numbered.filter(day=day).values("pk")
        return (
            Attendance.objects.filter(present=True, session__in=day_sessions)
            .filter(period.q("session__starts_at"))
            .values("participant")
        )

    return people_who_attended


def attended_workshop_all(period: Period, people: QuerySet) -> QuerySet:
    key = _workshop_key()
    if key is None:
        return _none()
    present = (
        Attendance.objects.filter(present=True, session__stage_key=key)
        .values("participant")
        .annotate(last=Max("session__starts_at"))
        .filter(period.q("last"))
        .values("participant")
    )
    return _without_missed_sessions(present, key)


def submitted(period: Period, people: QuerySet) -> QuerySet:
    return Submission.objects.filter(period.q("submitted_at")).values("participant")


def accepted(period: Period, people: QuerySet) -> QuerySet:
    return (
        Review.objects.filter(decision=Review.Decision.ACCEPT)
        .filter(period.q("created_at"))
        .values("submission__participant")
    )


def active_recently(period: Period, people: QuerySet) -> QuerySet:
    until = period.reference_time
    return LearnerState.objects.filter(
        last_active_at__gte=until - ACTIVE_WINDOW, last_active_at__lt=until
    ).values("participant")


def indicators() -> list[Indicator]:
    stage_names = [
        (StageKind.INTERNALISATION, _("Completed Internalisation")),
        (StageKind.ORIENTATION, _("Completed Orientation")),
        (StageKind.MASTERY, _("Completed Mastery")),
    ]
    items = [
        Indicator(
            key="learning.enrolled",
            label=_("Enrolled"),
            definition=_("People enrolled in a cohort, counted by the date they were enrolled."),
            people=enrolled,
            order=10,
        )
    ]
    for position, (kind, label) in enumerate(stage_names):
        items.append(
            Indicator(
                key=f"learning.completed_{kind}",
                label=label,
                definition=_(
                    "People who completed every required lesson of the stage and were present "
                    "at every session of it in their cohort, counted by the date of the last "
                    "required lesson they completed."
                ),
                people=completed_stage(kind),
                order=20 + position,
            )
        )
    for day in range(1, WORKSHOP_DAYS + 1):
        items.append(
            Indicator(
                key=f"learning.workshop_day_{day}",
                label=_("Attended workshop day %(day)s") % {"day": day},
                definition=_(
                    "People marked present at session %(day)s (by date) of their cohort's "
                    "Orientation workshop, counted by the date of that session."
                )
                % {"day": day},
                people=attended_workshop_day(day),
                order=30 + day,
            )
        )
    items += [
        Indicator(
            key="learning.workshop_all_days",
            label=_("Attended all workshop days"),
            definition=_(
                "People marked present at every session of their cohort's Orientation "
                "workshop, counted by the date of the last one."
            ),
            people=attended_workshop_all,
            order=39,
        ),
        Indicator(
            key="learning.submitted",
            label=_("Submitted an assignment"),
            definition=_("People who sent at least one assignment, counted by the date sent."),
            people=submitted,
            order=40,
        ),
        Indicator(
            key="learning.accepted",
            label=_("Had an assignment accepted"),
            definition=_(
                "People with at least one submission a facilitator accepted, counted by the "
                "date of the review."
            ),
            people=accepted,
            order=41,
        ),
        Indicator(
            key="learning.active_30_days",
            label=_("Active in the last 30 days"),
            definition=_(
                "People whose latest activity (opening or finishing a lesson) falls in the 30 "
                "days before the end of the period, or before today when it has no end. Only "
                "the latest activity is kept, so for a period long past this counts fewer."
            ),
            people=active_recently,
            order=50,
        ),
    ]
    return items
