"""Races decided by PostgreSQL: real threads, each with its own database connection."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from cms.models import User
from learning import services
from learning.models import (
    Attendance,
    AttendanceChange,
    LessonCompletion,
    Review,
    Submission,
    WorkshopSession,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 8


def race(fn, n=THREADS):
    """Run ``fn(i)`` in ``n`` threads released together; returns (results, errors)."""
    barrier = threading.Barrier(n)
    results, errors = [None] * n, [None] * n

    def run(i):
        try:
            barrier.wait(timeout=10)
            with translation.override("en"):
                results[i] = fn(i)
        except Exception as error:
            errors[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


def test_concurrent_mark_as_done_creates_one_completion(programme, member):
    lesson = programme["lessons"]["internalisation"][0]

    def mark(i):
        participant = User.objects.get(pk=member.pk)
        return services.lesson_mark_done(participant=participant, lesson=lesson)[1]

    results, errors = race(mark)
    assert errors == [None] * THREADS
    assert LessonCompletion.objects.filter(participant=member).count() == 1
    assert results.count(True) == 1


def test_completion_uniqueness_is_a_database_constraint(programme, member):
    lesson = programme["lessons"]["internalisation"][0]
    LessonCompletion.objects.create(
        participant=member, lesson=lesson, lesson_key=lesson.translation_key
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        LessonCompletion.objects.create(
            participant=member, lesson=lesson, lesson_key=lesson.translation_key
        )


def test_concurrent_attendance_marks_end_in_one_record(
    cohort, member, facilitator, make_facilitator
):
    co = make_facilitator()
    cohort.facilitators.add(co)
    from django.utils import timezone

    session = WorkshopSession.objects.create(cohort=cohort, title="Day 1", starts_at=timezone.now())

    def mark(i):
        return services.attendance_mark(
            session=WorkshopSession.objects.get(pk=session.pk),
            participant=User.objects.get(pk=member.pk),
            present=i % 2 == 0,
            marked_by=User.objects.get(pk=(facilitator if i % 2 else co).pk),
        )

    _results, errors = race(mark)
    assert errors == [None] * THREADS
    attendance = Attendance.objects.get(session=session, participant=member)
    changes = list(AttendanceChange.objects.filter(attendance=attendance))
    # The history is consistent with the final mark: its last entry is the mark that stands.
    assert changes and changes[-1].present == attendance.present
    assert 1 <= len(changes) <= THREADS


def test_concurrent_submissions_get_one_version(cohort, member, make_assignment):
    assignment = make_assignment(cohort)

    def send(i):
        return services.submission_create(
            assignment=assignment, participant=User.objects.get(pk=member.pk), text=f"try {i}"
        )

    _results, errors = race(send)
    assert Submission.objects.filter(assignment=assignment).count() == 1
    assert sum(error is None for error in errors) == 1
    assert all("waiting for review" in str(e) for e in errors if e is not None)


def test_concurrent_reviews_one_decision(cohort, member, facilitator, make_assignment):
    assignment = make_assignment(cohort)
    submission, _ = services.submission_create(assignment=assignment, participant=member, text="x")

    def review(i):
        return services.submission_review(
            submission=Submission.objects.get(pk=submission.pk),
            reviewer=User.objects.get(pk=facilitator.pk),
            decision="accept" if i % 2 else "revise",
            feedback=f"review {i}",
        )

    _results, errors = race(review)
    assert Review.objects.count() == 1
    assert sum(error is None for error in errors) == 1
    review = Review.objects.get()
    submission.refresh_from_db()
    assert submission.status == ("accepted" if review.decision == "accept" else "revision")
