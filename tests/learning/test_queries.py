"""Query counts that do not grow with the number of lessons, participants or assignments."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import LessonPage, ModulePage
from learning import services
from learning.models import LessonCompletion, WorkshopSession

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


class World:
    """A programme, a cohort and its people, grown to a given size."""

    def __init__(self, programme, cohort, member, facilitator):
        self.programme, self.cohort = programme, cohort
        self.member, self.facilitator = member, facilitator
        self.participants = [member]
        self.lessons = list(programme["lessons"]["internalisation"])
        self.assignments = 0
        self.session = WorkshopSession.objects.create(
            cohort=cohort, title="Day 1", starts_at=timezone.now(), stage=programme["orientation"]
        )
        self.modules = 0

    def grow(self, n, make_participant, make_assignment):
        stage = self.programme["internalisation"]
        while len(self.lessons) < n:
            self.modules += 1
            module = ModulePage(title=f"Extra {self.modules}", slug=f"extra-{self.modules}")
            stage.add_child(instance=module)
            for i in range(5):
                lesson = LessonPage(title=f"Extra {self.modules}.{i}", slug=f"x{i}", summary="x")
                module.add_child(instance=lesson)
                self.lessons.append(lesson)
        while len(self.participants) < n:
            person = make_participant()
            services.enrolment_create(cohort=self.cohort, participant=person)
            self.participants.append(person)
        LessonCompletion.objects.bulk_create(
            [
                LessonCompletion(participant=p, lesson=lesson, lesson_key=lesson.translation_key)
                for i, p in enumerate(self.participants)
                for lesson in self.lessons[: i % len(self.lessons)]
            ],
            ignore_conflicts=True,
        )
        for person in self.participants:
            services.attendance_mark(
                session=self.session, participant=person, present=True, marked_by=self.facilitator
            )
        while self.assignments < n:
            self.assignments += 1
            due = dt.timedelta(days=self.assignments % 7 - 3)
            assignment = make_assignment(self.cohort, due_in=due, title=f"Task {self.assignments}")
            sender = self.participants[self.assignments % len(self.participants)]
            submission, _ = services.submission_create(
                assignment=assignment, participant=sender, text="answer"
            )
            if self.assignments % 3 == 0:
                services.submission_review(
                    submission=submission,
                    reviewer=self.facilitator,
                    decision="revise",
                    feedback="more",
                )
            if self.assignments % 2 == 0 and sender != self.member:
                services.submission_create(
                    assignment=assignment, participant=self.member, text="mine"
                )
        services.lesson_visit(participant=self.member, lesson=self.lessons[-1])


@pytest.fixture
def world(programme, cohort, member, facilitator):
    return World(programme, cohort, member, facilitator)


def test_queries_do_not_grow_with_size(client, world, make_participant, make_assignment):
    """Home, stage, module, tasks (participant); dashboard and review queue (facilitator),
    measured with 5 and with 50 lessons, participants and assignments."""
    counts = {}
    for size in (5, 50):
        world.grow(size, make_participant, make_assignment)
        stage = world.programme["internalisation"]
        module = ModulePage.objects.child_of(stage).order_by("-path").first()
        client.force_login(world.member)
        counts[size] = {
            "home": queries(client, "/id/"),
            "stage": queries(client, stage.url),
            "module": queries(client, module.url),
            "lesson": queries(client, world.lessons[-1].url),
            "tasks": queries(client, "/id/learning/assignments/"),
        }
        client.force_login(world.facilitator)
        counts[size]["dashboard"] = queries(client, f"/id/learning/cohorts/{world.cohort.pk}/")
        counts[size]["reviews"] = queries(client, "/id/learning/reviews/")
        counts[size]["register"] = queries(client, f"/id/learning/sessions/{world.session.pk}/")
    print(counts)
    assert counts[5] == counts[50], counts
    response = client.get(f"/id/learning/cohorts/{world.cohort.pk}/")
    assert len(response.context["dashboard"].rows) == 50
