"""The learning screens with the demo data, at phone size (360×740): each fits the screen
without sideways scrolling, and a screenshot is kept for looking at."""

import pytest

from cms.models import User
from learning.demo import load_demo
from learning.models import Cohort, Submission
from tests.support.browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def look(page, base, path, artifacts_dir, name):
    response = page.goto(f"{base}{path}")
    assert response.status == 200, path
    assert page.evaluate("document.documentElement.scrollWidth") <= 362, path
    page.screenshot(path=str(artifacts_dir / f"learning-screen-{name}.png"), full_page=True)


def test_demo_screens_fit_a_phone(live_server, demo_site, browser, artifacts_dir):
    load_demo()
    base = live_server.url
    cohort = Cohort.objects.get(join_code="LOMBOK")
    waiting = Submission.objects.filter(assignment__cohort=cohort, status="submitted").first()
    session = cohort.sessions.order_by("starts_at").first()
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    try:
        sign_in(page, base, "081200000001", "peserta-berdaya")
        look(page, base, "/id/", artifacts_dir, "participant-home")
        look(page, base, "/id/learning/assignments/", artifacts_dir, "participant-tasks")
        page.context.clear_cookies()
        sign_in(page, base, "081200000002", "fasilitator-berdaya")
        look(page, base, f"/id/learning/cohorts/{cohort.pk}/", artifacts_dir, "dashboard")
        look(page, base, "/id/learning/reviews/", artifacts_dir, "review-queue")
        look(page, base, f"/id/learning/reviews/{waiting.pk}/", artifacts_dir, "review")
        look(page, base, f"/id/learning/sessions/{session.pk}/", artifacts_dir, "register")
        participant = User.objects.get(mobile="+6281200000001")
        look(
            page,
            base,
            f"/id/learning/cohorts/{cohort.pk}/participants/{participant.pk}/",
            artifacts_dir,
            "participant-detail",
        )
    finally:
        context.close()
