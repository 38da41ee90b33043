"""Benchmark: the facilitator's dashboard for a cohort of 200 participants and a curriculum of
50 lessons (about 5,000 completions, two workshop sessions, 100 submissions waiting).

Prints the server time (the request handled in-process by Django's test client, median of 7
after a warm-up) and the number of queries, with the targets.
"""

import datetime as dt
import random
import statistics
import time

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import LessonPage, ModulePage, User
from learning import services
from learning.models import (
    AssignmentRecipient,
    Attendance,
    Enrolment,
    LearnerState,
    LessonCompletion,
    Submission,
    WorkshopSession,
)
from tests.learning.conftest import build_programme

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

PARTICIPANTS = 200
LESSONS = 50
RUNS = 7
TARGET_MS = 150
TARGET_QUERIES = 20


def test_dashboard_200_participants_50_lessons(client, facilitator):
    pages = build_programme(lessons_per_module=5, modules_per_stage=3, reflection=False)
    extra = ModulePage(title="Extra", slug="extra")
    pages["internalisation"].add_child(instance=extra)
    for i in range(5):
        extra.add_child(instance=LessonPage(title=f"Extra {i}", slug=f"extra-{i}", summary="x"))
    lessons = list(LessonPage.objects.live().descendant_of(pages["programme"]))
    assert len(lessons) == LESSONS

    cohort = services.cohort_create(
        name="Besar",
        district="karawang",
        start_date=dt.date(2026, 1, 1),
        facilitators=[facilitator],
        join_code="BESAR1",
    )
    password = make_password(None)
    people = User.objects.bulk_create(
        [
            User(
                mobile=f"+62813{n:08d}",
                name=f"Peserta {n:03d}",
                sex="female" if n % 3 else "male",
                password=password,
            )
            for n in range(PARTICIPANTS)
        ]
    )
    Group.objects.get_or_create(name="participants")[0].user_set.add(*people)
    Enrolment.objects.bulk_create([Enrolment(cohort=cohort, participant=p) for p in people])
    rng = random.Random(7)
    LessonCompletion.objects.bulk_create(
        [
            LessonCompletion(participant=p, lesson=lesson, lesson_key=lesson.translation_key)
            for p in people
            for lesson in rng.sample(lessons, rng.randint(0, LESSONS))
        ]
    )
    now = timezone.now()
    LearnerState.objects.bulk_create(
        [
            LearnerState(participant=p, last_active_at=now - dt.timedelta(days=rng.randint(0, 20)))
            for p in people
        ]
    )
    for day in (1, 2):
        session = WorkshopSession.objects.create(
            cohort=cohort, title=f"Day {day}", starts_at=now, stage=pages["orientation"]
        )
        Attendance.objects.bulk_create(
            [Attendance(session=session, participant=p, present=rng.random() < 0.8) for p in people]
        )
    for a in range(5):
        assignment = services.assignment_create(
            created_by=facilitator,
            title=f"Tugas {a}",
            instructions="x",
            due_at=now + dt.timedelta(days=a - 2),
            cohort=cohort,
        )
        Submission.objects.bulk_create(
            [
                Submission(assignment=assignment, participant=p, text="jawaban")
                for p in people[a * 20 : a * 20 + 20]
            ]
        )
    assert AssignmentRecipient.objects.count() == 5 * PARTICIPANTS
    completions = LessonCompletion.objects.count()

    client.force_login(facilitator)
    url = f"/id/learning/cohorts/{cohort.pk}/"
    response = client.get(url)  # warm-up
    assert response.status_code == 200
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
    assert len(response.context["dashboard"].rows) == PARTICIPANTS
    median = statistics.median(times)
    print()
    print(f"Facilitator dashboard: {PARTICIPANTS} participants × {LESSONS} lessons,")
    print(
        f"  {completions} completions, 2 sessions, 100 submissions waiting,"
        f" {len(response.content)} bytes of HTML"
    )
    print(f"  {'figure':<28}{'value':>10}{'target':>12}")
    print(f"  {'server time, median (ms)':<28}{median:>10.1f}{'< ' + str(TARGET_MS):>12}")
    print(f"  {'server time, max (ms)':<28}{max(times):>10.1f}")
    print(f"  {'queries':<28}{len(queries):>10}{'≤ ' + str(TARGET_QUERIES):>12}")
    assert len(queries) <= TARGET_QUERIES
