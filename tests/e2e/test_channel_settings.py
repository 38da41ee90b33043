"""In headless Chromium at phone size (360×740) with an iPhone's user agent: the reminder
settings page tells the person to add the site to the home screen, shows the ways to reach them
in order, and saves a new order."""

import pytest
from django.urls import reverse

from notifications.models import NotificationSettings
from tests.support.browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)


def test_an_iphone_is_told_about_the_home_screen_and_orders_its_channels(
    live_server, browser, participant, artifacts_dir
):
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="id-ID",
        user_agent=IPHONE,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        base = live_server.url
        sign_in(page, base, participant)
        page.goto(f"{base}{reverse('notifications:settings')}")
        assert page.is_visible("#iphone-home-screen")
        assert "Safari" in page.inner_text("#iphone-home-screen")
        assert page.input_value("#id_channel_1") == "webpush"
        page.select_option("#id_channel_1", "whatsapp")
        page.select_option("#id_channel_2", "webpush")
        page.screenshot(path=str(artifacts_dir / "notifications-channels-phone.png"))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"the page is {width}px wide on a 360px screen"
        page.click("form.form button[type=submit]")
        page.wait_for_selector("text=Pengaturan pengingat Anda sudah disimpan.")
        saved = NotificationSettings.objects.get(user=participant)
        assert saved.channel_order == ["whatsapp", "webpush", "sms"]
        page.screenshot(
            path=str(artifacts_dir / "notifications-channels-phone-full.png"), full_page=True
        )
    finally:
        context.close()
