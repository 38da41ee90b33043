"""A reflection question is shown once on a lesson: a participant sees it as the label of its
answer form, in the question's place among the lesson's blocks; others see the plain question."""

import pytest
from wagtail.models import Page

from learning import services

pytestmark = pytest.mark.django_db

QUESTION = "Apa yang paling Anda rindukan dari kampung halaman?"


@pytest.fixture
def lesson(programme):
    lesson = programme["lessons"]["internalisation"][0]
    lesson.body = [
        {"type": "text", "value": "<p>Sebelum pertanyaan.</p>"},
        {"type": "reflection", "value": {"question": QUESTION, "hint": "Tulis satu kalimat."}},
        {"type": "text", "value": "<p>Sesudah pertanyaan.</p>"},
    ]
    lesson.save_revision().publish()
    return Page.objects.get(pk=lesson.pk).specific


def test_a_participant_sees_the_question_once_as_its_form(client, member, lesson):
    client.force_login(member)
    html = client.get(lesson.url).content.decode()
    assert html.count(QUESTION) == 1
    form_at = html.index('name="answer"')
    # in the question's place: after the text before it, before the text after it
    assert html.index("Sebelum pertanyaan.") < html.index(QUESTION) < form_at
    assert form_at < html.index("Sesudah pertanyaan.")
    assert html.count("Tulis satu kalimat.") == 1


def test_a_saved_answer_is_in_its_form(client, member, lesson):
    services.reflection_save(
        participant=member, lesson=lesson, position=0, question=QUESTION, answer="Keluarga."
    )
    client.force_login(member)
    html = client.get(lesson.url).content.decode()
    assert html.count(QUESTION) == 1
    assert ">Keluarga.</textarea>" in html


def test_a_facilitator_sees_the_plain_question_once(client, facilitator, lesson):
    client.force_login(facilitator)
    html = client.get(lesson.url).content.decode()
    assert html.count(QUESTION) == 1
    assert 'name="answer"' not in html
