"""In headless Chromium at phone size (360×740): a participant who opens a lesson of a stage
that is still locked gets the reason and what is missing, never the lesson."""

import pytest

from tests.learning.conftest import build_programme
from tests.support.browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_locked_lesson_says_why_on_a_phone(live_server, phone, member, artifacts_dir):
    pages = build_programme()
    lesson = pages["lessons"]["orientation"][0]
    lesson.body = [{"type": "text", "value": "<p>Isi rahasia pelajaran</p>"}]
    lesson.save_revision().publish()
    base = live_server.url
    sign_in(phone, base, member)
    response = phone.goto(f"{base}{lesson.url}")
    assert response.status == 403
    text = phone.inner_text("main")
    assert "Pelajaran ini ada di tahap yang masih terkunci." in text
    assert "Isi rahasia pelajaran" not in phone.content()
    for missing in pages["lessons"]["internalisation"]:
        assert missing.title in text
    assert phone.evaluate("document.documentElement.scrollWidth") <= 362
    phone.screenshot(path=str(artifacts_dir / "lesson-locked.png"), full_page=True)
    phone.click("text=Kembali ke")
    assert phone.url.rstrip("/").endswith(pages["orientation"].url.rstrip("/"))
