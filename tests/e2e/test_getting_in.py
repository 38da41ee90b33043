"""In headless Chromium at phone size (360×740), issue 15: invited by a facilitator → WhatsApp
message at the fake gateway → its link → own password → the questions left → in the cohort;
forgot the password → code by SMS at the fake gateway → new password → signed in. Each new
screen fits the phone and is kept as a screenshot for looking at."""

import datetime as dt

import pytest

from cms.models import User
from cms.roles import apply_role_permissions
from learning import notices, services
from learning.models import Enrolment
from notifications.models import NotificationSettings
from notifications.notices import SIGN_IN_CODE
from tests.learning.conftest import build_programme
from tests.support.browser import sign_in_by_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}


def _phone(browser):
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 362, page.url


def _shot(page, artifacts_dir, name):
    _fits(page)
    page.screenshot(path=str(artifacts_dir / f"getting-in-{name}.png"), full_page=True)


def test_invited_by_a_facilitator_then_in_the_cohort(
    live_server, browser, artifacts_dir, facilitator, received, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url  # links in messages open this site
    apply_role_permissions()
    build_programme(lessons_per_module=1)
    base = live_server.url
    cohort = services.cohort_create(
        name="Kelompok Selong",
        district="lombok_timur",
        start_date=dt.date(2026, 1, 10),
        facilitators=[facilitator],
        join_code="SELONG",
    )
    staff_context, staff = _phone(browser)
    person_context, phone = _phone(browser)
    try:
        # The facilitator enrols a new number on their phone.
        sign_in_by_cookie(staff_context, base, facilitator)
        staff.goto(f"{base}/id/learning/cohorts/{cohort.pk}/enrol/")
        staff.fill("input[name=mobile]", "0812 4444 0777")
        staff.fill("input[name=name]", "Wulan Diundang")
        staff.select_option("select[name=sex]", "female")
        with staff.expect_navigation():
            staff.click("form.form button[type=submit]")
        staff.goto(f"{base}/id/learning/cohorts/{cohort.pk}/")
        assert staff.is_visible("text=Wulan Diundang")
        assert staff.locator("form[action$='/resend/'] button").count() == 1
        _shot(staff, artifacts_dir, "cohort-invited")
        staff.goto(f"{base}/id/learning/cohorts/{cohort.pk}/message/")
        _shot(staff, artifacts_dir, "cohort-message")

        # The WhatsApp message reaches their number; they open its link on their own phone.
        person = User.objects.get(mobile="+6281244440777")
        message = received.last_message_to(person, notices.INVITATION_LINK)
        assert message is not None and message.channel == "whatsapp" and message.code()
        assert message.link.startswith(f"{base}/id/learning/invited/")
        phone.goto(message.link)
        assert phone.url.endswith("/learning/invited/accept/")  # the token left the address
        assert phone.is_visible("text=Kelompok Selong")
        _shot(phone, artifacts_dir, "invited-accept")
        phone.fill("input[name=new_password1]", "Pantai-Pink-2026")
        phone.fill("input[name=new_password2]", "Pantai-Pink-2026")
        with phone.expect_navigation():
            phone.click("button[value=accept]")
        phone.wait_for_load_state()
        assert Enrolment.objects.filter(cohort=cohort, participant=person).exists()
        # Enrolled with only their sex: asked their age and district once, like at sign-in.
        assert "/accounts/profile/" in phone.url
        _shot(phone, artifacts_dir, "invited-profile")
        with phone.expect_navigation():
            phone.click("button[name=skip]")
        phone.wait_for_load_state()
        assert phone.is_visible("text=Kelompok Selong")  # "you joined" on the home page
        _shot(phone, artifacts_dir, "invited-joined")

        # The link is spent; the code page (from the sign-in page) is there for the next one.
        phone.context.clear_cookies()
        response = phone.goto(message.link)
        assert response.status == 410
        phone.goto(f"{base}/id/accounts/login/")
        with phone.expect_navigation():
            phone.click("a[href='/id/learning/invited/']")
        _shot(phone, artifacts_dir, "invited-code")
    finally:
        staff_context.close()
        person_context.close()


def test_forgot_password_then_code_then_signed_in(
    live_server, browser, artifacts_dir, make_user, received, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    build_programme(lessons_per_module=1)
    base = live_server.url
    person = make_user("participants", "081355550777", name="Rina Lupa")
    NotificationSettings.objects.create(user=person, channel_order=["sms", "whatsapp", "webpush"])
    context, phone = _phone(browser)
    try:
        phone.goto(f"{base}/id/accounts/login/")
        with phone.expect_navigation():
            phone.click("a[href='/id/accounts/password/forgot/']")
        _shot(phone, artifacts_dir, "forgot")
        phone.fill("input[name=mobile]", "0813 5555 0777")
        with phone.expect_navigation():
            phone.click("form.form button[type=submit]")
        assert phone.url.endswith("/accounts/password/forgot/code/")
        _shot(phone, artifacts_dir, "forgot-code")

        # The code arrives by SMS (the person put SMS first).
        sms = received.last_message_to(person, SIGN_IN_CODE)
        assert sms.channel == "sms" and sms.to == "+6281355550777"
        assert sms.link == f"{base}/id/accounts/password/forgot/code/"
        code = sms.code()
        phone.fill("input[name=code]", code)
        phone.fill("input[name=new_password1]", "Gunung-Rinjani-2026")
        phone.fill("input[name=new_password2]", "Gunung-Rinjani-2026")
        with phone.expect_navigation():
            phone.click("form.form button[type=submit]")
        phone.wait_for_load_state()
        person.refresh_from_db()
        assert person.check_password("Gunung-Rinjani-2026")
        assert person.last_login is not None
        assert "/accounts/" not in phone.url  # signed in, at home
        _shot(phone, artifacts_dir, "forgot-signed-in")
    finally:
        context.close()
