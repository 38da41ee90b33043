"""The demo texts are data files an editor can fix: each one used, complete, and shown."""

import pytest

from cms import demo
from cms.models import LessonPage


def test_every_lesson_file_is_in_the_outline_and_every_name_has_a_file():
    named = [
        name
        for stage in demo._read(demo.CONTENT / "programme.yaml")["stages"]
        for module in stage["modules"]
        for name in module["lessons"]
    ]
    files = sorted(path.stem for path in (demo.CONTENT / "lessons").glob("*.yaml"))
    assert sorted(named) == files
    assert len(set(named)) == len(named)


def test_a_text_in_one_language_is_refused_with_its_place():
    with pytest.raises(demo.DemoContentError, match=r"lesson\.body\[2\]\.title: give id and en"):
        demo._check_languages({"body": [{}, {}, {"title": {"id": "Poin penting"}}]}, "lesson")


@pytest.mark.django_db
def test_the_lesson_pages_say_what_the_files_say(demo_site):
    outline = demo.demo_content()["programme"]
    first = outline["stages"][0]["modules"][0]["lessons"][0]
    for language in ("id", "en"):
        page = LessonPage.objects.get(
            locale__language_code=language, translation_key=_key(first["slug"])
        )
        assert page.title == first["title"][language]
        text = next(block for block in first["body"] if "text" in block)["text"][language]
        assert page.body[0].block_type == "text"
        assert page.body[0].value.source == text


def _key(slug):
    return LessonPage.objects.get(slug=slug, locale__language_code="id").translation_key
