"""In headless Chromium at phone size (360×740): a participant signs up with a join code,
completes the Internalisation lessons and finds Orientation locked until the facilitator marks
their attendance; then submits an assignment with a photo, is asked for a revision, resubmits,
and the facilitator accepts.

The cohort's kick-off meeting belongs to the Internalisation stage here, so Internalisation is
complete only with attendance: that is what keeps Orientation locked after the lessons.
"""

import datetime as dt

import pytest
from django.utils import timezone
from PIL import Image

from cms.models import User
from cms.roles import apply_role_permissions
from learning import services
from learning.models import Review, Submission
from tests.learning.conftest import build_programme
from tests.support.browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def shot(page, artifacts_dir, name):
    page.screenshot(path=str(artifacts_dir / f"learning-{name}.png"), full_page=True)


WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 362)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
  .slice(0, 5)"""


def fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 362, (page.url, page.evaluate(WIDEST))


def test_join_learn_attend_submit_revise_accept(
    live_server, browser, artifacts_dir, facilitator, tmp_path
):
    base = live_server.url
    # Sign-up puts people in the role groups; a flush by an earlier transactional test may
    # have removed them, so make sure they are there (idempotent).
    apply_role_permissions()
    pages = build_programme(lessons_per_module=2)
    cohort = services.cohort_create(
        name="Kelompok Selong",
        district="lombok_timur",
        start_date=dt.date(2026, 1, 10),
        facilitators=[facilitator],
        join_code="SELONG",
    )
    kickoff = services.session_create(
        cohort=cohort,
        created_by=facilitator,
        title="Pertemuan perkenalan",
        stage=pages["internalisation"],
        starts_at=timezone.now() - dt.timedelta(hours=1),
        place="Balai Desa Selong",
    )
    services.assignment_create(
        created_by=facilitator,
        title="Foto tempat usaha",
        instructions="Ambil foto tempat usaha Anda.",
        due_at=timezone.now() + dt.timedelta(days=3),
        cohort=cohort,
    )
    photo = tmp_path / "warung.jpg"
    Image.new("RGB", (3000, 2000), "#c8763a").save(photo, "JPEG")

    def phone_page():
        context = browser.new_context(
            viewport={"width": 360, "height": 740},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="id-ID",
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        return context, page

    p_context, ani = phone_page()
    f_context, fac = phone_page()
    try:
        # 1. Sign up with the join code.
        ani.goto(f"{base}/id/accounts/signup/")
        ani.fill("#id_name", "Ani Rahayu")
        ani.fill("#id_mobile", "0812 4444 0001")
        ani.fill("#id_password1", "Sungai-Biru-2026")
        ani.fill("#id_password2", "Sungai-Biru-2026")
        ani.check("input[name=sex][value=female]")
        ani.select_option("#id_age_band", "25_34")
        ani.select_option("#id_district", "lombok_timur")
        ani.check("input[name=migrant_status][value=returnee]")
        ani.fill("#id_join_code", "selong")
        shot(ani, artifacts_dir, "1-signup")
        with ani.expect_navigation():
            ani.click("form.form button[type=submit]")
        assert "Kelompok Selong" in ani.content()
        fits_the_phone(ani)
        shot(ani, artifacts_dir, "2-home")
        participant = User.objects.get(mobile="+6281244440001")

        # 2. Complete the Internalisation lessons with "Mark as done".
        for lesson in pages["lessons"]["internalisation"]:
            ani.goto(f"{base}{lesson.url}")
            with ani.expect_navigation():
                ani.get_by_role("button", name="Tandai selesai").click()
        ani.goto(f"{base}{pages['lessons']['internalisation'][0].url}")
        assert "Anda sudah menyelesaikan pelajaran ini" in ani.content()
        shot(ani, artifacts_dir, "3-lesson-done")

        # 3. Orientation is still locked: attendance at the kick-off is missing.
        ani.goto(f"{base}{pages['orientation'].url}")
        body = ani.content()
        assert "tag-locked" in body and "Pertemuan perkenalan" in body
        fits_the_phone(ani)
        shot(ani, artifacts_dir, "4-orientation-locked")

        # 4. The facilitator marks attendance on the phone register (saved by fetch).
        sign_in(fac, base, facilitator)
        fac.goto(f"{base}/id/learning/sessions/{kickoff.pk}/")
        row = fac.locator(f"#p{participant.pk}")
        row.get_by_role("button", name="Hadir", exact=True).click()
        # a function, not an expression string: the page's CSP forbids eval
        fac.wait_for_function(
            f"() => document.querySelector('#p{participant.pk}').dataset.saved === '1'"
        )
        assert (
            row.get_by_role("button", name="Hadir", exact=True).get_attribute("aria-pressed")
            == "true"
        )
        assert fac.url.endswith(f"/sessions/{kickoff.pk}/"), "saved without reloading"
        fits_the_phone(fac)
        shot(fac, artifacts_dir, "5-register")

        # 5. Orientation is open now.
        ani.goto(f"{base}{pages['orientation'].url}")
        assert "tag-locked" not in ani.content()
        shot(ani, artifacts_dir, "6-orientation-open")

        # 6. Submit the assignment with a photo.
        ani.goto(f"{base}/id/learning/assignments/")
        with ani.expect_navigation():
            ani.get_by_text("Foto tempat usaha").click()
        ani.fill("#id_text", "Ini warung saya.")
        ani.set_input_files("#id_photos", str(photo))
        with ani.expect_navigation():
            ani.get_by_role("button", name="Kirim").click()
        assert "Menunggu tinjauan" in ani.content()
        assert ani.locator("img.thumb").count() == 1
        fits_the_phone(ani)
        shot(ani, artifacts_dir, "7-submitted")

        # 7. The facilitator asks for a revision.
        fac.goto(f"{base}/id/learning/reviews/")
        with fac.expect_navigation():
            fac.get_by_text("Foto tempat usaha").click()
        fac.check("input[name=decision][value=revise]")
        fac.fill("#id_feedback", "Tolong tambahkan foto dari depan.")
        shot(fac, artifacts_dir, "8-review")
        with fac.expect_navigation():
            fac.get_by_role("button", name="Kirim tinjauan").click()

        # 8. The participant resubmits.
        ani.goto(f"{base}/id/learning/assignments/")
        assert "Perlu revisi" in ani.content()
        with ani.expect_navigation():
            ani.get_by_text("Foto tempat usaha").click()
        assert "Tolong tambahkan foto dari depan." in ani.content()
        ani.fill("#id_text", "Ini warung saya, dari depan.")
        ani.set_input_files("#id_photos", str(photo))
        with ani.expect_navigation():
            ani.get_by_role("button", name="Kirim").click()

        # 9. The facilitator accepts.
        fac.goto(f"{base}/id/learning/reviews/")
        with fac.expect_navigation():
            fac.get_by_text("Foto tempat usaha").click()
        fac.check("input[name=decision][value=accept]")
        fac.fill("#id_feedback", "Bagus sekali!")
        with fac.expect_navigation():
            fac.get_by_role("button", name="Kirim tinjauan").click()

        ani.goto(f"{base}/id/learning/assignments/")
        with ani.expect_navigation():
            ani.get_by_text("Foto tempat usaha").click()
        body = ani.content()
        assert "Diterima. Kerja bagus!" in body
        assert "Tolong tambahkan foto dari depan." in body and "Bagus sekali!" in body
        fits_the_phone(ani)
        shot(ani, artifacts_dir, "9-accepted-history")
    finally:
        p_context.close()
        f_context.close()

    versions = list(Submission.objects.filter(participant=participant).order_by("version"))
    assert [(s.version, s.status) for s in versions] == [(1, "revision"), (2, "accepted")]
    assert all(s.files.count() == 1 for s in versions)
    assert Review.objects.count() == 2
