"""A signed-in lesson page: few queries whatever the size of the curriculum, no write on a
repeat view, navigation and body from the cache yet never stale after a publish, and nobody's
progress shown to anyone else."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import LessonPage, ModulePage
from learning import services
from learning.models import LearnerState

pytestmark = pytest.mark.django_db

MAX_LESSON_QUERIES = 10


def _grow(stage, modules: int, lessons: int) -> None:
    for m in range(modules):
        module = ModulePage(title=f"Grown {m}", slug=f"grown-{m}")
        stage.add_child(instance=module)
        for n in range(lessons):
            module.add_child(instance=LessonPage(title=f"Grown {m}.{n}", slug=f"g{n}", summary="x"))


def _writes(context) -> list[str]:
    verbs = ("INSERT", "UPDATE", "DELETE")
    return [q["sql"] for q in context.captured_queries if q["sql"].lstrip().startswith(verbs)]


def test_lesson_page_queries_are_few_and_do_not_grow(
    client, programme, member, django_assert_max_num_queries
):
    """At most 10 queries for a signed-in participant's repeat view, the same number with a
    curriculum eight times larger, and not one of them a write."""
    lesson = programme["lessons"]["internalisation"][0]  # with a reflection question
    client.force_login(member)

    def count() -> int:
        assert client.get(lesson.url).status_code == 200  # warm the caches, record the visit
        with django_assert_max_num_queries(MAX_LESSON_QUERIES) as context:
            response = client.get(lesson.url)
        assert response.status_code == 200
        assert "Why?" in response.content.decode()
        assert _writes(context) == []
        return len(context)

    small = count()
    for stage in programme["stages"]:
        _grow(stage, modules=3, lessons=5)
    assert LessonPage.objects.count() >= 8 * len(programme["lessons"]["internalisation"])
    assert count() == small


def test_last_active_is_written_after_the_response_at_most_once(client, programme, member):
    lesson = programme["lessons"]["internalisation"][1]
    client.force_login(member)
    client.get(lesson.url)
    state = LearnerState.objects.get(participant=member)
    assert state.last_lesson_id == lesson.pk and state.last_active_at is not None
    first_seen = state.last_active_at
    for _ in range(3):
        with CaptureQueriesContext(connection) as context:
            client.get(lesson.url)
        assert _writes(context) == []
    assert LearnerState.objects.get(participant=member).last_active_at == first_seen


def test_two_people_each_see_their_own_progress(client, programme, cohort, make_participant):
    """The same lesson and module pages, one after the other, for two participants: the
    cached navigation carries no one's progress."""
    ani, budi = make_participant(), make_participant()
    for person in (ani, budi):
        services.enrolment_create(cohort=cohort, participant=person)
    first, second = programme["lessons"]["internalisation"][:2]
    services.lesson_mark_done(participant=ani, lesson=first)
    services.lesson_mark_done(participant=budi, lesson=second)
    module = first.get_parent()

    for _round in range(2):  # the second round is served from the warm cache
        for person, mine, theirs in ((ani, first, second), (budi, second, first)):
            client.force_login(person)
            assert 'class="done-mark"' in client.get(mine.url).content.decode()
            assert 'class="done-mark"' not in client.get(theirs.url).content.decode()
            html = client.get(module.url).content.decode()
            assert html.count("done-tick") == 1  # their one lesson, not the other's
            done_at = html.index("done-tick")
            assert html.index(mine.title) > done_at
            assert html.index(theirs.title) < done_at or theirs.path > mine.path


def test_a_publish_shows_at_once(client, programme, member):
    """Navigation (previous/next titles) and the lesson's body come from the cache, and a
    publish, an unpublish or a deletion shows on the very next view."""
    first, second = programme["lessons"]["internalisation"][:2]
    client.force_login(member)
    html = client.get(first.url).content.decode()
    assert second.title in html

    second.title = "A new title for the next lesson"
    second.save_revision().publish()
    assert "A new title for the next lesson" in client.get(first.url).content.decode()

    first = LessonPage.objects.get(pk=first.pk)
    first.body = [{"type": "text", "value": "<p>Freshly published words</p>"}]
    first.save_revision().publish()
    assert "Freshly published words" in client.get(first.url).content.decode()

    second.unpublish()
    html = client.get(first.url).content.decode()
    assert "A new title for the next lesson" not in html
    assert client.get(second.url).status_code == 404

    third = programme["lessons"]["mastery"][0]
    module = LessonPage.objects.get(pk=first.pk).get_parent()
    extra = LessonPage(title="Added after the cache was warm", slug="added", summary="x")
    module.add_child(instance=extra)
    assert "Added after the cache was warm" in client.get(first.url).content.decode()
    extra.delete()
    assert "Added after the cache was warm" not in client.get(first.url).content.decode()
    assert third.title not in client.get(first.url).content.decode()
