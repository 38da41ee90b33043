"""A newcomer on a 360×740 phone: sign up, reach home, open a lesson, switch language."""

import re

import pytest
from playwright.sync_api import expect

from cms.models import User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_sign_up_read_a_lesson_and_switch_language(live_server, demo_site, phone, artifacts_dir):
    page = phone
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/id/$"))
    page.get_by_role("link", name="Ikuti program").first.click()

    page.get_by_label("Nama Anda").fill("Nur Hasanah")
    page.get_by_label("Nomor HP").fill("0813 5555 1234")
    page.get_by_label(re.compile(r"^Kata sandi")).fill("keripik-pisang-99")
    page.get_by_label("Ulangi kata sandi").fill("keripik-pisang-99")
    page.get_by_label("Perempuan").check()
    page.get_by_label("Usia").select_option("35_44")
    page.get_by_label("Kabupaten").select_option("lombok_timur")
    page.get_by_label("Purna pekerja migran").check()
    page.get_by_role("button", name="Buat akun saya").click()

    expect(page.get_by_role("heading", name="Halo, Nur")).to_be_visible()
    assert User.objects.get(mobile="+6281355551234").district == "lombok_timur"

    page.get_by_role("link", name=re.compile("Motivasi")).first.click()
    page.get_by_role("link", name=re.compile("Mengapa saya ingin")).first.click()
    expect(page.locator("h1")).to_contain_text("Mengapa saya ingin membangun penghidupan")
    expect(page.locator(".key-points")).to_be_visible()
    lesson_path = page.url.split(live_server.url, 1)[1]

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith(lesson_path.replace("/id/", "/en/", 1))
    expect(page.get_by_text("Key points")).to_be_visible()
    assert User.objects.get(mobile="+6281355551234").preferred_language == "en"

    # nothing wider than the phone, even at 200% text size
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts_dir / "lesson-phone-en.png"), full_page=False)
    # through the CSSOM: the Content-Security-Policy refuses inline <style> elements
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts_dir / "lesson-phone-200pct.png"))


def test_signup_errors_are_shown_next_to_fields(live_server, demo_site, phone, artifacts_dir):
    page = phone
    page.goto(live_server.url + "/id/accounts/signup/")
    page.get_by_label("Nomor HP").fill("12345")
    page.get_by_role("button", name="Buat akun saya").click()
    error = page.locator(".field.has-error", has=page.get_by_label("Nomor HP"))
    expect(error).to_contain_text("Masukkan nomor HP Indonesia")
    page.screenshot(path=str(artifacts_dir / "signup-errors-phone.png"), full_page=True)
    assert User.objects.filter(mobile__endswith="12345").count() == 0
