"""cms's extension points for lessons: ``lesson_access`` decides before the lesson is served,
``lesson_served`` runs once per lesson view that passed. cms names no rule itself."""

import pytest
from wagtail import hooks

from cms.hooks import LESSON_ACCESS, LESSON_SERVED, Refusal
from tests.learning.conftest import build_programme

pytestmark = pytest.mark.django_db

BODY = "Teks pelajaran untuk diuji"


@pytest.fixture
def lesson(db):
    lesson = build_programme(reflection=False)["lessons"]["internalisation"][0]
    lesson.body = [{"type": "text", "value": f"<p>{BODY}</p>"}]
    lesson.save_revision().publish()
    return lesson


def test_a_refusal_is_served_instead_of_the_lesson(client, lesson, facilitator):
    served = []

    def refuse(request, page):
        return Refusal("Not for you today.", status=451)

    client.force_login(facilitator)
    with (
        hooks.register_temporarily(LESSON_ACCESS, refuse),
        hooks.register_temporarily(LESSON_SERVED, lambda r, p: served.append(p.pk)),
    ):
        response = client.get(lesson.url)
    assert response.status_code == 451
    html = response.content.decode()
    assert "Not for you today." in html and lesson.title in html
    assert BODY not in html
    assert served == []


def test_served_once_per_view_when_every_rule_passes(client, lesson, facilitator):
    served, asked = [], []

    def allow(request, page):
        asked.append(page.pk)

    client.force_login(facilitator)
    with (
        hooks.register_temporarily(LESSON_ACCESS, allow),
        hooks.register_temporarily(LESSON_SERVED, lambda r, p: served.append(p.pk)),
    ):
        response = client.get(lesson.url)
    assert response.status_code == 200
    assert BODY in response.content.decode()
    assert asked == served == [lesson.pk]


def test_visitors_are_not_asked_and_see_the_invitation(client, lesson):
    asked = []
    with hooks.register_temporarily(LESSON_ACCESS, lambda r, p: asked.append(p.pk)):
        response = client.get(lesson.url)
    assert response.status_code == 200
    assert asked == []
    assert BODY not in response.content.decode()
