"""In headless Chromium at phone size: the reminder settings page registers the root service
worker without asking for permission; a push delivered through the DevTools protocol shows a
notification, and tapping it opens the page it is about."""

import json
import time

import pytest
from django.urls import reverse

from notifications import services
from notifications.channels import webpush
from notifications.forms import kind_groups
from tests.support.browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def wait_for(page, script, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = page.evaluate(script)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {script}")


def test_settings_page_registers_the_worker_without_asking(live_server, phone, participant):
    base = live_server.url
    sign_in(phone, base, participant)
    phone.goto(f"{base}{reverse('notifications:settings')}")
    scope = phone.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == f"{base}/"
    # Nothing was asked: permission is asked only when the person taps "turn on reminders".
    assert phone.evaluate("Notification.permission") == "default"
    assert phone.is_visible("#push-on")
    assert phone.inner_text("#push-status") == "Pengingat tidak aktif untuk ponsel ini."
    # The choices are the participant's own kinds, in Indonesian, one per label.
    offered = phone.locator("input[name=pushed]").count()
    # 8 reminder kinds, the cohort invitation (consent to join), the certificate and messages
    # from the facilitator (sign-in codes and invitation links are secret: never switched off).
    assert offered == len(kind_groups(participant)) == 11
    assert phone.is_visible("text=Pengingat klinik") and phone.is_visible("text=Tugas baru")
    assert phone.is_visible("text=Undangan bergabung dengan kelompok")
    assert phone.is_visible("text=Sertifikat")


def test_a_push_shows_a_notification_whose_tap_opens_the_page(
    live_server, browser, participant, artifacts_dir
):
    base = live_server.url
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="id-ID"
    )
    context.grant_permissions(["notifications"], origin=base)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, base, participant)
        settings_url = f"{base}{reverse('notifications:settings')}"
        page.goto(settings_url)
        page.evaluate("navigator.serviceWorker.ready")
        # The page is controlled once the worker has claimed it.
        wait_for(page, "navigator.serviceWorker.controller !== null")
        page.screenshot(path=str(artifacts_dir / "notifications-settings.png"), full_page=True)

        cdp = context.new_cdp_session(page)
        registrations, versions = [], []
        cdp.on(
            "ServiceWorker.workerRegistrationUpdated",
            lambda event: registrations.extend(event["registrations"]),
        )
        cdp.on(
            "ServiceWorker.workerVersionUpdated", lambda event: versions.extend(event["versions"])
        )
        cdp.send("ServiceWorker.enable")

        def activated():
            ours = [r for r in registrations if r["scopeURL"] == f"{base}/" and not r["isDeleted"]]
            live = [v for v in versions if v["status"] == "activated"]
            return ours and any(v["registrationId"] == ours[-1]["registrationId"] for v in live)

        deadline = time.monotonic() + 20
        while not activated() and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        assert activated(), (registrations, versions)
        registration = [r for r in registrations if r["scopeURL"] == f"{base}/"][-1]

        target = reverse("notifications:inbox")
        notification = services.notify(recipient=participant, kind="e2e_test", url=target)
        payload = webpush.payload_for(notification).decode()
        shown_script = (
            "navigator.serviceWorker.ready.then(r => r.getNotifications())"
            ".then(ns => ns.map(n => ({title: n.title, body: n.body, tag: n.tag, data: n.data})))"
            ".then(ns => ns.length ? ns : null)"
        )
        # DevTools' push delivery is occasionally dropped while the worker is still starting
        # on a busy machine; delivering the same message again is harmless (same tag: it
        # replaces itself), so try up to three times before failing.
        shown = None
        for _attempt in range(3):
            cdp.send(
                "ServiceWorker.deliverPushMessage",
                {"origin": base, "registrationId": registration["registrationId"], "data": payload},
            )
            try:
                shown = wait_for(page, shown_script, timeout=10.0)
                break
            except AssertionError:
                continue
        assert shown, "no notification shown after three deliveries"
        assert shown == [
            {
                "title": "Berdaya",
                "body": "Ada pemberitahuan baru untuk Anda.",
                "tag": json.loads(payload)["tag"],
                "data": {"url": target, "id": notification.pk},
            }
        ]

        # Tap it: the worker's notificationclick handler runs with that notification.
        [worker] = context.service_workers
        worker.evaluate(
            """() => self.registration.getNotifications().then(([n]) => self.dispatchEvent(
                 new NotificationEvent('notificationclick', {notification: n})))"""
        )
        page.wait_for_url(f"{base}{target}")
        assert page.locator("h1").inner_text() == "Notifikasi"
        page.screenshot(path=str(artifacts_dir / "notifications-inbox.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 362
    finally:
        context.close()
