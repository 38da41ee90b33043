"""The stage gate on lessons: decided before the lesson is served, the visit recorded there.

A participant whose stage is still locked gets the reason (what is missing) with a 403, in
their language, and never the lesson's content; staff and participants whose facilitator
opened the stage early read it. "Continue where you left off" is written once per lesson
view, by the view, never while a template renders.
"""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from cms.models import LessonPage, ModulePage
from learning import services
from learning.models import LearnerState

pytestmark = pytest.mark.django_db

SECRET = "Isi pelajaran yang masih terkunci"


@pytest.fixture
def locked_lesson(programme):
    """The first Orientation lesson, with text a locked participant must never receive."""
    lesson = programme["lessons"]["orientation"][0]
    lesson.body = [
        {"type": "text", "value": f"<p>{SECRET}</p>"},
        {"type": "reflection", "value": {"question": "Mengapa?", "hint": ""}},
    ]
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


def _writes_to_learner_state(context, statement: str) -> int:
    return sum(
        1
        for query in context.captured_queries
        if "learning_learnerstate" in query["sql"]
        and query["sql"].lstrip().upper().startswith(statement)
    )


class TestLockedLesson:
    def test_a_participant_gets_the_reason_and_never_the_content(
        self, client, locked_lesson, member, programme
    ):
        client.force_login(member)
        response = client.get(locked_lesson.url)
        assert response.status_code == 403
        html = response.content.decode()
        assert SECRET not in html
        assert "Mengapa?" not in html  # the reflection question is content too
        assert f"lessons/{locked_lesson.pk}/done" not in html
        # what is missing, with links, and the way back to the stage
        assert "tag-locked" in html
        for lesson in programme["lessons"]["internalisation"]:
            assert lesson.title in html
        assert programme["orientation"].url in html

    def test_the_reason_is_in_the_pages_language(self, client, locked_lesson, member):
        client.force_login(member)
        html = client.get(locked_lesson.url).content.decode()  # an /id/ address
        assert "Pelajaran ini ada di tahap yang masih terkunci." in html
        assert "This lesson is in a stage that is still locked." not in html

    def test_a_locked_lesson_is_not_remembered_as_the_last_one(self, client, locked_lesson, member):
        client.force_login(member)
        client.get(locked_lesson.url)
        assert not LearnerState.objects.filter(participant=member).exists()

    def test_opened_early_the_participant_reads_it(
        self, client, locked_lesson, member, facilitator, programme
    ):
        services.stage_open_early(
            stage=programme["orientation"],
            participant=member,
            opened_by=facilitator,
            reason="Sudah ikut lokakarya di desa lain",
        )
        client.force_login(member)
        response = client.get(locked_lesson.url)
        assert response.status_code == 200
        assert SECRET in response.content.decode()
        state = LearnerState.objects.get(participant=member)
        assert state.last_lesson_id == locked_lesson.pk

    @pytest.mark.parametrize("role", ["facilitator", "expert", "manager"])
    def test_staff_read_every_stage(self, client, locked_lesson, role, request):
        user = request.getfixturevalue(role)
        client.force_login(user)
        response = client.get(locked_lesson.url)
        assert response.status_code == 200
        assert SECRET in response.content.decode()
        assert not LearnerState.objects.exists()  # staff are not learners

    def test_queries_do_not_grow_with_the_lessons_in_the_way(
        self, client, locked_lesson, member, programme
    ):
        def count() -> int:
            client.get(locked_lesson.url)  # warm per-process caches
            with CaptureQueriesContext(connection) as context:
                response = client.get(locked_lesson.url)
            assert response.status_code == 403
            return len(context)

        client.force_login(member)
        before = count()
        for m in range(3):
            module = ModulePage(title=f"Extra {m}", slug=f"extra-{m}")
            programme["internalisation"].add_child(instance=module)
            for n in range(10):
                module.add_child(instance=LessonPage(title=f"x{m}.{n}", slug=f"x{n}", summary="x"))
        assert count() == before


class TestVisit:
    def test_one_write_per_lesson_then_none_on_a_repeat_view(self, client, programme, member):
        other, lesson = programme["lessons"]["internalisation"][:2]
        client.force_login(member)
        with CaptureQueriesContext(connection) as first:
            assert client.get(lesson.url).status_code == 200
        assert _writes_to_learner_state(first, "INSERT") == 1
        with CaptureQueriesContext(connection) as again:
            assert client.get(lesson.url).status_code == 200
        assert _writes_to_learner_state(again, "INSERT") == 0
        assert _writes_to_learner_state(again, "UPDATE") == 0
        assert LearnerState.objects.get(participant=member).last_lesson_id == lesson.pk
        with CaptureQueriesContext(connection) as moved_on:
            assert client.get(other.url).status_code == 200
        assert _writes_to_learner_state(moved_on, "UPDATE") == 1
        assert LearnerState.objects.get(participant=member).last_lesson_id == other.pk

    def test_a_head_request_records_nothing(self, client, programme, member):
        client.force_login(member)
        response = client.head(programme["lessons"]["internalisation"][1].url)
        assert response.status_code == 200
        assert not LearnerState.objects.filter(participant=member).exists()

    def test_rendering_the_lesson_template_writes_nothing(self, programme, member):
        """Templates and context hooks only show (an editor's preview renders them too)."""
        lesson = programme["lessons"]["internalisation"][0]
        request = RequestFactory().get(lesson.url)
        request.user = member
        html = render_to_string(
            lesson.get_template(request), lesson.get_context(request), request=request
        )
        assert "Why?" in html  # the lesson, with its reflection, was rendered
        assert not LearnerState.objects.filter(participant=member).exists()
